import { sql } from "kysely";
import type { z } from "zod";
import type { DisburseLoan, RepayLoan } from "@koperasi/contracts";
import {
  allocateRepayment,
  availableBalance,
  disbursementCharges,
  formatRupiah,
  installmentDueDates,
  repaymentSchedule,
  rupiah,
  withdrawalRefusal,
  type RepaymentAllocation,
} from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { postableAccountId } from "../ledger/accounts";
import { openMemberAccount } from "../ledger/member-accounts";
import { postEntry, type PostEntryLine, type PostedEntry } from "../ledger/post-entry";
import { accountStanding, counterAccount, COUNTER_CASH_CODE } from "../savings/counter";
import { savingsError } from "../savings/errors";
import { checkStillMember, requiredSavings, requiredSavingsAccount } from "./applications";
import { loanError } from "./errors";
import { loanRow, type LoanRow } from "./loan-view";
import { outstandingPrincipal, owedToday } from "./owed";
import { chargeRulesOf, findLoanProduct, loanTerms, scheduleTermsOf } from "./products";

// A loan's money: the disbursement (pencairan) and each repayment (angsuran),
// the payoff being the repayment that clears it. Each runs with the loan
// locked, so two at once on one loan are taken one after the other and the
// second sees what the first paid; each posts one entry through the one
// posting path.
//
// Disbursement: debit the loan's own account under the receivable control
// account with the principal; credit Kas (or her sukarela) with what she
// receives, and charges income with every charge (those paid in cash come
// into Kas). Repayment: debit Kas (or her sukarela); credit the loan's
// account with the principal part, interest income and denda income with
// theirs. Interest, charges and denda are income when paid.

export interface LoanMoney {
  posted: PostedEntry;
  loanId: string;
  allocation: RepaymentAllocation | null;
}

async function cashAccount(cmd: CommandContext): Promise<string> {
  const id = await postableAccountId(cmd.trx, cmd.koperasiId, COUNTER_CASH_CODE);
  if (!id) throw loanError("account_missing", { vars: { code: COUNTER_CASH_CODE } });
  return id;
}

/** The borrower's own open sukarela account named in the request, locked as the counter locks it. */
async function borrowersSukarela(cmd: CommandContext, loan: LoanRow, savingsAccountId: string | undefined) {
  if (!savingsAccountId) throw loanError("savings_account_required", { field: "body.savingsAccountId" });
  const account = await counterAccount(cmd, savingsAccountId, { lock: true, path: "body.savingsAccountId" });
  if (account.memberId !== loan.member_id || account.kind !== "sukarela" || account.status !== "open") {
    throw loanError("savings_account_invalid", { field: "body.savingsAccountId" });
  }
  return account;
}

