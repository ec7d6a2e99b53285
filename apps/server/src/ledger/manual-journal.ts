import type { Transaction } from "kysely";
import { sql } from "kysely";
import type { DB } from "@koperasi/db";
import { checkJournalLines, isJournalSource, reversedLines, validateJournalLines, type BusinessDate, type JournalLine } from "@koperasi/domain";
import { notFound } from "../http/problem";
import { rupiahFromDb } from "./amounts";
import { invalidEntry, ledgerError } from "./errors";
import { insertPendingEntry } from "./pending-entry";
import { lockOpenPeriod } from "./period";
import { postEntry, type PostedEntry } from "./post-entry";
import { resolvePostingAccounts } from "./resolve-accounts";

// Maker–checker journals: a manual journal (jurnal umum) or a reversal
// (jurnal koreksi) is written as PENDING by its maker and posted only when
// someone else approves it; the database refuses an approver equal to the
// maker too (journal_entry CHECK).

export interface ManualJournalInput {
  businessDate: BusinessDate;
  description: string;
  lines: readonly { accountId: string; debit?: number | undefined; credit?: number | undefined }[];
}

export interface Clock {
  now: Date;
  /** Today in the cooperative's time zone. */
  today: BusinessDate;
  newId: () => string;
}

/** Checks a manual journal as fully as posting will, and writes it as pending. Returns its id. */
export async function createManualJournal(trx: Transaction<DB>, koperasiId: string, makerId: string, input: ManualJournalInput, clock: Clock): Promise<string> {
  const draft = input.lines.map((line) => ({ account: line.accountId, debit: line.debit, credit: line.credit }));
  const issues = checkJournalLines(draft);
  if (issues.length > 0) throw invalidEntry(issues, "body.");
  const lines = validateJournalLines(draft);
  if (input.businessDate > clock.today) throw ledgerError("business_date_in_future", "body.businessDate");
  // Shares the month's lock like posting: a month close waits for this pending entry, then refuses to close over it.
  await lockOpenPeriod(trx, koperasiId, input.businessDate, "body.businessDate");
  await resolvePostingAccounts(trx, koperasiId, lines, { allowControlAccounts: false, lock: false, pathPrefix: "body." });
  const id = clock.newId();
  await insertPendingEntry(trx, {
    koperasiId,
    id,
    source: "manual",
    businessDate: input.businessDate,
    description: input.description,
    createdBy: makerId,
    createdAt: clock.now,
    lines,
  });
  return id;
}

async function lockEntry(trx: Transaction<DB>, koperasiId: string, entryId: string) {
  const entry = await trx
    .selectFrom("journal_entry")
    .select([
      "id",
      "status",
      "source",
      "source_ref",
      sql<string>`to_char(business_date, 'YYYY-MM-DD')`.as("business_date"),
      "description",
      "created_by",
      "reverses_entry_id",
      "voucher_no",
    ])
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", entryId)
    .forUpdate()
    .executeTakeFirst();
  if (!entry) throw notFound("Jurnal");
  return entry;
}

async function entryLines(trx: Transaction<DB>, koperasiId: string, entryId: string): Promise<JournalLine[]> {
  const rows = await trx
    .selectFrom("journal_line")
    .select(["account_id", "member_account_id", "debit", "credit"])
    .where("koperasi_id", "=", koperasiId)
    .where("entry_id", "=", entryId)
    .orderBy("line_no")
    .execute();
  return rows.map((row) => ({
    account: row.account_id,
    memberAccountId: row.member_account_id,
    debit: rupiahFromDb(row.debit),
    credit: rupiahFromDb(row.credit),
  }));
}

/** The checker posts a pending entry, as written, through the one posting path. */
export async function approveJournal(trx: Transaction<DB>, koperasiId: string, checkerId: string, entryId: string, clock: Clock): Promise<PostedEntry> {
  // Locked first: two checkers approving at once post it once.
  const entry = await lockEntry(trx, koperasiId, entryId);
  if (entry.status !== "pending") throw ledgerError("journal_not_pending");
  if (entry.created_by === checkerId) throw ledgerError("maker_cannot_approve");
  if (!isJournalSource(entry.source)) throw new Error(`pending entry ${entryId} has unknown source ${entry.source}`);
  const lines = await entryLines(trx, koperasiId, entryId);
  return postEntry(trx, {
    koperasiId,
    source: entry.source,
    sourceRef: entry.source_ref,
    businessDate: entry.business_date,
    description: entry.description,
    createdBy: entry.created_by,
    approvedBy: checkerId,
    reversesEntryId: entry.reverses_entry_id,
    lines: lines.map((line) => ({ accountId: line.account, memberAccountId: line.memberAccountId, debit: line.debit, credit: line.credit })),
    postedAt: clock.now,
    pendingEntryId: entryId,
    newId: clock.newId,
  });
}

/** The checker turns a pending entry down (or its maker withdraws it). It stays, marked rejected, without a voucher number. */
export async function rejectJournal(trx: Transaction<DB>, koperasiId: string, userId: string, entryId: string, clock: Clock): Promise<void> {
  const entry = await lockEntry(trx, koperasiId, entryId);
  if (entry.status !== "pending") throw ledgerError("journal_not_pending");
  await trx
    .updateTable("journal_entry")
    .set({ status: "rejected", rejected_by: userId, rejected_at: clock.now })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", entryId)
    .execute();
}

/**
 * A correction: a pending reversing entry (jurnal koreksi), dated today,
 * with every line of the original on the other side, member accounts
 * included. It needs a checker like a manual journal; posting it may be
 * refused for insufficient balance if a member has spent the money since.
 */
export async function requestReversal(
  trx: Transaction<DB>,
  koperasiId: string,
  makerId: string,
  originalId: string,
  reason: string,
  clock: Clock,
): Promise<string> {
  const original = await lockEntry(trx, koperasiId, originalId);
  if (original.status !== "posted") throw ledgerError("journal_not_posted");
  const existing = await trx
    .selectFrom("journal_entry")
    .select("id")
    .where("koperasi_id", "=", koperasiId)
    .where("reverses_entry_id", "=", originalId)
    .where("status", "<>", "rejected")
    .executeTakeFirst();
  if (existing) throw ledgerError("journal_already_reversed");
  const lines = reversedLines(await entryLines(trx, koperasiId, originalId));
  await lockOpenPeriod(trx, koperasiId, clock.today);
  await resolvePostingAccounts(trx, koperasiId, lines, { allowControlAccounts: true, lock: false });
  const id = clock.newId();
  await insertPendingEntry(trx, {
    koperasiId,
    id,
    source: "reversal",
    businessDate: clock.today,
    description: `Koreksi atas ${original.voucher_no ?? originalId}: ${reason}`.slice(0, 500),
    createdBy: makerId,
    createdAt: clock.now,
    reversesEntryId: originalId,
    lines,
  });
  return id;
}
