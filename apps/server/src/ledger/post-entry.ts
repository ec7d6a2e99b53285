import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import {
  checkJournalLines,
  validateJournalLines,
  voucherPrefixOf,
  voucherSequenceId,
  voucherYearOf,
  type BusinessDate,
  type JournalLine,
  type JournalSource,
  type Rupiah,
} from "@koperasi/domain";
import { newSalt, type EntrySummary } from "@koperasi/tlog";
import { postingsTotal } from "../monitoring/process-metrics";
import { rupiahFromDb } from "./amounts";
import { invalidEntry, ledgerError, type LedgerErrorCode } from "./errors";

// THE posting path. Every command that moves money (manual journals once
// approved, reversals, transfers, year-end close; later deposits,
// withdrawals, loans, fees, interest, SHU) calls postEntry inside its own
// transaction, and nothing else writes a posted entry, a member balance or a
// log leaf. The domain checks the lines here; everything that needs the books
// is ONE database call, ledger_post_entry() (migration
// 20261128008000_posting_function.sql): the month's shared lock and the
// closed-period check; the accounts share-locked and checked; the member
// sub-ledgers locked FOR UPDATE and their balances checked; then the voucher
// number, the entry and its lines, the new balances and the log leaf. Every
// refusal comes before the first write and comes back as a value, so a
// refused command leaves nothing behind and the caller's transaction stays
// usable (the idempotency record is stored in it).
//
// Why one call: the voucher counter's row lock is held from the draw to the
// commit and serialises a cooperative's postings of one kind; every round
// trip inside that window costs throughput (docs/adr/0002-ledger.md).

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
  /** The leaf's 32-byte salt; fresh random bytes unless given (deterministic data, tests). */
  salt?: Uint8Array | undefined;
}

export interface PostedLine {
  lineNo: number;
  accountId: string;
  accountCode: string;
  accountName: string;
  memberAccountId: string | null;
  debit: Rupiah;
  credit: Rupiah;
}

export interface PostedEntry {
  id: string;
  voucherNo: string;
  businessDate: BusinessDate;
  postedAt: Date;
  /** The header as posted (for a pending entry, as the command restated it). */
  description: string;
  source: JournalSource;
  sourceRef: string | null;
  createdBy: string | null;
  approvedBy: string | null;
  reversesEntryId: string | null;
  /** True when a pending entry was posted (its created_at is the maker's, not postedAt). */
  fromPending: boolean;
  lines: PostedLine[];
  /** Each member account's balance after the posting. */
  memberBalances: Map<string, Rupiah>;
  summary: EntrySummary;
}

interface PostingResult {
  refusal: LedgerErrorCode | null;
  refusal_line: number | null;
  refusal_field: string | null;
  voucher_no: string | null;
  account_codes: string[] | null;
  account_names: string[] | null;
  member_account_ids: string[] | null;
  member_balances: (string | number)[] | null;
}

/**
 * Everything a posting needs that does not depend on the books: the lines
 * checked by the domain, the entry's id and header, the voucher prefix, the
 * leaf's salt. Built once, by the same code, for the posting path (which
 * hands it to the database) and for bulk writers (posting-rows.ts).
 */
export interface PostingDraft {
  koperasiId: string;
  entryId: string;
  /** A pending entry is posted as written (its header and lines exist). */
  pendingEntry: boolean;
  source: JournalSource;
  sourceRef: string | null;
  businessDate: BusinessDate;
  description: string;
  createdBy: string | null;
  approvedBy: string | null;
  reversesEntryId: string | null;
  postedAt: Date;
  voucherPrefix: string;
  /** Manual journals never touch a control account. */
  allowControlAccounts: boolean;
  lines: JournalLine[];
  salt: Uint8Array;
}

export function postingDraft(command: PostEntryCommand): PostingDraft {
  const lines = validLines(command.lines);
  const voucherPrefix = voucherPrefixOf(command.source);
  voucherSequenceId(voucherPrefix, voucherYearOf(command.businessDate)); // refuses a malformed prefix before the database sees it
  return {
    koperasiId: command.koperasiId,
    entryId: command.pendingEntryId ?? command.newId(),
    pendingEntry: command.pendingEntryId !== undefined,
    source: command.source,
    sourceRef: command.sourceRef ?? null,
    businessDate: command.businessDate,
    description: command.description,
    createdBy: command.createdBy,
    approvedBy: command.approvedBy ?? null,
    reversesEntryId: command.reversesEntryId ?? null,
    postedAt: command.postedAt,
    voucherPrefix,
    allowControlAccounts: command.source !== "manual",
    lines,
    salt: command.salt ?? newSalt(),
  };
}

