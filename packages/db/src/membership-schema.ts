import type { ColumnType } from "kysely";

// Joining, leaving and screening (migration 20261128009300).

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type ApplicationState = "diajukan" | "disetujui" | "ditolak";
export type ScreeningMatchState = "held" | "cleared" | "confirmed";
export type ScreeningMatchedOn = "nik" | "nama" | "nama_tanggal_lahir";

export interface MembershipApplicationTable {
  koperasi_id: string;
  id: string;
  member_id: string;
  channel: "mandiri" | "loket";
  entered_by: string | null;
  applicant_user_id: string | null;
  verified_contact: string | null;
  state: ColumnType<ApplicationState, ApplicationState | undefined, ApplicationState>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  rejection_reason: string | null;
  created_at: CreatedAt;
}

export interface JoiningAccountTable {
  koperasi_id: string;
  account_id: string;
}

export interface MemberSettlementTable {
  koperasi_id: string;
  id: string;
  member_id: string;
  step: string;
  journal_entry_id: string;
  recipient: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ScreeningListVersionTable {
  id: string;
  list_name: string;
  version: number;
  file_sha256: string;
  entry_count: number;
  uploaded_by: string;
  uploaded_at: CreatedAt;
}

export interface ScreeningListEntryTable {
  version_id: string;
  line_no: number;
  name: string;
  aliases: string[];
  name_keys: string[];
  nik: string | null;
  birth_date: ColumnType<Date | null, string | null, never>;
  reference: string | null;
  entry_key: string;
}

export interface ScreeningRunTable {
  version_id: string;
  koperasi_id: string;
  members_checked: number;
  matches_held: number;
  finished_at: CreatedAt;
}

export interface ScreeningMatchTable {
  koperasi_id: string;
  id: string;
  member_id: string;
  version_id: string;
  line_no: number;
  entry_key: string;
  matched_on: ScreeningMatchedOn;
  listed_name: string;
  reference: string | null;
  state: ColumnType<ScreeningMatchState, ScreeningMatchState | undefined, ScreeningMatchState>;
  note: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface MembershipTables {
  membership_application: MembershipApplicationTable;
  joining_account: JoiningAccountTable;
  member_settlement: MemberSettlementTable;
  screening_list_version: ScreeningListVersionTable;
  screening_list_entry: ScreeningListEntryTable;
  screening_run: ScreeningRunTable;
  screening_match: ScreeningMatchTable;
}
