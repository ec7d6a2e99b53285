import { sql, type Transaction } from "kysely";
import type { DB, JournalEntryStatus } from "@koperasi/db";
import { sumRupiah, type Rupiah } from "@koperasi/domain";
import { rupiahFromDb } from "./amounts";
import type { PostedEntry } from "./post-entry";

// Reading journal entries back for responses and lists. Writes live in
// post-entry.ts (posted entries) and manual-journal.ts (pending ones).

export interface JournalLineDto {
  lineNo: number;
  accountId: string;
  accountCode: string;
  accountName: string;
  memberAccountId: string | null;
  debit: Rupiah;
  credit: Rupiah;
}

export interface JournalEntryDto {
  id: string;
  status: JournalEntryStatus;
  voucherNo: string | null;
  businessDate: string;
  description: string;
  source: string;
  sourceRef: string | null;
  reversesEntryId: string | null;
  createdBy: string | null;
  approvedBy: string | null;
  createdAt: string;
  postedAt: string | null;
  totalDebit: Rupiah;
  totalCredit: Rupiah;
  lines: JournalLineDto[];
}

type EntryHeader = Omit<JournalEntryDto, "lines" | "totalDebit" | "totalCredit">;

function headers(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("journal_entry")
    .select([
      "id",
      "status",
      "voucher_no",
      sql<string>`to_char(business_date, 'YYYY-MM-DD')`.as("business_date"),
      "description",
      "source",
      "source_ref",
      "reverses_entry_id",
      "created_by",
      "approved_by",
      "created_at",
      "posted_at",
    ])
    .where("koperasi_id", "=", koperasiId);
}

type HeaderRow = Awaited<ReturnType<ReturnType<typeof headers>["executeTakeFirstOrThrow"]>>;

function toHeader(row: HeaderRow): EntryHeader {
  return {
    id: row.id,
    status: row.status,
    voucherNo: row.voucher_no,
    businessDate: row.business_date,
    description: row.description,
    source: row.source,
    sourceRef: row.source_ref,
    reversesEntryId: row.reverses_entry_id,
    createdBy: row.created_by,
    approvedBy: row.approved_by,
    createdAt: new Date(row.created_at).toISOString(),
    postedAt: row.posted_at ? new Date(row.posted_at).toISOString() : null,
  };
}

export async function loadJournalEntry(trx: Transaction<DB>, koperasiId: string, id: string): Promise<JournalEntryDto | undefined> {
  const row = await headers(trx, koperasiId).where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const lines = await trx
    .selectFrom("journal_line as l")
    .innerJoin("gl_account as a", (join) => join.onRef("a.koperasi_id", "=", "l.koperasi_id").onRef("a.id", "=", "l.account_id"))
    .select(["l.line_no", "l.account_id", "a.code", "a.name", "l.member_account_id", "l.debit", "l.credit"])
    .where("l.koperasi_id", "=", koperasiId)
    .where("l.entry_id", "=", id)
    .orderBy("l.line_no")
    .execute();
  const dtoLines = lines.map((line) => ({
    lineNo: line.line_no,
    accountId: line.account_id,
    accountCode: line.code,
    accountName: line.name,
    memberAccountId: line.member_account_id,
    debit: rupiahFromDb(line.debit),
    credit: rupiahFromDb(line.credit),
  }));
  return {
    ...toHeader(row),
    totalDebit: sumRupiah(dtoLines.map((l) => l.debit)),
    totalCredit: sumRupiah(dtoLines.map((l) => l.credit)),
    lines: dtoLines,
  };
}

/**
 * The entry a posting just wrote, as loadJournalEntry() would read it back,
 * without reading it back: postEntry returns every field. Only for entries
 * posted directly (created and posted at once); an approved pending entry's
 * creation is the maker's, so read that one back.
 */
export function postedEntryDto(posted: PostedEntry): JournalEntryDto {
  if (posted.fromPending) throw new Error("postedEntryDto: a pending entry's header is read back with loadJournalEntry");
  return {
    id: posted.id,
    status: "posted",
    voucherNo: posted.voucherNo,
    businessDate: posted.businessDate,
    description: posted.description,
    source: posted.source,
    sourceRef: posted.sourceRef,
    reversesEntryId: posted.reversesEntryId,
    createdBy: posted.createdBy,
    approvedBy: posted.approvedBy,
    createdAt: posted.postedAt.toISOString(),
    postedAt: posted.postedAt.toISOString(),
    totalDebit: sumRupiah(posted.lines.map((l) => l.debit)),
    totalCredit: sumRupiah(posted.lines.map((l) => l.credit)),
    lines: posted.lines.map((line) => ({
      lineNo: line.lineNo,
      accountId: line.accountId,
      accountCode: line.accountCode,
      accountName: line.accountName,
      memberAccountId: line.memberAccountId,
      debit: line.debit,
      credit: line.credit,
    })),
  };
}

export interface JournalListQuery {
  status?: JournalEntryStatus | undefined;
  page: number;
  pageSize: number;
}

/** Newest first; the checker's queue is `status=pending`. */
export async function listJournalEntries(
  trx: Transaction<DB>,
  koperasiId: string,
  query: JournalListQuery,
): Promise<{ items: EntryHeader[]; page: number; pageSize: number; total: number }> {
  let base = trx.selectFrom("journal_entry").where("koperasi_id", "=", koperasiId);
  if (query.status) base = base.where("status", "=", query.status);
  const { total } = await base.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow();
  let rows = headers(trx, koperasiId);
  if (query.status) rows = rows.where("status", "=", query.status);
  const items = await rows
    .orderBy("business_date", "desc")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: items.map(toHeader), page: query.page, pageSize: query.pageSize, total: Number(total) };
}
