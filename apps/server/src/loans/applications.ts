import { sql } from "kysely";
import type { z } from "zod";
import type { ApplyForLoan } from "@koperasi/contracts";
import { disbursementCharges, formatRupiah, isDomainError, parsePercent, applyRate, repaymentSchedule, rupiah, type Rupiah } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { accountStanding, counterAccount, type AccountStanding } from "../savings/counter";
import { loanError } from "./errors";
import { findLoan, loanRow, type LoanDto } from "./loan-view";
import { chargeRulesOf, findLoanProduct, scheduleTermsOf, type Terms } from "./products";

// Applying for a loan and deciding on it. An application names the member,
// the product, the amount, the tenor and the purpose; it is checked against
// the product's terms of the day, which stay the loan's terms. A pengurus
// other than whoever entered it approves (maker–checker); above the
// product's threshold a second, different pengurus approves too. Nothing
// is posted until the loan is disbursed.

interface Borrower {
  id: string;
  memberNumber: string;
  fullName: string;
}

/** The member the application is for: her own record when she applies herself. */
async function borrower(cmd: CommandContext, memberId: string | undefined): Promise<Borrower> {
  const self = cmd.action === "loans.apply_self";
  let query = cmd.trx.selectFrom("member").select(["id", "member_number", "full_name", "status"]).where("koperasi_id", "=", cmd.koperasiId);
  if (self) query = query.where("user_id", "=", cmd.actor.userId);
  else if (memberId) query = query.where("id", "=", memberId);
  else throw loanError("member_required", { field: "body.memberId" });
  const member = await query.executeTakeFirst();
  if (!member) throw self ? loanError("no_own_member_record") : loanError("member_unknown", { field: "body.memberId" });
  await checkStillMember(cmd, member.id, member.status);
  return { id: member.id, memberNumber: member.member_number, fullName: member.full_name };
}

/** Loans are for active members only; one whose leaving settlement has begun is leaving. */
export async function checkStillMember(cmd: CommandContext, memberId: string, status: string): Promise<void> {
  const leaving = await cmd.trx
    .selectFrom("member_settlement")
    .select("member_id")
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("member_id", "=", memberId)
    .executeTakeFirst();
  if (status !== "aktif" || leaving) throw loanError("not_a_member", { field: cmd.action === "loans.apply_self" ? "body" : "body.memberId" });
}

/**
 * Her open sukarela accounts, each with what may be taken from it now, most
 * available first. `lock` takes them as the counter does (in a fixed order),
 * so a withdrawal at the same moment waits and then sees the hold.
 */
