import type { ColumnType, Generated } from "kysely";

// Loan products, loans, their schedules and repayments (migration 20261209100000).

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type BigIntColumn = ColumnType<string | number, number | bigint | string, number | bigint | string>;
type Fixed<T> = ColumnType<T, T, never>;
type DateColumn = ColumnType<string, string, string>;

export type LoanInterestMethod = "flat" | "equal_principal" | "annuity";
export type LoanFrequency = "monthly" | "weekly";
export type LoanStatus = "applied" | "approved" | "rejected" | "disbursed" | "paid_off";

export interface LoanProductTable {
  koperasi_id: string;
  id: string;
  code: string;
  name: string;
  status: Generated<"active" | "retired">;
  receivable_account_id: string;
  interest_income_account_id: string;
  charges_income_account_id: string;
  denda_income_account_id: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface LoanProductTermsTable {
  koperasi_id: string;
  product_id: string;
  effective_from: Fixed<string>;
  interest_method: Fixed<LoanInterestMethod>;
  monthly_rate_percent: Fixed<string>;
  repayment_frequency: Fixed<LoanFrequency>;
  tenor_min: Fixed<number>;
  tenor_max: Fixed<number>;
  amount_min: ColumnType<string | number, number, never>;
  amount_max: ColumnType<string | number, number, never>;
  round_to: ColumnType<number, number | undefined, never>;
  charges: ColumnType<unknown[], string | undefined, never>;
  denda_basis: ColumnType<"percent_per_day" | "flat_per_day" | null, "percent_per_day" | "flat_per_day" | null | undefined, never>;
  denda_rate_percent: ColumnType<string | null, string | null | undefined, never>;
  denda_amount: ColumnType<string | number | null, number | null | undefined, never>;
  denda_grace_days: ColumnType<number, number | undefined, never>;
  denda_cap_amount: ColumnType<string | number | null, number | null | undefined, never>;
  denda_cap_percent: ColumnType<string | null, string | null | undefined, never>;
  required_savings_percent: ColumnType<string, string | undefined, never>;
  second_approval_above: ColumnType<string | number | null, number | null | undefined, never>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface LoanTable {
  koperasi_id: string;
  id: string;
  member_id: string;
  product_id: string;
  terms_from: Fixed<string>;
  purpose: string;
  principal: BigIntColumn;
  tenor: number;
  channel: "staff" | "member";
  status: Generated<LoanStatus>;
  approvals_required: number;
  applied_by: string;
  applied_at: Timestamp;
  approved_at: Timestamp | null;
  rejected_by: string | null;
  rejected_at: Timestamp | null;
  rejection_reason: string | null;
  member_account_id: string | null;
  disbursed_on: DateColumn | null;
  disbursed_by: string | null;
  disbursed_to: "cash" | "savings" | null;
  disbursement_entry_id: string | null;
  savings_hold_id: string | null;
  paid_off_on: DateColumn | null;
}

export interface LoanApprovalTable {
  koperasi_id: string;
  loan_id: string;
  step: number;
  approved_by: string;
  approved_at: Timestamp;
}

export interface LoanInstallmentTable {
  koperasi_id: string;
  loan_id: string;
  period: number;
  due_date: Fixed<string>;
  principal_due: ColumnType<string | number, number, never>;
  interest_due: ColumnType<string | number, number, never>;
  principal_paid: ColumnType<string | number, number | undefined, number>;
  interest_paid: ColumnType<string | number, number | undefined, number>;
  interest_waived: ColumnType<string | number, number | undefined, number>;
  denda_accrued: ColumnType<string, string | undefined, string>;
  denda_accrued_through: DateColumn | null;
  denda_paid: ColumnType<string | number, number | undefined, number>;
}

export interface LoanRepaymentTable {
  koperasi_id: string;
  id: string;
  loan_id: string;
  entry_id: string;
  paid_from: "cash" | "savings";
  payoff: boolean;
  amount: BigIntColumn;
  denda: BigIntColumn;
  interest: BigIntColumn;
  principal: BigIntColumn;
  allocation: ColumnType<unknown[], string, never>;
  paid_on: Fixed<string>;
  created_by: string;
  created_at: Timestamp;
}

export interface LoanTables {
  loan_product: LoanProductTable;
  loan_product_terms: LoanProductTermsTable;
  loan: LoanTable;
  loan_approval: LoanApprovalTable;
  loan_installment: LoanInstallmentTable;
  loan_repayment: LoanRepaymentTable;
}