export async function postEntry(trx: Transaction<DB>, command: PostEntryCommand): Promise<PostedEntry> {
  return postDraft(trx, postingDraft(command));
}

/** The database half of postEntry: one call to ledger_post_entry(). */
export async function postDraft(trx: Transaction<DB>, draft: PostingDraft): Promise<PostedEntry> {
  const { koperasiId, entryId, lines, postedAt } = draft;
  const { rows } = await sql<PostingResult>`
    SELECT * FROM ledger_post_entry(
      ${koperasiId}::uuid, ${entryId}::uuid, ${draft.pendingEntry}, ${draft.source}, ${draft.sourceRef},
      ${draft.businessDate}::date, ${draft.description}, ${draft.createdBy}, ${draft.approvedBy},
      ${draft.reversesEntryId}::uuid, ${postedAt}::timestamptz, ${draft.voucherPrefix}, ${draft.allowControlAccounts},
      ${lines.map((line) => line.account)}::uuid[], ${lines.map((line) => line.memberAccountId)}::uuid[],
      ${lines.map((line) => line.debit)}::bigint[], ${lines.map((line) => line.credit)}::bigint[],
      ${draft.salt}::bytea)`.execute(trx);
  const result = rows[0];
  if (!result) throw new Error("ledger_post_entry returned no row");
  if (result.refusal) {
    throw ledgerError(result.refusal, result.refusal_field === null ? undefined : refusalPath(result.refusal_line, result.refusal_field));
  }
  postingsTotal.inc();
  const codes = result.account_codes ?? [];
  const names = result.account_names ?? [];
  const posted: PostedLine[] = lines.map((line, i) => ({
    lineNo: i + 1,
    accountId: line.account,
    accountCode: codes[i] ?? "",
    accountName: names[i] ?? "",
    memberAccountId: line.memberAccountId,
    debit: line.debit,
    credit: line.credit,
  }));
  const balances = result.member_balances ?? [];
  const memberBalances = new Map((result.member_account_ids ?? []).map((id, i) => [id, rupiahFromDb(balances[i])]));
  const voucherNo = result.voucher_no ?? "";
  return {
    id: entryId,
    voucherNo,
    businessDate: draft.businessDate,
    postedAt,
    description: draft.description,
    source: draft.source,
    sourceRef: draft.sourceRef,
    createdBy: draft.createdBy,
    approvedBy: draft.approvedBy,
    reversesEntryId: draft.reversesEntryId,
    fromPending: draft.pendingEntry,
    lines: posted,
    memberBalances,
    summary: entrySummary({ koperasiId, entryId, voucherNo, businessDate: draft.businessDate, postedAt, lines: posted }),
  };
}

/** The domain's checks of the lines (2..200 lines, one positive side each, balanced), as a 400 naming every issue. */
export function validLines(input: readonly PostEntryLine[]): JournalLine[] {
  const lines = input.map((line) => ({ account: line.accountId, memberAccountId: line.memberAccountId ?? null, debit: line.debit, credit: line.credit }));
  const issues = checkJournalLines(lines);
  if (issues.length > 0) throw invalidEntry(issues);
  return validateJournalLines(lines);
}

/**
 * The summary the entry's log leaf commits to (docs/tlog-leaf.md): what the
 * database function hashes, and what a receipt hands the member.
 */
export function entrySummary(entry: {
  koperasiId: string;
  entryId: string;
  voucherNo: string;
  businessDate: BusinessDate;
  postedAt: Date;
  lines: readonly { accountCode: string; memberAccountId: string | null; debit: Rupiah; credit: Rupiah }[];
}): EntrySummary {
  return {
    koperasiId: entry.koperasiId,
    entryId: entry.entryId,
    voucherNo: entry.voucherNo,
    businessDate: entry.businessDate,
    postedAt: entry.postedAt.toISOString(),
    lines: entry.lines.map((line) => ({
      accountCode: line.accountCode,
      ...(line.memberAccountId ? { memberAccountId: line.memberAccountId } : {}),
      debit: line.debit,
      credit: line.credit,
    })),
  };
}

function refusalPath(line: number | null, field: string): string {
  return line === null ? field : `lines.${line}.${field}`;
}
