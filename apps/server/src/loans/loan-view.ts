import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { Loan, LoanQuery } from "@koperasi/contracts";
import type { DB, LoanStatus } from "@koperasi/db";
import type { CommandContext } from "../command/command-context";
import { rupiahFromDb } from "../ledger/amounts";
import { loanError } from "./errors";
import { outstandingPrincipal, owedToday } from "./owed";

// A loan as staff and the member see it: its terms, approvals, the schedule
// fixed at disbursement with what each installment has been paid, what is
// outstanding, and the next installment due.

export type LoanDto = z.infer<typeof Loan>;

export interface LoanRow {
  id: string;
  member_id: string;
  member_number: string;
  full_name: string;
  member_user_id: string | null;
  product_id: string;
  product_code: string;
  product_name: string;
  terms_from: string;
  purpose: string;
  principal: string;
  tenor: number;
  channel: "staff" | "member";
  status: LoanStatus;
  approvals_required: number;
  applied_by: string;
  applied_at: Date;
  rejected_by: string | null;
  rejected_at: Date | null;
  rejection_reason: string | null;
  member_account_id: string | null;
  disbursed_on: string | null;
  disbursed_to: "cash" | "savings" | null;
  disbursement_entry_id: string | null;
  savings_hold_id: string | null;
  paid_off_on: string | null;
}

function loanRows(trx: Transaction<DB>, koperasiId: string, where: ReturnType<typeof sql>, lock = false) {
  return sql<LoanRow>`
    SELECT l.id, l.member_id, m.member_number, m.full_name, m.user_id AS member_user_id, l.product_id, p.code AS product_code, p.name AS product_name,
           to_char(l.terms_from, 'YYYY-MM-DD') AS terms_from, l.purpose, l.principal::text AS principal, l.tenor, l.channel, l.status,
           l.approvals_required, l.applied_by, l.applied_at, l.rejected_by, l.rejected_at, l.rejection_reason, l.member_account_id,
           to_char(l.disbursed_on, 'YYYY-MM-DD') AS disbursed_on, l.disbursed_to, l.disbursement_entry_id, l.savings_hold_id,
           to_char(l.paid_off_on, 'YYYY-MM-DD') AS paid_off_on
    FROM loan l
    JOIN member m ON m.koperasi_id = l.koperasi_id AND m.id = l.member_id
    JOIN loan_product p ON p.koperasi_id = l.koperasi_id AND p.id = l.product_id
    WHERE l.koperasi_id = ${koperasiId}::uuid AND ${where}
    ORDER BY l.applied_at DESC, l.id DESC
    LIMIT 200
    ${lock ? sql`FOR UPDATE OF l` : sql``}`.execute(trx);
}

/** The loan's row; locked FOR UPDATE when `lock` (every decision and posting takes it first). */
export async function loanRow(trx: Transaction<DB>, koperasiId: string, id: string, options: { lock: boolean }): Promise<LoanRow> {
  const { rows } = await loanRows(trx, koperasiId, sql`l.id = ${id}::uuid`, options.lock);
  const row = rows[0];
  if (!row) throw loanError("loan_unknown");
  return row;
}

type Reader = Pick<CommandContext, "trx" | "koperasiId" | "today">;

async function dto(cmd: Reader, row: LoanRow): Promise<LoanDto> {
  const { trx, koperasiId } = cmd;
  const { rows: installments, quote } = await owedToday(cmd, row, { store: false });
  const approvals = await trx
    .selectFrom("loan_approval")
    .select(["step", "approved_by", "approved_at"])
    .where("koperasi_id", "=", koperasiId)
    .where("loan_id", "=", row.id)
    .orderBy("step")
    .execute();
  const next = installments.find((i) => i.principal_paid < i.principal_due || i.interest_paid + i.interest_waived < i.interest_due);
  return {
    id: row.id,
    memberId: row.member_id,
    memberNumber: row.member_number,
    memberName: row.full_name,
    productId: row.product_id,
    productCode: row.product_code,
    productName: row.product_name,
    principal: rupiahFromDb(row.principal),
    tenor: row.tenor,
    purpose: row.purpose,
    channel: row.channel,
    status: row.status,
    approvalsRequired: row.approvals_required,
    approvals: approvals.map((a) => ({ step: a.step, approvedBy: a.approved_by, approvedAt: new Date(a.approved_at).toISOString() })),
    appliedBy: row.applied_by,
    appliedAt: new Date(row.applied_at).toISOString(),
    rejection:
      row.rejected_at && row.rejected_by ? { by: row.rejected_by, at: new Date(row.rejected_at).toISOString(), reason: row.rejection_reason ?? "" } : null,
    memberAccountId: row.member_account_id,
    disbursedOn: row.disbursed_on,
    disbursedTo: row.disbursed_to,
    disbursementEntryId: row.disbursement_entry_id,
    outstandingPrincipal: row.disbursement_entry_id ? outstandingPrincipal(installments) : 0,
    paidOffOn: row.paid_off_on,
    schedule: installments.map((i) => ({
      period: i.period,
      dueDate: i.due_date,
      principal: i.principal_due,
      interest: i.interest_due,
      installment: i.principal_due + i.interest_due,
      principalPaid: i.principal_paid,
      interestPaid: i.interest_paid,
      interestWaived: i.interest_waived,
      dendaPaid: i.denda_paid,
    })),
    payoff: row.status === "disbursed" ? { asOf: cmd.today, ...quote } : null,
    nextDue:
      row.status === "disbursed" && next
        ? { period: next.period, dueDate: next.due_date, amount: next.principal_due - next.principal_paid + next.interest_due - next.interest_paid - next.interest_waived }
        : null,
  };
}

export async function findLoan(cmd: Reader, id: string): Promise<LoanDto> {
  return dto(cmd, await loanRow(cmd.trx, cmd.koperasiId, id, { lock: false }));
}

/** The newest 200 loans, of one status or one member; a member's own when `ownUserId`. */
export async function listLoans(cmd: Reader, query: z.infer<typeof LoanQuery>, ownUserId?: string): Promise<LoanDto[]> {
  const conditions = [sql`true`];
  if (query.status) conditions.push(sql`l.status = ${query.status}`);
  if (query.memberId) conditions.push(sql`l.member_id = ${query.memberId}::uuid`);
  if (ownUserId) conditions.push(sql`m.user_id = ${ownUserId}`);
  const { rows } = await loanRows(cmd.trx, cmd.koperasiId, sql.join(conditions, sql` AND `));
  const loans: LoanDto[] = [];
  for (const row of rows) loans.push(await dto(cmd, row));
  return loans;
}
