import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import type { EntrySummary } from "@koperasi/tlog";

/**
 * The canonical summary of a posted entry, rebuilt from the journal exactly
 * as the posting path wrote it into the leaf (docs/tlog-leaf.md): the
 * account codes and member accounts of the lines, amounts in whole Rupiah,
 * `postedAt` to the millisecond. Undefined for an entry that is not posted.
 */
export async function loadEntrySummary(trx: Transaction<DB>, koperasiId: string, entryId: string): Promise<EntrySummary | undefined> {
  const entry = await trx
    .selectFrom("journal_entry")
    .select(["id", "voucher_no", sql<string>`to_char(business_date, 'YYYY-MM-DD')`.as("business_date"), "posted_at", "status"])
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", entryId)
    .executeTakeFirst();
  if (!entry || entry.status !== "posted" || entry.voucher_no === null || entry.posted_at === null) return undefined;
  const lines = await trx
    .selectFrom("journal_line as l")
    .innerJoin("gl_account as a", (join) => join.onRef("a.koperasi_id", "=", "l.koperasi_id").onRef("a.id", "=", "l.account_id"))
    .select(["a.code", "l.member_account_id", "l.debit", "l.credit"])
    .where("l.koperasi_id", "=", koperasiId)
    .where("l.entry_id", "=", entryId)
    .orderBy("l.line_no")
    .execute();
  return {
    koperasiId,
    entryId: entry.id,
    voucherNo: entry.voucher_no,
    businessDate: entry.business_date,
    postedAt: new Date(entry.posted_at).toISOString(),
    lines: lines.map((line) => ({
      accountCode: line.code,
      ...(line.member_account_id ? { memberAccountId: line.member_account_id } : {}),
      debit: Number(line.debit),
      credit: Number(line.credit),
    })),
  };
}
