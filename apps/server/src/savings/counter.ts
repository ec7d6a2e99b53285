import { sql, type Transaction } from "kysely";
import type { DB, SavingsKind } from "@koperasi/db";
import {
  availableBalance,
  businessDateOf,
  counterAmountIssue,
  depositRefusal,
  formatRupiah,
  isDormant,
  SOURCES_NOT_MOVEMENT,
  needsSecondPerson,
  rupiah,
  withdrawalRefusal,
  type BusinessDate,
  timeZoneOr,
} from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { postableAccountId } from "../ledger/accounts";
import { rupiahFromDb } from "../ledger/amounts";
import { postEntry, type PostedEntry } from "../ledger/post-entry";
import { savingsError } from "./errors";
import { termsOn, type Terms } from "./products";

// The counter (loket): a member pays cash into a savings account or takes
// it out, against the cooperative's cash account. Every rule is checked
// before anything is written, and a withdrawal's checks run with the member
// account locked, so two withdrawals at once cannot both spend the same
// money: the second waits, then reads the balance the first left.

/** Where counter cash is booked: the chart's Kas. (A teller's own drawer account comes with the drawer.) */
export const COUNTER_CASH_CODE = "1-1100";

export interface CounterAccount {
  id: string;
  memberId: string;
  memberNumber: string;
  memberName: string;
  memberStatus: string;
  memberPhoneSealed: string | null;
  accountId: string;
  status: "open" | "closed";
  balance: number;
  productId: string | null;
  productCode: string | null;
  productName: string | null;
  kind: SavingsKind | null;
  openedOn: BusinessDate;
}

/** What stands in the account now: for the counter's screen and the member's own view. */
export interface AccountStanding {
  account: CounterAccount;
  terms: Terms | undefined;
  held: number;
  minBalance: number;
  available: number;
  dormant: boolean;
  lastMovementOn: BusinessDate;
}

/** The member account with its member and product; locked FOR UPDATE when `lock` (a withdrawal). */
export async function counterAccount(cmd: CommandContext, memberAccountId: string, options: { lock: boolean; path?: string }): Promise<CounterAccount> {
  const { trx, koperasiId } = cmd;
  const lock = options.lock ? sql`FOR UPDATE OF ma` : sql``;
  const { rows } = await sql<{
    id: string;
    member_id: string;
    member_number: string;
    full_name: string;
    member_status: string;
    phone_sealed: string | null;
    account_id: string;
    status: "open" | "closed";
    balance: string;
    product_id: string | null;
    product_code: string | null;
    product_name: string | null;
    kind: SavingsKind | null;
    created_at: Date;
  }>`
    SELECT ma.id, ma.member_id, m.member_number, m.full_name, m.status AS member_status, m.phone_sealed, ma.account_id, ma.status,
           ma.balance::text AS balance, p.id AS product_id, p.code AS product_code, p.name AS product_name, p.kind, ma.created_at
    FROM member_account ma
    JOIN member m ON m.koperasi_id = ma.koperasi_id AND m.id = ma.member_id
    LEFT JOIN savings_product p ON p.koperasi_id = ma.koperasi_id AND p.id = ma.savings_product_id
    WHERE ma.koperasi_id = ${koperasiId}::uuid AND ma.id = ${memberAccountId}::uuid
    ${lock}`.execute(trx);
  const row = rows[0];
  if (!row) throw savingsError("member_account_unknown", { field: options.path ?? "body.memberAccountId" });
  const zone = timeZoneOr(cmd.koperasi.time_zone);
  return {
    id: row.id,
    memberId: row.member_id,
    memberNumber: row.member_number,
    memberName: row.full_name,
    memberStatus: row.member_status,
    memberPhoneSealed: row.phone_sealed,
    accountId: row.account_id,
    status: row.status,
    balance: rupiahFromDb(row.balance),
    productId: row.product_id,
    productCode: row.product_code,
    productName: row.product_name,
    kind: row.kind,
    openedOn: businessDateOf(new Date(row.created_at), zone),
  };
}

