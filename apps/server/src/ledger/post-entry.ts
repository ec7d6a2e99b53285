import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import {
  addRupiah,
  balanceEffect,
  checkJournalLines,
  validateJournalLines,
  voucherPrefixOf,
  voucherYearOf,
  ZERO_RUPIAH,
  type BusinessDate,
  type JournalLine,
  type JournalSource,
  type Rupiah,
} from "@koperasi/domain";
import type { EntrySummary } from "@koperasi/tlog";
import { rupiahFromDb } from "./amounts";
import type { GlAccountRow } from "./chart";
import { invalidEntry, ledgerError } from "./errors";
import { writeLogLeaf } from "./log-leaf";
import { lockOpenPeriod } from "./period";
import { resolvePostingAccounts } from "./resolve-accounts";
import { nextVoucherNumber } from "./voucher-number";

// THE posting path. Every command that moves money (manual journals once
// approved, reversals, transfers; later deposits, withdrawals, loans, fees,
// interest, SHU) calls postEntry inside its own transaction, and nothing else
// writes a posted entry, a member balance or a log leaf. In that one
// transaction it: checks the lines, the period and the accounts; locks the
// member sub-ledgers involved and checks their balances; draws the voucher
// number; writes the entry and its lines; moves the sub-ledger balances; and
// writes the log leaf. Every refusal comes before the first write, so a
// refused command leaves nothing behind even where the caller keeps its
// transaction (the idempotency record does). (The one check after it — that
// a pending entry is still pending — guards callers that lock and check the
// entry first, as approval does.)

export interface PostEntryLine {
  accountId: string;
  /** The member's sub-ledger, for a line on a control account. */
  memberAccountId?: string | null | undefined;
  debit?: number | undefined;
  credit?: number | undefined;
}

export interface PostEntryCommand {
  koperasiId: string;
  source: JournalSource;
  sourceRef?: string | null | undefined;
  businessDate: BusinessDate;
  description: string;
  /** The maker; null for the system (jobs). */
  createdBy: string | null;
  /** The checker, for entries that needed one. */
  approvedBy?: string | null | undefined;
  reversesEntryId?: string | null | undefined;
  lines: readonly PostEntryLine[];
  postedAt: Date;
  /**
   * A pending entry to post as it stands (a manual journal or reversal whose
   * checker approves it now): its header and lines are already written, and
   * `lines` must be those lines.
   */
  pendingEntryId?: string | undefined;
  /** Generates ids; injectable for tests. */
  newId: () => string;
}

export interface PostedLine {
  lineNo: number;
  accountId: string;
  accountCode: string;
  memberAccountId: string | null;
  debit: Rupiah;
  credit: Rupiah;
}

export interface PostedEntry {
  id: string;
  voucherNo: string;
  businessDate: BusinessDate;
  postedAt: Date;
  lines: PostedLine[];
  /** Each member account's balance after the posting. */
  memberBalances: Map<string, Rupiah>;
  summary: EntrySummary;
}

export async function postEntry(trx: Transaction<DB>, command: PostEntryCommand): Promise<PostedEntry> {
  const { koperasiId } = command;
  const lines = validLines(command.lines);
  await lockOpenPeriod(trx, koperasiId, command.businessDate); // shared period lock to commit, then the closed-month check
  const accounts = await resolvePostingAccounts(trx, koperasiId, lines, { allowControlAccounts: command.source !== "manual", lock: true });
  const memberBalances = await moveSubLedgers(trx, koperasiId, lines, accounts);

  // Every check has passed: from here on, only writes.
  const voucherNo = await nextVoucherNumber(trx, koperasiId, voucherPrefixOf(command.source), voucherYearOf(command.businessDate));
  const entryId = command.pendingEntryId ?? command.newId();
  const posted: PostedLine[] = lines.map((line, i) => ({
    lineNo: i + 1,
    accountId: line.account,
    accountCode: accounts.get(line.account)?.code ?? "",
    memberAccountId: line.memberAccountId,
    debit: line.debit,
    credit: line.credit,
  }));
  if (command.pendingEntryId) {
    await markPosted(trx, command, voucherNo);
  } else {
    await insertPosted(trx, command, entryId, voucherNo, posted);
  }
  await writeBalances(trx, koperasiId, memberBalances);
  const summary: EntrySummary = {
    koperasiId,
    entryId,
    voucherNo,
    businessDate: command.businessDate,
    postedAt: command.postedAt.toISOString(),
    lines: posted.map((line) => ({
      accountCode: line.accountCode,
      ...(line.memberAccountId ? { memberAccountId: line.memberAccountId } : {}),
      debit: line.debit,
      credit: line.credit,
    })),
  };
  await writeLogLeaf(trx, summary);
  return { id: entryId, voucherNo, businessDate: command.businessDate, postedAt: command.postedAt, lines: posted, memberBalances, summary };
}

