import type { ColumnType } from "kysely";

// SHU settings and each closed year's calculation (migration 20261209300000).
// Select dates with to_char(…, 'YYYY-MM-DD').

type DateColumn = ColumnType<string, string, never>;
type BigIntColumn = ColumnType<string | number, number | bigint | string, never>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type JasaModalMeasure = "daily_average" | "year_end_balance";
export type JasaUsahaMeasure = "interest_paid";

export interface ShuSettingTable {
  koperasi_id: string;
  effective_from: DateColumn;
  cadangan_bp: number;
  jasa_modal_bp: number;
  jasa_usaha_bp: number;
  dana_pengurus_bp: number;
  dana_karyawan_bp: number;
  dana_pendidikan_bp: number;
  dana_sosial_bp: number;
  jasa_modal_measure: ColumnType<JasaModalMeasure, JasaModalMeasure | undefined, never>;
  jasa_usaha_measure: ColumnType<JasaUsahaMeasure, JasaUsahaMeasure | undefined, never>;
  counted_product_ids: ColumnType<string[] | null, string[] | null | undefined, never>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ShuCalculationTable {
  koperasi_id: string;
  book_year: number;
  status: "calculated" | "reviewed" | "approved" | "distributed";
  shu_amount: ColumnType<string | number, number | bigint | string, number | bigint | string>;
  allocation: Json;
  pools: Json;
  unshared: Json;
  jasa_modal_measure: JasaModalMeasure;
  jasa_usaha_measure: JasaUsahaMeasure;
  counted_product_ids: string[];
  year_days: number;
  total_basis_jasa_modal: ColumnType<string | number, number | bigint | string, number | bigint | string>;
  total_basis_jasa_usaha: ColumnType<string | number, number | bigint | string, number | bigint | string>;
  members_total: ColumnType<string | number, number | bigint | string, number | bigint | string>;
  member_count: number;
  calculated_by: string | null;
  calculated_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  review_note: string | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  rat_date: ColumnType<string | null, string | null | undefined, string | null>;
  rat_note: string | null;
  distributed_by: string | null;
  distributed_at: Timestamp | null;
  distribution_method: "sukarela" | "cash" | null;
  distribution_entry_id: string | null;
}

export interface ShuMemberShareTable {
  koperasi_id: string;
  book_year: number;
  member_id: string;
  member_number: string;
  jasa_modal_basis: BigIntColumn;
  jasa_modal_exact: ColumnType<string, string, never>;
  jasa_modal_amount: BigIntColumn;
  jasa_usaha_basis: BigIntColumn;
  jasa_usaha_exact: ColumnType<string, string, never>;
  jasa_usaha_amount: BigIntColumn;
  total: BigIntColumn;
  paid_to_member_account_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ShuTables {
  shu_setting: ShuSettingTable;
  shu_calculation: ShuCalculationTable;
  shu_member_share: ShuMemberShareTable;
}
