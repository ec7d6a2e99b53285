import { sql } from "kysely";
import type { Database } from "@koperasi/db";
import { trialBalance } from "../ledger/trial-balance";

/**
 * What must survive a backup and restore, per cooperative (by slug): the
 * trial balance row by row, the member count and every checkpoint's root.
 */
export async function booksSummary(database: Database): Promise<Record<string, unknown>> {
  const cooperatives = await database.platform((trx) => trx.selectFrom("koperasi").select(["id", "slug"]).orderBy("slug").execute());
  const summary: Record<string, unknown> = {};
  for (const { id, slug } of cooperatives) {
    summary[slug] = await database.tenant({ koperasiId: id }, async (trx) => {
      const balance = await trialBalance(trx, id, "2099-12-31");
      const members = await trx.selectFrom("member").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      const { rows: roots } = await sql<{ size: string; root: string }>`SELECT tree_size::text AS size, encode(root_hash, 'hex') AS root FROM log_checkpoint ORDER BY tree_size`.execute(trx);
      return {
        trialBalance: balance.rows.map((row) => [row.code, String(row.debit), String(row.credit)]),
        totals: [String(balance.totalDebit), String(balance.totalCredit)],
        members: Number(members.n),
        logRoots: roots.map((row) => `${row.size}:${row.root}`),
      };
    });
  }
  return summary;
}
