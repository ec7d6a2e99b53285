import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import {
  accountsLeftUnsettled,
  formatRupiah,
  payoutDescription,
  planSavingsPayout,
  type BusinessDate,
  type PlannedSettlement,
  type Rupiah,
  type SettlementAccount,
} from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { notFound } from "../errors/app-error";
import { rupiahFromDb } from "../ledger/amounts";
import { postEntry } from "../ledger/post-entry";
import { changeMemberStatus } from "../members/member-status";
import { memberHasBalance, memberHoldsOffice, membershipError } from "./errors";

// Leaving the cooperative: keluar (she resigns), meninggal (she died; her
// savings go to her heirs) or diberhentikan (expelled). Refused while any
// account of hers holds money. Her accounts are brought to zero first by
// the settlement: a list of steps, each saying what it would post (the
// preview staff confirm) and posting it through the one posting path. Savings
// are paid out now; loans and other products register their own steps here.
// Then the status changes, with date and reason, and her accounts close; the
// record is kept.

export type LeavingStatus = "keluar" | "meninggal" | "diberhentikan";

export interface SettlementRequest {
  /** Where the payout is credited: kas/bank when paid now, or a liability (utang kepada anggota keluar) when it waits. */
  creditAccountId: string;
  /** For a deceased member: the heir (ahli waris) who receives it. */
  heirId?: string | undefined;
}

export interface SettlementContext {
  trx: Transaction<DB>;
  koperasiId: string;
  member: { id: string; memberNumber: string; fullName: string };
  accounts: readonly SettlementAccount[];
  recipient: { name: string; heirName: string | null; heirRelationship: string | null };
  request: SettlementRequest;
}

export interface SettlementStep {
  readonly name: string;
  plan(context: SettlementContext): Promise<PlannedSettlement | null>;
}

/** Savings: every savings account with money in it is paid out. */
export const savingsPayoutStep: SettlementStep = {
  name: "simpanan",
  plan: async ({ accounts, member, recipient, request }) =>
    planSavingsPayout(accounts, {
      creditAccountId: request.creditAccountId,
      description: payoutDescription(member, { heirName: recipient.heirName, heirRelationship: recipient.heirRelationship }),
    }),
};

/** The steps in the order they post. Products add theirs here (a loan's repayment from savings must come before the savings payout). */
export const SETTLEMENT_STEPS: SettlementStep[] = [savingsPayoutStep];

export interface AccountBalance {
  memberAccountId: string;
  accountCode: string;
  accountName: string;
  balance: Rupiah;
}

export interface SettlementPreview {
  memberId: string;
  accounts: AccountBalance[];
  postings: { step: string; description: string; total: Rupiah; lines: { accountId: string; accountCode: string; memberAccountId: string | null; debit: Rupiah; credit: Rupiah }[] }[];
  /** Accounts no step settles: leaving stays refused until someone settles them by hand. */
  unsettled: AccountBalance[];
}

async function lockMember(trx: Transaction<DB>, koperasiId: string, memberId: string) {
  const member = await trx
    .selectFrom("member")
    .select(["id", "member_number", "full_name", "status"])
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", memberId)
    .forUpdate()
    .executeTakeFirst();
  if (!member) throw notFound("Anggota", "Member");
  return member;
}

