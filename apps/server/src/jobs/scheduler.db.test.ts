import { afterAll, beforeAll, expect, it } from "vitest";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import type { EndOfDayJob } from "./end-of-day-job";
import { startJobScheduler } from "./scheduler";

// The server's scheduler, one round at a time (its interval is off here):
// each cooperative's day is run once it has ended in its own zone.

let t: TestApp;
let clock = new Date("2026-12-10T15:45:00.000Z");
const now = () => clock;
const job: EndOfDayJob = { name: "trace", label: { id: "trace", en: "trace" }, run: async () => ({}) };

beforeAll(async () => {
  t = await createTestApp({ now });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function cooperative(zone: string): Promise<string> {
  const { userId } = await createUser(t.ctx);
  const { koperasiId } = await createKoperasi(t.ctx, userId);
  await t.db.superuser.query(`UPDATE koperasi SET created_at = '2026-12-08T01:00:00Z', time_zone = $1 WHERE id = $2`, [zone, koperasiId]);
  return koperasiId;
}

async function datesDone(koperasiId: string): Promise<string[]> {
  const rows = await t.db.superuser.query<{ date: string }>(
    `SELECT to_char(business_date, 'YYYY-MM-DD') AS date FROM job_run WHERE koperasi_id = $1 AND status = 'succeeded' ORDER BY 1`,
    [koperasiId],
  );
  return rows.map((row) => row.date);
}

it("runs each cooperative's day once it has ended in its own zone, and only once", async () => {
  const jakarta = await cooperative("Asia/Jakarta");
  const jayapura = await cooperative("Asia/Jayapura");
  const logged: string[] = [];
  const scheduler = startJobScheduler({
    database: t.ctx.database,
    now,
    intervalMs: 0,
    runAfterMinutes: 30,
    jobs: [job],
    log: { info: (line) => logged.push(line), error: (line) => logged.push(line) },
  });
  try {
    // 22.45 WIB on the 10th; 00.45 WIT on the 11th: Jayapura's 10th has ended.
    await scheduler.tick();
    expect(await datesDone(jakarta)).toEqual(["2026-12-08", "2026-12-09"]);
    expect(await datesDone(jayapura)).toEqual(["2026-12-08", "2026-12-09", "2026-12-10"]);

    // 00.15 WIB on the 11th: not yet 30 minutes past Jakarta's midnight.
    clock = new Date("2026-12-10T17:15:00.000Z");
    await scheduler.tick();
    expect(await datesDone(jakarta)).toEqual(["2026-12-08", "2026-12-09"]);

    clock = new Date("2026-12-10T17:31:00.000Z");
    await scheduler.tick();
    await scheduler.tick();
    expect(await datesDone(jakarta)).toEqual(["2026-12-08", "2026-12-09", "2026-12-10"]);
    expect(logged.filter((line) => line.includes("GAGAL") || line.includes("gagal"))).toEqual([]);
  } finally {
    await scheduler.stop();
  }
});
