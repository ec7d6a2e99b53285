import type { ColumnType } from "kysely";

// What the end-of-day savings jobs keep (migration 20261208200100). Select
// dates with to_char(…, 'YYYY-MM-DD').

type DateColumn = ColumnType<string, string, never>;
type BigIntColumn = ColumnType<string | number, number | bigint | string, never>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface SavingsInterestDayTable {
  koperasi_id: string;
  member_account_id: string;
  business_date: DateColumn;
  balance: BigIntColumn;
  annual_rate_percent: ColumnType<string, string, never>;
  interest_method: "daily_balance" | "average_daily_balance" | "lowest_balance";
  min_earning_balance: BigIntColumn;
}

export interface SavingsInterestPostingTable {
  koperasi_id: string;
  id: string;
  member_id: string;
  member_account_id: string;
  period: string;
  kind: "sukarela_interest" | "tax_catch_up";
  business_date: DateColumn;
  interest: BigIntColumn;
  tax: BigIntColumn;
  journal_entry_id: string;
}

export interface WajibBillTable {
  koperasi_id: string;
  member_id: string;
  period: string;
  amount: BigIntColumn;
  billed_on: DateColumn;
}

export interface WajibAutoDebitTable {
  koperasi_id: string;
  member_id: string;
  from_member_account_id: string;
  created_at: CreatedAt;
}

export interface SavingsDormancyTable {
  koperasi_id: string;
  member_account_id: string;
  dormant_on: DateColumn;
  last_movement_on: DateColumn;
}

export interface SavingsJobTables {
  savings_interest_day: SavingsInterestDayTable;
  savings_interest_posting: SavingsInterestPostingTable;
  wajib_bill: WajibBillTable;
  wajib_auto_debit: WajibAutoDebitTable;
  savings_dormancy: SavingsDormancyTable;
}
