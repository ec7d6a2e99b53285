import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type Database } from "@koperasi/db";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import type { Koperasi } from "../command/command-context";
import type { EndOfDayJob } from "./end-of-day-job";
import { runKoperasiJobs } from "./run-jobs";

// PostgreSQL only: two runners at once (as two servers, or a server and the
// CLI, would be), each with its own pool. Every job-date is done exactly
// once: the second runner waits on the first one's claim of the row and then
// finds it done.

let t: TestApp;
let second: Database;
const now = () => new Date("2026-12-10T05:00:00.000Z");

beforeAll(async () => {
  t = await createTestApp({ now });
  if (!t.db.url) throw new Error("PostgreSQL test database expected");
  second = await openDatabase({ databaseUrl: t.db.url, migrate: false, poolSize: 2 });
}, 120_000);
afterAll(async () => {
  await second?.close();
  await t?.close();
});

const slowTrace: EndOfDayJob = {
  name: "trace",
  label: { id: "trace", en: "trace" },
  run: async (cmd) => {
    await cmd.audit({ action: "test.trace" });
    // Long enough that the other runner reaches the same row meanwhile.
    await sql`SELECT pg_sleep(0.05)`.execute(cmd.trx);
    return { dates: 1 };
  },
};

it("two runners at once do each date once", async () => {
  const { userId } = await createUser(t.ctx);
  const { koperasiId } = await createKoperasi(t.ctx, userId);
  await t.db.superuser.query(`UPDATE koperasi SET created_at = '2026-12-01T01:00:00Z' WHERE id = $1`, [koperasiId]);
  const koperasi: Koperasi = await t.ctx.database.platform((trx) => trx.selectFrom("koperasi").selectAll().where("id", "=", koperasiId).executeTakeFirstOrThrow());

  const options = { through: "2026-12-10", jobs: [slowTrace], now };
  const [a, b] = await Promise.all([runKoperasiJobs(t.ctx.database, koperasi, options), runKoperasiJobs(second, koperasi, options)]);
  expect(a.failure).toBeUndefined();
  expect(b.failure).toBeUndefined();
  expect(a.ran + b.ran).toBe(10);
  expect(a.ran + a.skipped).toBe(10);
  expect(b.ran + b.skipped).toBe(10);

  const traced = await t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx.selectFrom("audit_log").select(sql<string>`details->>'businessDate'`.as("date")).where("action", "=", "test.trace").orderBy("id").execute(),
  );
  expect(traced.map((row) => row.date).sort()).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"].map((day) => `2026-12-${day}`));
  const records = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("job_run").select(["status", "attempts"]).execute());
  expect(records).toHaveLength(10);
  expect(records.every((row) => row.status === "succeeded" && row.attempts === 1)).toBe(true);
}, 60_000);