/** Holds, minimum balance, dormancy: what may be taken out of the account today. */
export async function accountStanding(cmd: CommandContext, account: CounterAccount): Promise<AccountStanding> {
  const { trx, koperasiId } = cmd;
  const terms = account.productId ? await termsOn(trx, koperasiId, account.productId, cmd.today) : undefined;
  const { rows } = await sql<{ held: string; last_movement: string | null }>`
    SELECT (SELECT coalesce(sum(h.amount), 0)::text FROM savings_hold h
             WHERE h.koperasi_id = ${koperasiId}::uuid AND h.member_account_id = ${account.id}::uuid AND h.released_at IS NULL) AS held,
           (SELECT to_char(max(e.business_date), 'YYYY-MM-DD') FROM journal_line l
              JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
             WHERE l.koperasi_id = ${koperasiId}::uuid AND l.member_account_id = ${account.id}::uuid AND e.status = 'posted'
               AND e.source <> ALL(${[...SOURCES_NOT_MOVEMENT]}::text[])) AS last_movement`.execute(trx);
  const held = rupiahFromDb(rows[0]?.held ?? "0");
  const lastMovementOn = (rows[0]?.last_movement ?? account.openedOn) as BusinessDate;
  const minBalance = terms?.minBalance ?? 0;
  return {
    account,
    terms,
    held,
    minBalance,
    available: availableBalance({ balance: account.balance, held, minBalance }),
    dormant: isDormant(lastMovementOn, cmd.today, terms?.dormantAfterMonths ?? null),
    lastMovementOn,
  };
}

async function cashAccountId(cmd: CommandContext): Promise<string> {
  const id = await postableAccountId(cmd.trx, cmd.koperasiId, COUNTER_CASH_CODE);
  if (!id) throw savingsError("cash_account_missing");
  return id;
}

function checkAmount(amount: number): void {
  const issue = counterAmountIssue(amount);
  if (issue) throw savingsError(issue, { field: "body.amount" });
}

export interface CounterInput {
  memberAccountId: string;
  amount: number;
  description?: string | undefined;
}

export interface CounterPosting {
  posted: PostedEntry;
  account: CounterAccount;
  balanceAfter: number;
  availableAfter: number;
}

const KIND_NAMES: Record<SavingsKind, string> = { pokok: "pokok", wajib: "wajib", sukarela: "sukarela", berjangka: "berjangka" };

function savingsAccountOf(account: CounterAccount): SavingsKind {
  if (!account.kind) throw savingsError("not_savings_account", { field: "body.memberAccountId" });
  return account.kind;
}

/** Setoran tunai: debit Kas, credit the member's savings account. */
export async function depositCash(cmd: CommandContext, input: CounterInput): Promise<CounterPosting> {
  checkAmount(input.amount);
  // Locked as a withdrawal locks it: two deposits at once must not both fit
  // under what is still owed on pokok (the posting takes this lock anyway).
  const account = await counterAccount(cmd, input.memberAccountId, { lock: true });
  const kind = savingsAccountOf(account);
  const terms = kind === "pokok" && account.productId ? await termsOn(cmd.trx, cmd.koperasiId, account.productId, cmd.today) : undefined;
  const pokokAmount = terms?.pokokAmount ?? null;
  const refusal = depositRefusal({ memberStatus: account.memberStatus, accountStatus: account.status, kind, balance: account.balance, amount: input.amount, pokokAmount });
  if (refusal === "pokok_exceeded") {
    throw savingsError(refusal, { field: "body.amount", vars: { owed: formatRupiah(rupiah(Math.max(0, (pokokAmount ?? 0) - account.balance))) } });
  }
  if (refusal) throw savingsError(refusal, { field: "body.memberAccountId", vars: { kind } });
  const cash = await cashAccountId(cmd);
  const posted = await postEntry(cmd.trx, {
    koperasiId: cmd.koperasiId,
    source: "deposit",
    businessDate: cmd.today,
    description: input.description ?? `Setoran simpanan ${KIND_NAMES[kind]} ${account.memberNumber} ${account.memberName}`,
    createdBy: cmd.actor.userId,
    lines: [
      { accountId: cash, debit: input.amount },
      { accountId: account.accountId, memberAccountId: account.id, credit: input.amount },
    ],
    postedAt: cmd.now,
    newId: cmd.newId,
  });
  return afterPosting(cmd, account, posted);
}

async function afterPosting(cmd: CommandContext, account: CounterAccount, posted: PostedEntry): Promise<CounterPosting> {
  const balanceAfter = posted.memberBalances.get(account.id) ?? account.balance;
  const standing = await accountStanding(cmd, { ...account, balance: balanceAfter });
  return { posted, account, balanceAfter, availableAfter: standing.available };
}

