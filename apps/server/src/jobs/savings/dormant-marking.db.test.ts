import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../testing/harness";
import type { Koperasi } from "../../command/command-context";
import { memberWithAccount, type LedgerKoperasi } from "../../ledger/test-support";
import { payIn, savingsKoperasi } from "./test-support";
import { runJobOnDate } from "../run-jobs";
import { dormantMarking } from "./dormant-marking";

// Sukarela accounts go dormant after three months without movement (terms
// from 2 January); the register records the day each fell dormant.

let t: TestApp;
let k: LedgerKoperasi;
let koperasi: Koperasi;
const now = () => new Date("2026-12-01T05:00:00.000Z");

beforeAll(async () => {
  t = await createTestApp({ now });
  ({ k, koperasi } = await savingsKoperasi(t, "2026-01-01T01:00:00Z"));
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
    await sql`
      INSERT INTO savings_product_terms (koperasi_id, product_id, effective_from, annual_rate_percent, interest_method, min_earning_balance, min_balance, dormant_after_months)
      SELECT koperasi_id, id, '2026-01-02', 3, 'daily_balance', 10000, 10000, 3 FROM savings_product WHERE kind = 'sukarela'`.execute(trx);
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const deposit = (memberAccountId: string, businessDate: string) => payIn(t, k, memberAccountId, businessDate, 50_000);

async function register(): Promise<string[]> {
  const rows = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
    trx
      .selectFrom("savings_dormancy")
      .select((eb) => [
        "member_account_id",
        eb.fn<string>("to_char", [eb.ref("dormant_on"), eb.val("YYYY-MM-DD")]).as("dormant_on"),
        eb.fn<string>("to_char", [eb.ref("last_movement_on"), eb.val("YYYY-MM-DD")]).as("last_movement_on"),
      ])
      .orderBy("dormant_on")
      .execute(),
  );
  return rows.map((row) => `${row.member_account_id === used ? "used" : "idle"} ${row.last_movement_on} → ${row.dormant_on}`);
}

async function markOn(date: string): Promise<number> {
  const outcome = await runJobOnDate(t.ctx.database, koperasi, dormantMarking, date, now);
  if (outcome.status !== "succeeded") throw new Error(`dormant marking ${outcome.status}`);
  return outcome.summary.marked ?? -1;
}

let used: string;

it("marks an account on the day three months pass without movement, once; a movement wakes it until the next three months", async () => {
  used = (await memberWithAccount(t, k)).memberAccountId;
  const idle = (await memberWithAccount(t, k)).memberAccountId;
  await t.db.superuser.query(`UPDATE member_account SET created_at = '2026-01-05T01:00:00Z' WHERE id IN ($1, $2)`, [used, idle]);
  await deposit(used, "2026-02-10");

  // The idle account, opened 5 January and never used, fell dormant on 5 April.
  expect(await markOn("2026-04-04")).toBe(0);
  expect(await markOn("2026-04-05")).toBe(1);
  expect(await markOn("2026-05-09")).toBe(0);
  expect(await markOn("2026-05-10")).toBe(1);
  expect(await markOn("2026-05-11")).toBe(0);
  expect(await register()).toEqual(["idle 2026-01-05 → 2026-04-05", "used 2026-02-10 → 2026-05-10"]);

  await deposit(used, "2026-06-01");
  // The cooperative's own month-end interest is no movement of hers: it wakes nothing.
  await payIn(t, k, used, "2026-06-30", 150, "2-1100", "savings_interest");
  expect(await markOn("2026-08-31")).toBe(0);
  expect(await markOn("2026-09-01")).toBe(1);
  expect(await register()).toEqual(["idle 2026-01-05 → 2026-04-05", "used 2026-02-10 → 2026-05-10", "used 2026-06-01 → 2026-09-01"]);
});
