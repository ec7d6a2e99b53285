import { sql, type Transaction } from "kysely";
import type { CommandContext } from "../command/command-context";
import type { DB } from "@koperasi/db";
import {
  dendaCaughtUp,
  dendaDue,
  dendaFromDecimal,
  dendaToDecimal,
  payoffQuote,
  rupiah,
  sumRupiah,
  type BusinessDate,
  type InstallmentOwed,
} from "@koperasi/domain";
import { rupiahFromDb } from "../ledger/amounts";
import type { LoanRow } from "./loan-view";
import { dendaRuleOf, loanTerms } from "./products";

// What a running loan owes: its installments as fixed at disbursement, with
// what each has been paid, and denda brought up to a day by the product's
// rule. A read computes it; a repayment stores the accrual it brought up.

export interface InstallmentRow {
  period: number;
  due_date: string;
  principal_due: number;
  interest_due: number;
  principal_paid: number;
  interest_paid: number;
  interest_waived: number;
  denda_accrued: string;
  denda_accrued_through: string | null;
  denda_paid: number;
}

export async function installmentRows(trx: Transaction<DB>, koperasiId: string, loanId: string): Promise<InstallmentRow[]> {
  const { rows } = await sql<InstallmentRow>`
    SELECT period, to_char(due_date, 'YYYY-MM-DD') AS due_date, principal_due::int8 AS principal_due, interest_due::int8 AS interest_due,
           principal_paid::int8 AS principal_paid, interest_paid::int8 AS interest_paid, interest_waived::int8 AS interest_waived,
           denda_accrued::text AS denda_accrued, to_char(denda_accrued_through, 'YYYY-MM-DD') AS denda_accrued_through, denda_paid::int8 AS denda_paid
    FROM loan_installment WHERE koperasi_id = ${koperasiId}::uuid AND loan_id = ${loanId}::uuid ORDER BY period`.execute(trx);
  return rows.map((row) => ({
    ...row,
    principal_due: rupiahFromDb(row.principal_due),
    interest_due: rupiahFromDb(row.interest_due),
    principal_paid: rupiahFromDb(row.principal_paid),
    interest_paid: rupiahFromDb(row.interest_paid),
    interest_waived: rupiahFromDb(row.interest_waived),
    denda_paid: rupiahFromDb(row.denda_paid),
  }));
}

/** Principal not yet repaid: the whole loan before disbursement's schedule exists, nothing once paid off. */
export function outstandingPrincipal(installments: readonly InstallmentRow[]): number {
  return sumRupiah(installments.map((row) => rupiah(row.principal_due - row.principal_paid)));
}

/** What is owed on each installment today, with denda brought up to today; stored so only when a repayment is taken. */
export async function owedToday(cmd: Pick<CommandContext, "trx" | "koperasiId" | "today">, loan: Pick<LoanRow, "id" | "product_id" | "terms_from">, options: { store: boolean }) {
  const terms = await loanTerms(cmd.trx, cmd.koperasiId, loan.product_id, loan.terms_from);
  const rule = dendaRuleOf(terms);
  const rows = await installmentRows(cmd.trx, cmd.koperasiId, loan.id);
  const owed: InstallmentOwed[] = [];
  for (const row of rows) {
    const interest = row.interest_due - row.interest_paid - row.interest_waived;
    const principal = row.principal_due - row.principal_paid;
    let accrued = dendaFromDecimal(row.denda_accrued);
    if (rule && row.due_date < cmd.today && interest + principal > 0) {
      const state = dendaCaughtUp(rule, row.due_date, rupiah(interest + principal), { accrued, through: row.denda_accrued_through }, cmd.today);
      accrued = state.accrued;
      if (options.store) {
        await cmd.trx
          .updateTable("loan_installment")
          .set({ denda_accrued: dendaToDecimal(accrued), denda_accrued_through: state.through })
          .where("koperasi_id", "=", cmd.koperasiId)
          .where("loan_id", "=", loan.id)
          .where("period", "=", row.period)
          .execute();
      }
    }
    owed.push({ period: row.period, dueDate: row.due_date as BusinessDate, denda: rupiah(Math.max(0, dendaDue(accrued) - row.denda_paid)), interest: rupiah(interest), principal: rupiah(principal) });
  }
  return { rows, owed, quote: payoffQuote(owed, cmd.today) };
}

