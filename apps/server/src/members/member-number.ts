import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";

/** The width of the running number: AGT-000001. More members simply widen it. */
export const MEMBER_NUMBER_DIGITS = 6;

const SEQUENCE_ID = "member_number";

/**
 * The cooperative's next member number, e.g. `AGT-000042`.
 *
 * Gap-free and safe under concurrency: the counter row is created or bumped in
 * one statement, which takes its row lock until the caller's transaction ends,
 * so two transactions can never draw the same value, and a rolled-back
 * transaction gives its value back. Call it inside the transaction that
 * creates the member (a tenant transaction for `koperasiId`).
 */
export async function nextMemberNumber(trx: Transaction<DB>, koperasiId: string, prefix: string): Promise<string> {
  const row = await trx
    .insertInto("tenant_sequence")
    .values({ koperasi_id: koperasiId, id: SEQUENCE_ID, last_value: 1 })
    .onConflict((oc) => oc.columns(["koperasi_id", "id"]).doUpdateSet({ last_value: sql`tenant_sequence.last_value + 1` }))
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return formatMemberNumber(prefix, BigInt(row.last_value));
}

export function formatMemberNumber(prefix: string, value: bigint | number): string {
  return `${prefix}-${String(value).padStart(MEMBER_NUMBER_DIGITS, "0")}`;
}

/**
 * The next generated number nobody holds yet: numbers given explicitly (an
 * import keeping the cooperative's old numbers) may already hold what the
 * counter would hand out, and are stepped over.
 */
export async function nextFreeMemberNumber(trx: Transaction<DB>, koperasiId: string, prefix: string): Promise<string> {
  for (;;) {
    const candidate = await nextMemberNumber(trx, koperasiId, prefix);
    const taken = await trx.selectFrom("member").select("id").where("koperasi_id", "=", koperasiId).where("member_number", "=", candidate).executeTakeFirst();
    if (!taken) return candidate;
  }
}
