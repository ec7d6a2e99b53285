import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { leafData, leafHash, type EntrySummary } from "@koperasi/tlog";
import { rupiahFromDb } from "../ledger/amounts";

// A posted entry's log leaf, recomputed from the journal as it stands now.
// This mirrors what the posting path commits to (apps/server/src/ledger/
// post-entry.ts builds the summary, log-leaf.ts salts and hashes it): the
// entry's id, voucher number, business date and posting instant, and per line
// the GL account's code, the member account and the amounts. If posting ever
// commits to something else, entry-leaf.db.test.ts fails on freshly posted
// entries before `koperasi verify` reports every entry as altered.

export interface JournalEntryRecord {
  id: string;
  status: string;
  voucherNo: string | null;
  /** "YYYY-MM-DD". */
  businessDate: string;
  postedAt: Date | null;
  /** The header's promise about its lines. */
  lineCount: number;
  lines: JournalLineRecord[];
}

export interface JournalLineRecord {
  lineNo: number;
  /** Null when the line's GL account row is gone. */
  accountCode: string | null;
  memberAccountId: string | null;
  debit: number;
  credit: number;
}

/** The summary a posted entry's leaf commits to: exactly what postEntry builds. */
export function summaryOfEntry(koperasiId: string, entry: JournalEntryRecord): EntrySummary {
  return {
    koperasiId,
    entryId: entry.id,
    voucherNo: entry.voucherNo ?? "",
    businessDate: entry.businessDate,
    postedAt: (entry.postedAt ?? new Date(0)).toISOString(),
    lines: entry.lines.map((line) => ({
      accountCode: line.accountCode ?? "",
      ...(line.memberAccountId ? { memberAccountId: line.memberAccountId } : {}),
      debit: line.debit,
      credit: line.credit,
    })),
  };
}

/** The leaf data and RFC 9162 leaf hash of an entry under its stored salt. */
export function recomputeLeaf(koperasiId: string, entry: JournalEntryRecord, salt: Uint8Array): { data: Uint8Array; hash: Uint8Array } {
  const data = leafData(summaryOfEntry(koperasiId, entry), salt);
  return { data, hash: leafHash(data) };
}

/**
 * Entries (any status) with their lines and account codes, for a batch of
 * ids: two queries whatever the batch size. Ids with no entry are absent.
 */
export async function loadJournalEntries(trx: Transaction<DB>, koperasiId: string, ids: readonly string[]): Promise<Map<string, JournalEntryRecord>> {
  const entries = new Map<string, JournalEntryRecord>();
  if (ids.length === 0) return entries;
  const headers = await trx
    .selectFrom("journal_entry")
    .select(["id", "status", "voucher_no", sql<string>`to_char(business_date, 'YYYY-MM-DD')`.as("business_date"), "posted_at", "line_count"])
    .where("koperasi_id", "=", koperasiId)
    .where("id", "in", ids)
    .execute();
  for (const row of headers) {
    entries.set(row.id, {
      id: row.id,
      status: row.status,
      voucherNo: row.voucher_no,
      businessDate: row.business_date,
      postedAt: row.posted_at === null ? null : new Date(row.posted_at),
      lineCount: row.line_count,
      lines: [],
    });
  }
  // A left join: a line whose account row was removed still counts (and then
  // cannot match the leaf, which committed to the account's code).
  const lines = await trx
    .selectFrom("journal_line as l")
    .leftJoin("gl_account as a", (join) => join.onRef("a.koperasi_id", "=", "l.koperasi_id").onRef("a.id", "=", "l.account_id"))
    .select(["l.entry_id", "l.line_no", "a.code", "l.member_account_id", "l.debit", "l.credit"])
    .where("l.koperasi_id", "=", koperasiId)
    .where("l.entry_id", "in", ids)
    .orderBy("l.entry_id")
    .orderBy("l.line_no")
    .execute();
  for (const line of lines) {
    entries.get(line.entry_id)?.lines.push({
      lineNo: line.line_no,
      accountCode: line.code,
      memberAccountId: line.member_account_id,
      debit: rupiahFromDb(line.debit),
      credit: rupiahFromDb(line.credit),
    });
  }
  return entries;
}
