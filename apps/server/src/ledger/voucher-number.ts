import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { formatVoucherNumber, voucherSequenceId } from "@koperasi/domain";

/**
 * The next nomor bukti for a prefix and book year, e.g. `TRF/2026/000042`.
 *
 * Gap-free: the counter row is created or bumped in one statement, which
 * holds its row lock until the posting transaction ends; a rolled-back
 * posting gives its number back. The lock serialises postings of one prefix
 * in one cooperative, so posting draws it last, after every check and every
 * other lock, to hold it as briefly as possible.
 */
export async function nextVoucherNumber(trx: Transaction<DB>, koperasiId: string, prefix: string, year: number): Promise<string> {
  const row = await trx
    .insertInto("tenant_sequence")
    .values({ koperasi_id: koperasiId, id: voucherSequenceId(prefix, year), last_value: 1 })
    .onConflict((oc) => oc.columns(["koperasi_id", "id"]).doUpdateSet({ last_value: sql`tenant_sequence.last_value + 1` }))
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return formatVoucherNumber(prefix, year, BigInt(row.last_value));
}
