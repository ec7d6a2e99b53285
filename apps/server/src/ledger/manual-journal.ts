import type { Transaction } from "kysely";
import { sql } from "kysely";
import type { DB } from "@koperasi/db";
import { checkJournalLines, isJournalSource, reversedLines, validateJournalLines, type BusinessDate, type JournalLine } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { notFound } from "../errors/app-error";
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

/** Checks a manual journal as fully as posting will, and writes it as pending. Returns its id. */
export async function createManualJournal(cmd: CommandContext, input: ManualJournalInput): Promise<string> {
  const { trx, koperasiId } = cmd;
  const draft = input.lines.map((line) => ({ account: line.accountId, debit: line.debit, credit: line.credit }));
  const issues = checkJournalLines(draft);
  if (issues.length > 0) throw invalidEntry(issues, "body.");
  const lines = validateJournalLines(draft);
  if (input.businessDate > cmd.today) throw ledgerError("business_date_in_future", "body.businessDate");
  // Shares the month's lock like posting: a month close waits for this pending entry, then refuses to close over it.
  await lockOpenPeriod(trx, koperasiId, input.businessDate, "body.businessDate");
  await resolvePostingAccounts(trx, koperasiId, lines, { allowControlAccounts: false, lock: false, pathPrefix: "body." });
  const id = cmd.newId();
  await insertPendingEntry(trx, {
    koperasiId,
    id,
    source: "manual",
    businessDate: input.businessDate,
    description: input.description,
    createdBy: cmd.actor.userId,
    createdAt: cmd.now,
    lines,
  });
  await cmd.audit({ action: "journal.create", targetType: "journal_entry", targetId: id, details: { businessDate: input.businessDate } });
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
export async function approveJournal(cmd: CommandContext, entryId: string): Promise<PostedEntry> {
  const { trx, koperasiId } = cmd;
  const checkerId = cmd.actor.userId;
  // Locked first: two checkers approving at once post it once.
  const entry = await lockEntry(trx, koperasiId, entryId);
  if (entry.status !== "pending") throw ledgerError("journal_not_pending");
  if (entry.created_by === checkerId) throw ledgerError("maker_cannot_approve");
  if (!isJournalSource(entry.source)) throw new Error(`pending entry ${entryId} has unknown source ${entry.source}`);
  const lines = await entryLines(trx, koperasiId, entryId);
  const posted = await postEntry(trx, {
    koperasiId,
    source: entry.source,
    sourceRef: entry.source_ref,
    businessDate: entry.business_date,
    description: entry.description,
    createdBy: entry.created_by,
    approvedBy: checkerId,
    reversesEntryId: entry.reverses_entry_id,
    lines: lines.map((line) => ({ accountId: line.account, memberAccountId: line.memberAccountId, debit: line.debit, credit: line.credit })),
    postedAt: cmd.now,
    pendingEntryId: entryId,
    newId: cmd.newId,
  });
  await cmd.audit({ action: "journal.approve", targetType: "journal_entry", targetId: posted.id, details: { voucherNo: posted.voucherNo } });
  return posted;
}

/** The checker turns a pending entry down (or its maker withdraws it). It stays, marked rejected, without a voucher number. */
export async function rejectJournal(cmd: CommandContext, entryId: string, reason: string | null): Promise<void> {
  const { trx, koperasiId } = cmd;
  const entry = await lockEntry(trx, koperasiId, entryId);
  if (entry.status !== "pending") throw ledgerError("journal_not_pending");
  await trx
    .updateTable("journal_entry")
    .set({ status: "rejected", rejected_by: cmd.actor.userId, rejected_at: cmd.now })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", entryId)
    .execute();
  await cmd.audit({ action: "journal.reject", targetType: "journal_entry", targetId: entryId, details: { reason } });
}

/**
 * A correction: a pending reversing entry (jurnal koreksi), dated today,
 * with every line of the original on the other side, member accounts
 * included. It needs a checker like a manual journal; posting it may be
 * refused for insufficient balance if a member has spent the money since.
 */
export async function requestReversal(cmd: CommandContext, originalId: string, reason: string): Promise<string> {
  const { trx, koperasiId } = cmd;
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
  await lockOpenPeriod(trx, koperasiId, cmd.today);
  await resolvePostingAccounts(trx, koperasiId, lines, { allowControlAccounts: true, lock: false });
  const id = cmd.newId();
  await insertPendingEntry(trx, {
    koperasiId,
    id,
    source: "reversal",
    businessDate: cmd.today,
    description: `Koreksi atas ${original.voucher_no ?? originalId}: ${reason}`.slice(0, 500),
    createdBy: cmd.actor.userId,
    createdAt: cmd.now,
    reversesEntryId: originalId,
    lines,
  });
  await cmd.audit({ action: "journal.reverse_request", targetType: "journal_entry", targetId: id, details: { reverses: originalId } });
  return id;
}