async function openAccountsOf(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<SettlementAccount[]> {
  const rows = await trx
    .selectFrom("member_account as ma")
    .innerJoin("gl_account as a", (join) => join.onRef("a.koperasi_id", "=", "ma.koperasi_id").onRef("a.id", "=", "ma.account_id"))
    .select(["ma.id", "ma.account_id", "a.code", "a.name", "a.normal_balance", "ma.balance"])
    .where("ma.koperasi_id", "=", koperasiId)
    .where("ma.member_id", "=", memberId)
    .where("ma.status", "=", "open")
    .orderBy("a.code")
    .orderBy("ma.id")
    .execute();
  return rows.map((row) => ({
    memberAccountId: row.id,
    accountId: row.account_id,
    accountCode: row.code,
    accountName: row.name,
    normalBalance: row.normal_balance,
    balance: rupiahFromDb(row.balance),
  }));
}

const balanceOf = (account: SettlementAccount): AccountBalance => ({
  memberAccountId: account.memberAccountId,
  accountCode: account.accountCode,
  accountName: account.accountName,
  balance: account.balance as Rupiah,
});

async function checkPayoutAccount(trx: Transaction<DB>, koperasiId: string, accountId: string): Promise<Map<string, string>> {
  const account = await trx
    .selectFrom("gl_account")
    .select(["type", "is_group", "is_control", "status"])
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!account || account.is_group || account.is_control || account.status !== "open" || (account.type !== "aset" && account.type !== "liabilitas")) {
    throw membershipError("settlement_account_invalid");
  }
  const codes = await trx.selectFrom("gl_account").select(["id", "code"]).where("koperasi_id", "=", koperasiId).execute();
  return new Map(codes.map((row) => [row.id, row.code]));
}

async function recipientOf(trx: Transaction<DB>, koperasiId: string, member: { id: string; full_name: string }, leavingAs: LeavingStatus, heirId: string | undefined) {
  if (leavingAs !== "meninggal") return { name: member.full_name, heirName: null, heirRelationship: null };
  if (heirId === undefined) throw membershipError("settlement_heir_required");
  const heir = await trx
    .selectFrom("member_heir")
    .select(["full_name", "relationship"])
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", member.id)
    .where("id", "=", heirId)
    .executeTakeFirst();
  if (!heir) throw notFound("Ahli waris", "Heir");
  return { name: heir.full_name, heirName: heir.full_name, heirRelationship: heir.relationship };
}

async function planAll(context: SettlementContext): Promise<PlannedSettlement[]> {
  const plans: PlannedSettlement[] = [];
  for (const step of SETTLEMENT_STEPS) {
    const plan = await step.plan(context);
    if (plan) plans.push(plan);
  }
  return plans;
}

async function prepare(trx: Transaction<DB>, koperasiId: string, memberId: string, leavingAs: LeavingStatus, request: SettlementRequest) {
  const member = await lockMember(trx, koperasiId, memberId);
  if (member.status !== "aktif" && member.status !== "calon") throw membershipError("member_already_left");
  const codes = await checkPayoutAccount(trx, koperasiId, request.creditAccountId);
  const accounts = await openAccountsOf(trx, koperasiId, memberId);
  const recipient = await recipientOf(trx, koperasiId, member, leavingAs, request.heirId);
  const plans = await planAll({ trx, koperasiId, member: { id: member.id, memberNumber: member.member_number, fullName: member.full_name }, accounts, recipient, request });
  return { member, accounts, recipient, plans, codes };
}

/** What the settlement would post, without posting: the screen staff confirm. */
export async function previewSettlement(
  trx: Transaction<DB>,
  koperasiId: string,
  memberId: string,
  leavingAs: LeavingStatus,
  request: SettlementRequest,
): Promise<SettlementPreview> {
  const { accounts, plans, codes } = await prepare(trx, koperasiId, memberId, leavingAs, request);
  return {
    memberId,
    accounts: accounts.map(balanceOf),
    postings: plans.map((plan) => ({
      step: plan.step,
      description: plan.description,
      total: plan.total as Rupiah,
      lines: plan.lines.map((line) => ({
        accountId: line.accountId,
        accountCode: codes.get(line.accountId) ?? "",
        memberAccountId: line.memberAccountId,
        debit: line.debit as Rupiah,
        credit: line.credit as Rupiah,
      })),
    })),
    unsettled: accountsLeftUnsettled(accounts, plans).map(balanceOf),
  };
}

/**
 * Posts the settlement in the command's transaction (the Idempotency-Key's),
 * audited: the member row is locked first, so two settlements at once post
 * once — the second finds nothing left to pay (409 settlement_nothing_due).
 */