/** Pays out an approved loan: its own receivable account, the schedule fixed from today, the required savings held. */
export async function disburseLoan(cmd: CommandContext, loanId: string, input: z.infer<typeof DisburseLoan>): Promise<LoanMoney> {
  const loan = await loanRow(cmd.trx, cmd.koperasiId, loanId, { lock: true });
  if (loan.status !== "approved") throw loanError("not_approved", { vars: { status: loan.status } });
  const member = await cmd.trx.selectFrom("member").select("status").where("koperasi_id", "=", cmd.koperasiId).where("id", "=", loan.member_id).executeTakeFirstOrThrow();
  await checkStillMember(cmd, loan.member_id, member.status);
  const product = await findLoanProduct(cmd.trx, cmd.koperasiId, loan.product_id, cmd.today);
  const terms = await loanTerms(cmd.trx, cmd.koperasiId, loan.product_id, loan.terms_from);
  const principal = rupiah(Number(loan.principal));
  const schedule = repaymentSchedule(scheduleTermsOf(terms, principal, loan.tenor));
  const charges = disbursementCharges(principal, chargeRulesOf(terms));
  const dueDates = installmentDueDates(cmd.today, loan.tenor, terms.repaymentFrequency);
  const target = input.to === "savings" ? await borrowersSukarela(cmd, loan, input.savingsAccountId) : null;
  const required = requiredSavings(terms, principal);
  // Locked: the hold is placed on money a withdrawal at the same moment cannot take away.
  const holdOn = await requiredSavingsAccount(cmd, loan.member_id, required, "body", { lock: true });

  const kas = input.to === "cash" || charges.paidInCash > 0 ? await cashAccount(cmd) : null;
  const receivableAccount = cmd.newId();
  await openMemberAccount(cmd.trx, { koperasiId: cmd.koperasiId, id: receivableAccount, memberId: loan.member_id, controlAccountId: product.accounts.receivable.id, now: cmd.now });
  const kasNet = charges.paidInCash - (input.to === "cash" ? charges.netDisbursed : 0);
  const lines: PostEntryLine[] = [
    { accountId: product.accounts.receivable.id, memberAccountId: receivableAccount, debit: principal },
    ...(kas && kasNet > 0 ? [{ accountId: kas, debit: kasNet }] : []),
    ...(target ? [{ accountId: target.accountId, memberAccountId: target.id, credit: charges.netDisbursed }] : []),
    ...(kas && kasNet < 0 ? [{ accountId: kas, credit: -kasNet }] : []),
    ...(charges.total > 0 ? [{ accountId: product.accounts.chargesIncome.id, credit: charges.total }] : []),
  ];
  const posted = await postEntry(cmd.trx, {
    koperasiId: cmd.koperasiId,
    source: "loan_disbursement",
    sourceRef: loan.id,
    businessDate: cmd.today,
    description: `Pencairan pinjaman ${product.code} ${loan.member_number} ${loan.full_name} ${formatRupiah(principal)}`,
    createdBy: cmd.actor.userId,
    lines,
    postedAt: cmd.now,
    newId: cmd.newId,
  });
  await cmd.trx
    .insertInto("loan_installment")
    .values(
      schedule.installments.map((row, i) => ({
        koperasi_id: cmd.koperasiId,
        loan_id: loan.id,
        period: row.period,
        due_date: dueDates[i] ?? cmd.today,
        principal_due: row.principal,
        interest_due: row.interest,
      })),
    )
    .execute();
  let holdId: string | null = null;
  if (holdOn && required > 0) {
    holdId = cmd.newId();
    await cmd.trx
      .insertInto("savings_hold")
      .values({
        koperasi_id: cmd.koperasiId,
        id: holdId,
        member_account_id: holdOn.account.id,
        amount: required,
        reason: `Syarat simpanan pinjaman ${product.code} (${formatRupiah(principal)})`,
        created_by: cmd.actor.userId,
        created_at: cmd.now,
      })
      .execute();
  }
  await cmd.trx
    .updateTable("loan")
    .set({
      status: "disbursed",
      member_account_id: receivableAccount,
      disbursed_on: cmd.today,
      disbursed_by: cmd.actor.userId,
      disbursed_to: input.to,
      disbursement_entry_id: posted.id,
      savings_hold_id: holdId,
    })
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("id", "=", loan.id)
    .execute();
  await cmd.audit({ action: "loans.disburse", targetType: "loan", targetId: loan.id, details: { voucherNo: posted.voucherNo, to: input.to, charges: charges.total } });
  return { posted, loanId: loan.id, allocation: null };
}

/**
 * A repayment in cash or from her sukarela, split denda → interest due →
 * principal, oldest installment first. One equal to the payoff clears the
 * loan: interest of installments not yet due is waived, the held savings
 * released. One above the payoff is refused.
 */