/** Everything a withdrawal must pass, read with the member account locked. */
async function checkedWithdrawal(cmd: CommandContext, memberAccountId: string, amount: number): Promise<AccountStanding> {
  checkAmount(amount);
  const account = await counterAccount(cmd, memberAccountId, { lock: true });
  const kind = savingsAccountOf(account);
  const standing = await accountStanding(cmd, account);
  const refusal = withdrawalRefusal({
    kind,
    memberStatus: account.memberStatus,
    accountStatus: account.status,
    dormant: standing.dormant,
    balance: account.balance,
    held: standing.held,
    minBalance: standing.minBalance,
    amount,
  });
  if (refusal === "exceeds_available") throw savingsError(refusal, { field: "body.amount", vars: { available: formatRupiah(rupiah(standing.available)) } });
  if (refusal) throw savingsError(refusal, { field: "body.memberAccountId", vars: { kind } });
  return standing;
}

async function postWithdrawal(
  cmd: CommandContext,
  account: CounterAccount,
  amount: number,
  description: string,
  people: { createdBy: string; approvedBy: string | null },
): Promise<CounterPosting> {
  const cash = await cashAccountId(cmd);
  const posted = await postEntry(cmd.trx, {
    koperasiId: cmd.koperasiId,
    source: "withdrawal",
    businessDate: cmd.today,
    description,
    createdBy: people.createdBy,
    approvedBy: people.approvedBy,
    lines: [
      { accountId: account.accountId, memberAccountId: account.id, debit: amount },
      { accountId: cash, credit: amount },
    ],
    postedAt: cmd.now,
    newId: cmd.newId,
  });
  return afterPosting(cmd, account, posted);
}

export type WithdrawalResult = { kind: "posted"; posting: CounterPosting } | { kind: "pending"; requestId: string };

/**
 * Penarikan tunai. Above the product's threshold nothing is posted: the
 * request waits for a second person (approveWithdrawal), who checks it again.
 */
export async function withdrawCash(cmd: CommandContext, input: CounterInput): Promise<WithdrawalResult> {
  const standing = await checkedWithdrawal(cmd, input.memberAccountId, input.amount);
  const { account } = standing;
  const description = input.description ?? `Penarikan simpanan ${KIND_NAMES[account.kind ?? "sukarela"]} ${account.memberNumber} ${account.memberName}`;
  if (needsSecondPerson(input.amount, standing.terms?.withdrawalApprovalThreshold ?? null)) {
    const id = cmd.newId();
    await cmd.trx
      .insertInto("savings_withdrawal_request")
      .values({
        koperasi_id: cmd.koperasiId,
        id,
        member_account_id: account.id,
        amount: input.amount,
        description,
        requested_by: cmd.actor.userId,
        requested_at: cmd.now,
      })
      .execute();
    await cmd.audit({ action: "savings.withdrawal_request", targetType: "savings_withdrawal_request", targetId: id, details: { amount: input.amount } });
    return { kind: "pending", requestId: id };
  }
  return { kind: "posted", posting: await postWithdrawal(cmd, account, input.amount, description, { createdBy: cmd.actor.userId, approvedBy: null }) };
}

async function lockRequest(trx: Transaction<DB>, koperasiId: string, id: string) {
  const request = await trx
    .selectFrom("savings_withdrawal_request")
    .selectAll()
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!request) throw savingsError("request_unknown");
  if (request.status !== "pending") throw savingsError("request_not_pending");
  return request;
}

/** The second person approves: every rule is checked again now, then the withdrawal is posted with both names. */
export async function approveWithdrawal(cmd: CommandContext, requestId: string): Promise<CounterPosting> {
  const request = await lockRequest(cmd.trx, cmd.koperasiId, requestId);
  if (request.requested_by === cmd.actor.userId) throw savingsError("maker_cannot_approve");
  const amount = rupiahFromDb(request.amount);
  const standing = await checkedWithdrawal(cmd, request.member_account_id, amount);
  const posting = await postWithdrawal(cmd, standing.account, amount, request.description, { createdBy: request.requested_by, approvedBy: cmd.actor.userId });
  await cmd.trx
    .updateTable("savings_withdrawal_request")
    .set({ status: "approved", decided_by: cmd.actor.userId, decided_at: cmd.now, journal_entry_id: posting.posted.id })
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("id", "=", requestId)
    .execute();
  await cmd.audit({ action: "savings.withdrawal_approve", targetType: "savings_withdrawal_request", targetId: requestId, details: { voucherNo: posting.posted.voucherNo } });
  return posting;
}