export async function postSettlement(
  cmd: CommandContext,
  memberId: string,
  leavingAs: LeavingStatus,
  request: SettlementRequest,
): Promise<{ entries: { id: string; voucherNo: string; step: string; total: Rupiah }[] }> {
  const { trx, koperasiId } = cmd;
  const { member, recipient, plans } = await prepare(trx, koperasiId, memberId, leavingAs, request);
  if (plans.length === 0) throw membershipError("settlement_nothing_due");
  const today = cmd.today;
  const entries: { id: string; voucherNo: string; step: string; total: Rupiah }[] = [];
  for (const plan of plans) {
    const posted = await postEntry(trx, {
      koperasiId,
      source: "withdrawal",
      sourceRef: `settlement:${member.id}`,
      businessDate: today,
      description: plan.description,
      createdBy: cmd.actor.userId,
      lines: plan.lines.map((line) => ({ accountId: line.accountId, memberAccountId: line.memberAccountId, debit: line.debit, credit: line.credit })),
      postedAt: cmd.now,
      newId: cmd.newId,
    });
    await trx
      .insertInto("member_settlement")
      .values({ koperasi_id: koperasiId, id: cmd.newId(), member_id: member.id, step: plan.step, journal_entry_id: posted.id, recipient: recipient.name, created_by: cmd.actor.userId })
      .execute();
    entries.push({ id: posted.id, voucherNo: posted.voucherNo, step: plan.step, total: plan.total as Rupiah });
  }
  await cmd.audit({
    action: "membership.settle",
    targetType: "member",
    targetId: member.id,
    details: { memberNumber: member.member_number, leavingAs, recipient: recipient.name, entries: entries.map((e) => ({ voucherNo: e.voucherNo, step: e.step, total: e.total })) },
  });
  return { entries };
}

/**
 * The member leaves: refused while any open account of hers holds a
 * balance (409 member_has_balance, listing each) or while she holds a
 * pengurus or pengawas office on the effective date; then the status
 * change with date and reason, and her accounts close.
 */
export async function leaveCooperative(
  cmd: CommandContext,
  memberId: string,
  change: { status: LeavingStatus; effectiveOn: BusinessDate; reason: string },
): Promise<{ memberId: string; status: LeavingStatus; effectiveOn: string; accountsClosed: number }> {
  const { trx, koperasiId } = cmd;
  const member = await lockMember(trx, koperasiId, memberId);
  const accounts = await openAccountsOf(trx, koperasiId, memberId);
  const withBalance = accounts.filter((account) => account.balance !== 0);
  if (withBalance.length > 0) {
    throw memberHasBalance(
      withBalance.map((account) => ({ memberAccountId: account.memberAccountId, label: `${account.accountCode} ${account.accountName}: ${formatRupiah(account.balance as Rupiah)}` })),
    );
  }
  const office = await trx
    .selectFrom("structure_term")
    .select(["body", "position"])
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("end_on", ">=", change.effectiveOn)
    .executeTakeFirst();
  if (office) throw memberHoldsOffice(office.body, office.position);
  const record = await changeMemberStatus(trx, { koperasiId, memberId, to: change.status, effectiveOn: change.effectiveOn, reason: change.reason, changedBy: cmd.actor.userId });
  const closed = await trx
    .updateTable("member_account")
    .set({ status: "closed", closed_at: cmd.now })
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("status", "=", "open")
    .returning("id")
    .execute();
  await cmd.audit({
    action: "membership.leave",
    targetType: "member",
    targetId: memberId,
    details: { memberNumber: member.member_number, status: change.status, effectiveOn: record.effectiveOn, reason: change.reason, accountsClosed: closed.length },
  });
  return { memberId, status: change.status, effectiveOn: record.effectiveOn, accountsClosed: closed.length };
}

/** Settlements posted for a member, newest last. */
export async function settlementsOf(trx: Transaction<DB>, koperasiId: string, memberId: string) {
  return trx
    .selectFrom("member_settlement as s")
    .innerJoin("journal_entry as e", (join) => join.onRef("e.koperasi_id", "=", "s.koperasi_id").onRef("e.id", "=", "s.journal_entry_id"))
    .select(["s.id", "s.step", "s.recipient", "e.voucher_no", sql<string>`e.description`.as("description")])
    .where("s.koperasi_id", "=", koperasiId)
    .where("s.member_id", "=", memberId)
    .orderBy("s.created_at")
    .execute();
}