export async function repayLoan(cmd: CommandContext, loanId: string, input: z.infer<typeof RepayLoan>): Promise<LoanMoney> {
  if (!Number.isSafeInteger(input.amount)) throw loanError("amount_not_integer", { field: "body.amount" });
  if (input.amount <= 0) throw loanError("amount_not_positive", { field: "body.amount" });
  const loan = await loanRow(cmd.trx, cmd.koperasiId, loanId, { lock: true });
  if (loan.status !== "disbursed" || !loan.member_account_id) throw loanError("not_disbursed", { vars: { status: loan.status } });
  const { rows, owed, quote } = await owedToday(cmd, loan, { store: true });
  if (input.amount > quote.total) throw loanError("exceeds_payoff", { field: "body.amount", vars: { payoff: formatRupiah(quote.total) } });
  const amount = rupiah(input.amount);
  const allocation = allocateRepayment(owed, amount, cmd.today);
  const product = await findLoanProduct(cmd.trx, cmd.koperasiId, loan.product_id, cmd.today);

  let debit: PostEntryLine;
  if (input.from === "savings") {
    const account = await borrowersSukarela(cmd, loan, input.savingsAccountId);
    const standing = await accountStanding(cmd, account);
    // The savings held for this very loan may be spent on it; the counter's other rules stand.
    const heldForLoan = loan.savings_hold_id ? await heldAmount(cmd, loan.savings_hold_id, account.id) : 0;
    const check = { balance: account.balance, held: standing.held - heldForLoan, minBalance: standing.minBalance };
    const refusal = withdrawalRefusal({ ...check, kind: "sukarela", memberStatus: account.memberStatus, accountStatus: account.status, dormant: standing.dormant, amount });
    if (refusal === "exceeds_available") throw savingsError(refusal, { field: "body.amount", vars: { available: formatRupiah(rupiah(availableBalance(check))) } });
    if (refusal) throw savingsError(refusal, { field: "body.savingsAccountId", vars: { kind: "sukarela" } });
    debit = { accountId: account.accountId, memberAccountId: account.id, debit: amount };
  } else {
    debit = { accountId: await cashAccount(cmd), debit: amount };
  }
  const payoff = amount === quote.total;
  const lines: PostEntryLine[] = [
    debit,
    ...(allocation.principal > 0 ? [{ accountId: product.accounts.receivable.id, memberAccountId: loan.member_account_id, credit: allocation.principal }] : []),
    ...(allocation.interest > 0 ? [{ accountId: product.accounts.interestIncome.id, credit: allocation.interest }] : []),
    ...(allocation.denda > 0 ? [{ accountId: product.accounts.dendaIncome.id, credit: allocation.denda }] : []),
  ];
  const posted = await postEntry(cmd.trx, {
    koperasiId: cmd.koperasiId,
    source: "loan_repayment",
    sourceRef: loan.id,
    businessDate: cmd.today,
    description: `${payoff ? "Pelunasan" : "Angsuran"} pinjaman ${product.code} ${loan.member_number} ${loan.full_name}`,
    createdBy: cmd.actor.userId,
    lines,
    postedAt: cmd.now,
    newId: cmd.newId,
  });
  for (const part of allocation.installments) {
    const row = rows.find((r) => r.period === part.period);
    if (!row) continue;
    await cmd.trx
      .updateTable("loan_installment")
      .set({ principal_paid: row.principal_paid + part.principal, interest_paid: row.interest_paid + part.interest, denda_paid: row.denda_paid + part.denda })
      .where("koperasi_id", "=", cmd.koperasiId)
      .where("loan_id", "=", loan.id)
      .where("period", "=", part.period)
      .execute();
  }
  await cmd.trx
    .insertInto("loan_repayment")
    .values({
      koperasi_id: cmd.koperasiId,
      id: posted.id,
      loan_id: loan.id,
      entry_id: posted.id,
      paid_from: input.from,
      payoff,
      amount,
      denda: allocation.denda,
      interest: allocation.interest,
      principal: allocation.principal,
      allocation: JSON.stringify(allocation.installments),
      paid_on: cmd.today,
      created_by: cmd.actor.userId,
      created_at: cmd.now,
    })
    .execute();
  if (outstandingPrincipal(rows) === allocation.principal) await closeLoan(cmd, loan);
  await cmd.audit({ action: payoff ? "loans.payoff" : "loans.repay", targetType: "loan", targetId: loan.id, details: { voucherNo: posted.voucherNo, amount, from: input.from } });
  return { posted, loanId: loan.id, allocation };
}

async function heldAmount(cmd: CommandContext, holdId: string, memberAccountId: string): Promise<number> {
  const hold = await cmd.trx
    .selectFrom("savings_hold")
    .select("amount")
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("id", "=", holdId)
    .where("member_account_id", "=", memberAccountId)
    .where("released_at", "is", null)
    .executeTakeFirst();
  return hold ? Number(hold.amount) : 0;
}

/** All principal repaid: the interest of installments not yet due is never charged, the held savings go free. */
async function closeLoan(cmd: CommandContext, loan: LoanRow): Promise<void> {
  await cmd.trx
    .updateTable("loan_installment")
    .set({ interest_waived: sql<number>`interest_due - interest_paid` })
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("loan_id", "=", loan.id)
    .execute();
  await cmd.trx.updateTable("loan").set({ status: "paid_off", paid_off_on: cmd.today }).where("koperasi_id", "=", cmd.koperasiId).where("id", "=", loan.id).execute();
  if (loan.savings_hold_id) {
    await cmd.trx
      .updateTable("savings_hold")
      .set({ released_by: cmd.actor.userId, released_at: cmd.now })
      .where("koperasi_id", "=", cmd.koperasiId)
      .where("id", "=", loan.savings_hold_id)
      .where("released_at", "is", null)
      .execute();
  }
}
