import type { ColumnType, Generated } from "kysely";

// Savings products, holds and withdrawals awaiting approval (migration 20261208100000).

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type BigIntColumn = ColumnType<string | number, number | bigint | string, number | bigint | string>;

export type SavingsKind = "pokok" | "wajib" | "sukarela" | "berjangka";

export interface SavingsProductTable {
  koperasi_id: string;
  id: string;
  kind: SavingsKind;
  code: string;
  name: string;
  account_id: string;
  status: Generated<"active" | "retired">;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SavingsProductTermsTable {
  koperasi_id: string;
  product_id: string;
  effective_from: ColumnType<string, string, never>;
  pokok_amount: ColumnType<string | number | null, number | null | undefined, never>;
  wajib_amount: ColumnType<string | number | null, number | null | undefined, never>;
  wajib_period: "monthly" | "quarterly" | "yearly" | null;
  wajib_class_amounts: ColumnType<Record<string, number>, string | undefined, never>;
  annual_rate_percent: ColumnType<string | null, string | null | undefined, never>;
  interest_method: "daily_balance" | "average_daily_balance" | "lowest_balance" | null;
  min_earning_balance: ColumnType<string | number, number | undefined, never>;
  min_balance: ColumnType<string | number, number | undefined, never>;
  tenor_months: number | null;
  interest_payout: "monthly" | "at_maturity" | null;
  auto_rollover: Generated<boolean>;
  early_withdrawal_penalty_percent: ColumnType<string | null, string | null | undefined, never>;
  dormant_after_months: number | null;
  withdrawal_approval_threshold: ColumnType<string | number | null, number | null | undefined, never>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SavingsHoldTable {
  koperasi_id: string;
  id: string;
  member_account_id: string;
  amount: BigIntColumn;
  reason: string;
  created_by: string;
  created_at: CreatedAt;
  released_by: string | null;
  released_at: Timestamp | null;
}

export type WithdrawalRequestStatus = "pending" | "approved" | "rejected";

export interface SavingsWithdrawalRequestTable {
  koperasi_id: string;
  id: string;
  member_account_id: string;
  amount: BigIntColumn;
  description: string;
  status: Generated<WithdrawalRequestStatus>;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  journal_entry_id: string | null;
}

export interface SavingsReceiptPrintTable {
  koperasi_id: string;
  entry_id: string;
  print_no: number;
  printed_by: string;
  printed_at: Timestamp;
}

export interface SavingsTables {
  savings_product: SavingsProductTable;
  savings_product_terms: SavingsProductTermsTable;
  savings_hold: SavingsHoldTable;
  savings_withdrawal_request: SavingsWithdrawalRequestTable;
  savings_receipt_print: SavingsReceiptPrintTable;
}
