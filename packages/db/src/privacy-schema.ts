import type { ColumnType } from "kysely";

// A member's consents and her requests about her personal data (migration 20261209700100).

type Timestamp = ColumnType<Date, Date | string, Date | string>;

type ConsentPurpose = "pemberitahuan" | "pemasaran" | "direktori_umkm";
type PrivacyRequestKind = "akses" | "perbaikan" | "pembatasan" | "penghapusan" | "keberatan";
type PrivacyRequestStatus = "diterima" | "diproses" | "selesai" | "ditolak";

export interface PrivacyConsentTable {
  koperasi_id: string;
  id: string;
  user_id: string;
  purpose: ConsentPurpose;
  given: boolean;
  notice_version: string;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface PrivacyRequestTable {
  koperasi_id: string;
  id: string;
  user_id: string;
  member_id: string | null;
  kind: PrivacyRequestKind;
  details: string;
  status: ColumnType<PrivacyRequestStatus, PrivacyRequestStatus | undefined, PrivacyRequestStatus>;
  received_at: ColumnType<Date, Date | string, never>;
  due_at: ColumnType<Date, Date | string, never>;
  answer: string | null;
  handled_by: string | null;
  handled_at: Timestamp | null;
}

export interface BreachDrillTable {
  koperasi_id: string;
  id: string;
  started_by: string;
  started_at: ColumnType<Date, Date | string, never>;
  due_at: ColumnType<Date, Date | string, never>;
  notice_title: string;
  notice_body: string;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
}

export interface PrivacyTables {
  privacy_consent: PrivacyConsentTable;
  privacy_request: PrivacyRequestTable;
  breach_drill: BreachDrillTable;
}
