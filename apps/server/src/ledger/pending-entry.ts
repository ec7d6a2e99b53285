import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import type { BusinessDate, JournalLine, JournalSource } from "@koperasi/domain";

export interface PendingEntry {
  koperasiId: string;
  id: string;
  source: JournalSource;
  businessDate: BusinessDate;
  description: string;
  createdBy: string;
  createdAt: Date;
  reversesEntryId?: string | null | undefined;
  lines: readonly JournalLine[];
}

/**
 * Writes an entry that waits for its checker: header and lines, no voucher
 * number yet (numbers are drawn at posting, so a rejected entry leaves no
 * gap). Approval posts it through postEntry, exactly as written here.
 */
export async function insertPendingEntry(trx: Transaction<DB>, entry: PendingEntry): Promise<void> {
  await trx
    .insertInto("journal_entry")
    .values({
      koperasi_id: entry.koperasiId,
      id: entry.id,
      status: "pending",
      business_date: entry.businessDate,
      description: entry.description,
      source: entry.source,
      line_count: entry.lines.length,
      reverses_entry_id: entry.reversesEntryId ?? null,
      created_by: entry.createdBy,
      created_at: entry.createdAt,
    })
    .execute();
  await trx
    .insertInto("journal_line")
    .values(
      entry.lines.map((line, i) => ({
        koperasi_id: entry.koperasiId,
        entry_id: entry.id,
        line_no: i + 1,
        account_id: line.account,
        member_account_id: line.memberAccountId,
        debit: line.debit,
        credit: line.credit,
      })),
    )
    .execute();
}