export async function sukarelaStandings(cmd: CommandContext, memberId: string, options: { lock: boolean } = { lock: false }): Promise<AccountStanding[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT ma.id FROM member_account ma JOIN savings_product p ON p.koperasi_id = ma.koperasi_id AND p.id = ma.savings_product_id
    WHERE ma.koperasi_id = ${cmd.koperasiId}::uuid AND ma.member_id = ${memberId}::uuid AND ma.status = 'open' AND p.kind = 'sukarela'
    ORDER BY ma.created_at`.execute(cmd.trx);
  const standings: AccountStanding[] = [];
  for (const row of rows) standings.push(await accountStanding(cmd, await counterAccount(cmd, row.id, { lock: options.lock })));
  return standings.sort((a, b) => b.available - a.available);
}

/** The product's required savings for a principal, rounded half-up. */
export function requiredSavings(terms: Terms, principal: number): Rupiah {
  return applyRate(rupiah(principal), parsePercent(terms.requiredSavingsPercent));
}

/** The sukarela account that holds the required savings, or a refusal naming how much is missing. */
export async function requiredSavingsAccount(cmd: CommandContext, memberId: string, required: number, field: string, options: { lock: boolean } = { lock: false }): Promise<AccountStanding | null> {
  if (required === 0) return null;
  const [best] = await sukarelaStandings(cmd, memberId, options);
  if (!best || best.available < required) {
    throw loanError("required_savings_short", { field, vars: { required: formatRupiah(rupiah(required)), available: formatRupiah(rupiah(best?.available ?? 0)) } });
  }
  return best;
}

function checkAmount(principal: number): void {
  if (!Number.isSafeInteger(principal)) throw loanError("amount_not_integer", { field: "body.principal" });
  if (principal <= 0) throw loanError("amount_not_positive", { field: "body.principal" });
}

/** The terms make a schedule and leave something to pay out: checked when applying, so disbursement cannot fail on them. */
export function checkLoanFits(terms: Terms, principal: number, tenor: number): void {
  try {
    repaymentSchedule(scheduleTermsOf(terms, principal, tenor));
    disbursementCharges(rupiah(principal), chargeRulesOf(terms));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === "loan_charges_exceed_principal") throw loanError("charges_exceed_principal", { field: "body.principal" });
    throw loanError("schedule_impossible", { field: "body.principal" });
  }
}

export async function applyForLoan(cmd: CommandContext, input: z.infer<typeof ApplyForLoan>): Promise<LoanDto> {
  checkAmount(input.principal);
  const member = await borrower(cmd, input.memberId);
  const product = await findLoanProduct(cmd.trx, cmd.koperasiId, input.productId, cmd.today, "body.productId");
  if (product.status !== "active") throw loanError("product_retired", { field: "body.productId" });
  const terms = product.terms;
  if (input.principal < terms.amountMin || input.principal > terms.amountMax) {
    throw loanError("amount_outside_product", { field: "body.principal", vars: { min: formatRupiah(rupiah(terms.amountMin)), max: formatRupiah(rupiah(terms.amountMax)) } });
  }
  if (input.tenor < terms.tenorMin || input.tenor > terms.tenorMax) {
    throw loanError("tenor_outside_product", { field: "body.tenor", vars: { min: String(terms.tenorMin), max: String(terms.tenorMax) } });
  }
  checkLoanFits(terms, input.principal, input.tenor);
  await requiredSavingsAccount(cmd, member.id, requiredSavings(terms, input.principal), "body.principal");
  const id = cmd.newId();
  const approvalsRequired = terms.secondApprovalAbove !== null && input.principal > terms.secondApprovalAbove ? 2 : 1;
  await cmd.trx
    .insertInto("loan")
    .values({
      koperasi_id: cmd.koperasiId,
      id,
      member_id: member.id,
      product_id: product.id,
      terms_from: terms.effectiveFrom,
      purpose: input.purpose,
      principal: input.principal,
      tenor: input.tenor,
      channel: cmd.action === "loans.apply_self" ? "member" : "staff",
      approvals_required: approvalsRequired,
      applied_by: cmd.actor.userId,
      applied_at: cmd.now,
    })
    .execute();
  await cmd.audit({
    action: "loans.apply",
    targetType: "loan",
    targetId: id,
    details: { memberNumber: member.memberNumber, product: product.code, principal: input.principal, tenor: input.tenor },
  });
  return findLoan(cmd, id);
}

async function awaitingDecision(cmd: CommandContext, loanId: string) {
  const loan = await loanRow(cmd.trx, cmd.koperasiId, loanId, { lock: true });
  if (loan.status !== "applied") throw loanError("not_awaiting_decision", { vars: { status: loan.status } });
  if (loan.applied_by === cmd.actor.userId) throw loanError("maker_cannot_approve");
  // A pengurus who borrows is a related party: her own loan is decided by others.
  if (loan.member_user_id === cmd.actor.userId) throw loanError("borrower_cannot_decide");
  return loan;
}

/** One pengurus' approval; the last one required makes the loan approved, ready to disburse. */
export async function approveLoan(cmd: CommandContext, loanId: string): Promise<LoanDto> {
  const loan = await awaitingDecision(cmd, loanId);
  const approvals = await cmd.trx.selectFrom("loan_approval").select(["step", "approved_by"]).where("koperasi_id", "=", cmd.koperasiId).where("loan_id", "=", loanId).execute();
  if (approvals.some((a) => a.approved_by === cmd.actor.userId)) throw loanError("already_approved_by_you");
  const step = approvals.length + 1;
  await cmd.trx.insertInto("loan_approval").values({ koperasi_id: cmd.koperasiId, loan_id: loanId, step, approved_by: cmd.actor.userId, approved_at: cmd.now }).execute();
  if (step >= loan.approvals_required) {
    await cmd.trx.updateTable("loan").set({ status: "approved", approved_at: cmd.now }).where("koperasi_id", "=", cmd.koperasiId).where("id", "=", loanId).execute();
  }
  await cmd.audit({ action: "loans.approve", targetType: "loan", targetId: loanId, details: { step, of: loan.approvals_required } });
  return findLoan(cmd, loanId);
}

export async function rejectLoan(cmd: CommandContext, loanId: string, reason: string): Promise<LoanDto> {
  await awaitingDecision(cmd, loanId);
  await cmd.trx
    .updateTable("loan")
    .set({ status: "rejected", rejected_by: cmd.actor.userId, rejected_at: cmd.now, rejection_reason: reason })
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("id", "=", loanId)
    .execute();
  await cmd.audit({ action: "loans.reject", targetType: "loan", targetId: loanId, details: { reason } });
  return findLoan(cmd, loanId);
}
