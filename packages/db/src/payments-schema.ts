import type { ColumnType } from "kysely";

// The transaction PIN, the platform's commission and quotes, a cooperative's
// payment settings and the platform's notices to it (migration
// 20261209600000). Select dates with to_char(…, 'YYYY-MM-DD').

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type BigIntColumn = ColumnType<string, number | bigint | string, number | bigint | string>;

export interface TransactionPinTable {
  user_id: string;
  pin_hash: string;
  failures: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  set_at: Timestamp;
}

export interface CommissionRateTable {
  id: string;
  kind: string;
  /** Millionths of the amount: 7 500 is 0,75 %. */
  rate: number;
  maximum_fee: ColumnType<string | null, number | bigint | string | null, never>;
  effective_from: ColumnType<string, string, never>;
  set_by: string | null;
  set_at: CreatedAt;
}

export interface KoperasiPaymentSettingTable {
  koperasi_id: string;
  staff_pin_above: BigIntColumn;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface KoperasiFeeBearerTable {
  koperasi_id: string;
  kind: string;
  bearer: "member" | "koperasi";
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FeeQuoteTable {
  koperasi_id: string;
  id: string;
  user_id: string;
  kind: string;
  amount: BigIntColumn;
  fee: BigIntColumn;
  total: BigIntColumn;
  rate: number;
  maximum_fee: ColumnType<string | null, number | bigint | string | null, never>;
  bearer: "member" | "koperasi";
  commission_rate_id: string | null;
  payload_hash: string | null;
  expires_at: Timestamp;
  created_at: CreatedAt;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface KoperasiNoticeTable {
  koperasi_id: string;
  id: string;
  kind: string;
  title: string;
  body: string;
  created_at: CreatedAt;
}

export interface PaymentTables {
  transaction_pin: TransactionPinTable;
  commission_rate: CommissionRateTable;
  koperasi_payment_setting: KoperasiPaymentSettingTable;
  koperasi_fee_bearer: KoperasiFeeBearerTable;
  fee_quote: FeeQuoteTable;
  koperasi_notice: KoperasiNoticeTable;
}