function validLines(input: readonly PostEntryLine[]): JournalLine[] {
  const lines = input.map((line) => ({ account: line.accountId, memberAccountId: line.memberAccountId ?? null, debit: line.debit, credit: line.credit }));
  const issues = checkJournalLines(lines);
  if (issues.length > 0) throw invalidEntry(issues);
  return validateJournalLines(lines);
}

/**
 * Locks the member accounts the lines touch (FOR UPDATE, in id order: two
 * postings that share accounts queue instead of deadlocking), checks each
 * belongs to its line's control account and is open, and computes the
 * balances after the posting; a balance that would go below zero, where the
 * account does not allow it, refuses the whole entry.
 */
async function moveSubLedgers(
  trx: Transaction<DB>,
  koperasiId: string,
  lines: readonly JournalLine[],
  accounts: Map<string, GlAccountRow>,
): Promise<Map<string, Rupiah>> {
  const ids = [...new Set(lines.flatMap((line) => (line.memberAccountId ? [line.memberAccountId] : [])))].sort();
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom("member_account")
    .select(["id", "account_id", "balance", "allow_negative", "status"])
    .where("koperasi_id", "=", koperasiId)
    .where("id", "in", ids)
    .orderBy("id")
    .forUpdate()
    .execute();
  const found = new Map(rows.map((row) => [row.id, row]));
  const balances = new Map<string, Rupiah>();
  lines.forEach((line, i) => {
    if (!line.memberAccountId) return;
    const memberAccount = found.get(line.memberAccountId);
    const path = `lines.${i}.memberAccountId`;
    if (!memberAccount) throw ledgerError("member_account_unknown", path);
    if (memberAccount.account_id !== line.account) throw ledgerError("member_account_mismatch", path);
    if (memberAccount.status !== "open") throw ledgerError("member_account_closed", path);
    const control = accounts.get(line.account);
    if (!control) throw ledgerError("account_unknown", `lines.${i}.accountId`);
    const before = balances.get(memberAccount.id) ?? rupiahFromDb(memberAccount.balance);
    balances.set(memberAccount.id, addRupiah(before, balanceEffect(control.normal_balance, line.debit, line.credit)));
  });
  for (const [id, after] of balances) {
    if (after < ZERO_RUPIAH && !found.get(id)?.allow_negative) throw ledgerError("insufficient_balance");
  }
  return balances;
}

async function insertPosted(trx: Transaction<DB>, command: PostEntryCommand, entryId: string, voucherNo: string, lines: readonly PostedLine[]): Promise<void> {
  await trx
    .insertInto("journal_entry")
    .values({
      koperasi_id: command.koperasiId,
      id: entryId,
      status: "posted",
      voucher_no: voucherNo,
      business_date: command.businessDate,
      description: command.description,
      source: command.source,
      source_ref: command.sourceRef ?? null,
      line_count: lines.length,
      reverses_entry_id: command.reversesEntryId ?? null,
      created_by: command.createdBy,
      created_at: command.postedAt,
      approved_by: command.approvedBy ?? null,
      posted_at: command.postedAt,
    })
    .execute();
  await trx
    .insertInto("journal_line")
    .values(
      lines.map((line) => ({
        koperasi_id: command.koperasiId,
        entry_id: entryId,
        line_no: line.lineNo,
        account_id: line.accountId,
        member_account_id: line.memberAccountId,
        debit: line.debit,
        credit: line.credit,
      })),
    )
    .execute();
}

async function markPosted(trx: Transaction<DB>, command: PostEntryCommand, voucherNo: string): Promise<void> {
  const updated = await trx
    .updateTable("journal_entry")
    .set({ status: "posted", voucher_no: voucherNo, posted_at: command.postedAt, approved_by: command.approvedBy ?? null })
    .where("koperasi_id", "=", command.koperasiId)
    .where("id", "=", command.pendingEntryId ?? "")
    .where("status", "=", "pending")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw ledgerError("journal_not_pending");
}

async function writeBalances(trx: Transaction<DB>, koperasiId: string, balances: Map<string, Rupiah>): Promise<void> {
  if (balances.size === 0) return;
  // One statement for all accounts; the rows are already locked by this transaction.
  const values = sql.join([...balances].map(([id, balance]) => sql`(${id}::uuid, ${balance}::bigint)`));
  await sql`UPDATE member_account AS m SET balance = v.balance
            FROM (VALUES ${values}) AS v (id, balance)
            WHERE m.koperasi_id = ${koperasiId}::uuid AND m.id = v.id`.execute(trx);
}