/** The second person turns the request down (never the one who entered it); nothing was ever posted. */
export async function rejectWithdrawal(cmd: CommandContext, requestId: string): Promise<void> {
  const request = await lockRequest(cmd.trx, cmd.koperasiId, requestId);
  if (request.requested_by === cmd.actor.userId) throw savingsError("maker_cannot_approve");
  await cmd.trx
    .updateTable("savings_withdrawal_request")
    .set({ status: "rejected", decided_by: cmd.actor.userId, decided_at: cmd.now })
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("id", "=", requestId)
    .execute();
  await cmd.audit({ action: "savings.withdrawal_reject", targetType: "savings_withdrawal_request", targetId: requestId });
}

/** The newest 200 requests (of one status), newest first; or the one with `id`. */
export async function listWithdrawalRequests(trx: Transaction<DB>, koperasiId: string, status: "pending" | "approved" | "rejected" | undefined, id?: string) {
  let query = trx
    .selectFrom("savings_withdrawal_request as r")
    .innerJoin("member_account as ma", (join) => join.onRef("ma.koperasi_id", "=", "r.koperasi_id").onRef("ma.id", "=", "r.member_account_id"))
    .innerJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "ma.koperasi_id").onRef("m.id", "=", "ma.member_id"))
    .select(["r.id", "r.member_account_id", "m.member_number", "m.full_name", "r.amount", "r.description", "r.status", "r.requested_by", "r.requested_at", "r.decided_by", "r.decided_at", "r.journal_entry_id"])
    .where("r.koperasi_id", "=", koperasiId)
    .orderBy("r.requested_at", "desc")
    .orderBy("r.id", "desc");
  if (status) query = query.where("r.status", "=", status);
  if (id) query = query.where("r.id", "=", id);
  const rows = await query.limit(200).execute();
  return rows.map((row) => ({
    id: row.id,
    memberAccountId: row.member_account_id,
    memberNumber: row.member_number,
    memberName: row.full_name,
    amount: rupiahFromDb(row.amount),
    description: row.description,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at).toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    journalEntryId: row.journal_entry_id,
  }));
}

// Holds (dana ditahan) ---------------------------------------------------------

function toHold(row: { id: string; member_account_id: string; amount: string | number; reason: string; created_by: string; created_at: Date; released_by: string | null; released_at: Date | null }) {
  return {
    id: row.id,
    memberAccountId: row.member_account_id,
    amount: rupiahFromDb(row.amount),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    releasedBy: row.released_by,
    releasedAt: row.released_at ? new Date(row.released_at).toISOString() : null,
  };
}

/** Holds money in an account: it stays there but cannot be withdrawn. May exceed today's balance (a hold on money still to come in). */
export async function placeHold(cmd: CommandContext, input: { memberAccountId: string; amount: number; reason: string }) {
  const account = await counterAccount(cmd, input.memberAccountId, { lock: true });
  if (account.status !== "open") throw savingsError("account_closed", { field: "body.memberAccountId" });
  const id = cmd.newId();
  const row = await cmd.trx
    .insertInto("savings_hold")
    .values({ koperasi_id: cmd.koperasiId, id, member_account_id: account.id, amount: input.amount, reason: input.reason, created_by: cmd.actor.userId, created_at: cmd.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await cmd.audit({ action: "savings.hold_place", targetType: "savings_hold", targetId: id, details: { amount: input.amount, memberNumber: account.memberNumber } });
  return toHold(row);
}

export async function releaseHold(cmd: CommandContext, holdId: string) {
  const hold = await cmd.trx.selectFrom("savings_hold").selectAll().where("koperasi_id", "=", cmd.koperasiId).where("id", "=", holdId).forUpdate().executeTakeFirst();
  if (!hold) throw savingsError("hold_unknown");
  if (hold.released_at) throw savingsError("hold_released");
  const row = await cmd.trx
    .updateTable("savings_hold")
    .set({ released_by: cmd.actor.userId, released_at: cmd.now })
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("id", "=", holdId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await cmd.audit({ action: "savings.hold_release", targetType: "savings_hold", targetId: holdId });
  return toHold(row);
}

export async function listHolds(trx: Transaction<DB>, koperasiId: string, memberAccountId: string) {
  const rows = await trx
    .selectFrom("savings_hold")
    .selectAll()
    .where("koperasi_id", "=", koperasiId)
    .where("member_account_id", "=", memberAccountId)
    .orderBy("created_at")
    .execute();
  return rows.map(toHold);
}
