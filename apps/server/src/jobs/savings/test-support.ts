// Shared by the savings jobs' and the SHU's *.test.ts files only.
import { sql } from "kysely";
import { uuidv7, type JournalSource } from "@koperasi/domain";
import type { TestApp } from "../../testing/harness";
import type { Koperasi } from "../../command/command-context";
import { postEntry } from "../../ledger/post-entry";
import { ledgerKoperasi, type LedgerKoperasi } from "../../ledger/test-support";

/** A cooperative with the KSP chart and the default savings products, existing since `createdAt`. */
export async function savingsKoperasi(t: TestApp, createdAt: string): Promise<{ k: LedgerKoperasi; koperasi: Koperasi }> {
  const k = await ledgerKoperasi(t);
  await t.db.superuser.query(`UPDATE koperasi SET created_at = $1 WHERE id = $2`, [createdAt, k.koperasiId]);
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => sql`SELECT savings_seed_default_products(${k.koperasiId}::uuid)`.execute(trx));
  const koperasi = await t.ctx.database.platform((trx) => trx.selectFrom("koperasi").selectAll().where("id", "=", k.koperasiId).executeTakeFirstOrThrow());
  return { k, koperasi };
}

/** Cash paid into a member's account under `control` on a date, through the posting path. */
export async function payIn(t: TestApp, k: LedgerKoperasi, memberAccountId: string, businessDate: string, amount: number, control = "2-1100", source: JournalSource = "deposit"): Promise<void> {
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
    postEntry(trx, {
      koperasiId: k.koperasiId,
      source,
      businessDate,
      description: "Setoran",
      createdBy: null,
      lines: [
        { accountId: k.account("1-1100"), debit: amount },
        { accountId: k.account(control), memberAccountId, credit: amount },
      ],
      postedAt: t.ctx.now(),
      newId: uuidv7,
    }),
  );
}
