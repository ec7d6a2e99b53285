import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import type { Koperasi } from "../command/command-context";
import type { EndOfDayJob } from "./end-of-day-job";
import { runJobOnDate, runKoperasiJobs } from "./run-jobs";

// The runner on the real database, with two jobs that leave a trace in the
// cooperative's audit log: which date each ran for, in which order.

let t: TestApp;
let userId: string;
const now = () => new Date("2026-12-10T05:00:00.000Z"); // 12.00 WIB, 10 December

beforeAll(async () => {
  t = await createTestApp({ now });
  userId = (await createUser(t.ctx)).userId;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** A cooperative created at `createdAt` in `zone`. */
async function koperasiCreated(createdAt: string, zone = "Asia/Jakarta"): Promise<Koperasi> {
  const { koperasiId } = await createKoperasi(t.ctx, userId);
  await t.db.superuser.query(`UPDATE koperasi SET created_at = $1, time_zone = $2 WHERE id = $3`, [createdAt, zone, koperasiId]);
  return t.ctx.database.platform((trx) => trx.selectFrom("koperasi").selectAll().where("id", "=", koperasiId).executeTakeFirstOrThrow());
}

function tracing(name: string, failOn?: { dates: Set<string> }): EndOfDayJob {
  return {
    name,
    label: { id: name, en: name },
    run: async (cmd) => {
      if (failOn?.dates.has(cmd.today)) throw new Error(`buku ${cmd.today} belum seimbang`);
      await cmd.audit({ action: `test.${name}` });
      return { dates: 1 };
    },
  };
}

async function trace(koperasiId: string): Promise<string[]> {
  const rows = await t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx.selectFrom("audit_log").select(["action", "details", "actor_user_id", "actor_role"]).where("action", "like", "test.%").orderBy("id").execute(),
  );
  for (const row of rows) expect([row.actor_user_id, row.actor_role]).toEqual([null, "sistem"]);
  return rows.map((row) => `${(row.details as { businessDate: string }).businessDate} ${row.action.slice(5)}`);
}

async function runs(koperasiId: string) {
  return t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx
      .selectFrom("job_run")
      .select(["job", "status", "error", "attempts"])
      .select((eb) => eb.fn<string>("to_char", [eb.ref("business_date"), eb.val("YYYY-MM-DD")]).as("date"))
      .orderBy("business_date")
      .orderBy("job")
      .execute(),
  );
}

function refusal(fn: () => Promise<unknown>): Promise<AppError> {
  return fn().then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    },
  );
}

describe("end-of-day runner", () => {
  it("runs every date from the day the cooperative was created, date by date, each job in its order", async () => {
    // 1 December 08.00 WIB.
    const k = await koperasiCreated("2026-12-01T01:00:00Z");
    const jobs = [tracing("accrual"), tracing("billing")];
    const report = await runKoperasiJobs(t.ctx.database, k, { through: "2026-12-03", jobs, now });
    expect(report).toEqual({ koperasiId: k.id, slug: k.slug, ran: 6, skipped: 0 });
    expect(await trace(k.id)).toEqual([
      "2026-12-01 accrual",
      "2026-12-01 billing",
      "2026-12-02 accrual",
      "2026-12-02 billing",
      "2026-12-03 accrual",
      "2026-12-03 billing",
    ]);
    expect((await runs(k.id)).every((row) => row.status === "succeeded" && row.attempts === 1)).toBe(true);
  });

  it("a date already done does nothing the second time; a missed week is caught up day by day", async () => {
    const k = await koperasiCreated("2026-12-01T01:00:00Z");
    const jobs = [tracing("accrual")];
    await runKoperasiJobs(t.ctx.database, k, { through: "2026-12-02", jobs, now });
    expect(await runKoperasiJobs(t.ctx.database, k, { through: "2026-12-02", jobs, now })).toMatchObject({ ran: 0, skipped: 2 });
    // One job-date at a time too: found done, not run.
    expect(await runJobOnDate(t.ctx.database, k, jobs[0]!, "2026-12-02", now)).toEqual({ status: "skipped" });
    const report = await runKoperasiJobs(t.ctx.database, k, { through: "2026-12-09", jobs, now });
    expect(report).toMatchObject({ ran: 7, skipped: 2 });
    expect(await trace(k.id)).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09"].map((day) => `2026-12-${day} accrual`));
  });

  it("never runs a date after the cooperative's today, in its own time zone, nor before it existed", async () => {
    const k = await koperasiCreated("2026-12-01T01:00:00Z");
    const jobs = [tracing("accrual")];
    const future = await refusal(() => runKoperasiJobs(t.ctx.database, k, { through: "2026-12-11", jobs, now }));
    expect(future.code).toBe("job_date_in_future");
    expect(future.messageId).toContain("hari ini di sana 2026-12-10");
    const before = await refusal(() => runKoperasiJobs(t.ctx.database, k, { through: "2026-11-30", jobs, now }));
    expect(before.code).toBe("job_date_before_koperasi");
    expect(await runs(k.id)).toEqual([]);

    // 16.00 UTC on 10 December is 23.00 WIB (still the 10th) but 01.00 WIT on the 11th.
    const lateEvening = () => new Date("2026-12-10T16:00:00Z");
    const jayapura = await koperasiCreated("2026-12-10T01:00:00Z", "Asia/Jayapura");
    expect(await runKoperasiJobs(t.ctx.database, jayapura, { through: "2026-12-11", jobs, now: lateEvening })).toMatchObject({ ran: 2 });
    const jakarta = await koperasiCreated("2026-12-10T01:00:00Z");
    expect((await refusal(() => runKoperasiJobs(t.ctx.database, jakarta, { through: "2026-12-11", jobs, now: lateEvening }))).code).toBe("job_date_in_future");
    // Created at 23.30 WIB on 30 November: its first date is the 30th, though the instant is 1 December in Jayapura.
    const lateStart = await koperasiCreated("2026-11-30T16:30:00Z");
    expect(await runKoperasiJobs(t.ctx.database, lateStart, { through: "2026-11-30", jobs, now })).toMatchObject({ ran: 1 });
  });

  it("a cooperative older than its jobs starts them on the day they came, not on the day it was made", async () => {
    const k = await koperasiCreated("2026-06-01T01:00:00Z");
    await t.db.superuser.query("UPDATE koperasi SET jobs_start_at = '2026-12-08T01:00:00Z' WHERE id = $1", [k.id]);
    const older = { ...k, jobs_start_at: new Date("2026-12-08T01:00:00Z") };
    const jobs = [tracing("accrual")];
    expect(await runKoperasiJobs(t.ctx.database, older, { through: "2026-12-09", jobs, now })).toMatchObject({ ran: 2 });
    expect(await trace(k.id)).toEqual(["2026-12-08 accrual", "2026-12-09 accrual"]);
    expect((await refusal(() => runKoperasiJobs(t.ctx.database, older, { through: "2026-12-07", jobs, now }))).code).toBe("job_date_before_koperasi");
  });

  it("stops at the first failure, records it, and runs that date again next time", async () => {
    const k = await koperasiCreated("2026-12-01T01:00:00Z");
    const broken = { dates: new Set(["2026-12-02"]) };
    const jobs = [tracing("accrual"), tracing("billing", broken)];
    const report = await runKoperasiJobs(t.ctx.database, k, { through: "2026-12-04", jobs, now });
    expect(report).toEqual({ koperasiId: k.id, slug: k.slug, ran: 3, skipped: 0, failure: { job: "billing", date: "2026-12-02", error: "buku 2026-12-02 belum seimbang" } });
    // The failed job's work rolled back; nothing ran after it.
    expect(await trace(k.id)).toEqual(["2026-12-01 accrual", "2026-12-01 billing", "2026-12-02 accrual"]);
    expect((await runs(k.id)).find((row) => row.job === "billing" && row.date === "2026-12-02")).toMatchObject({ status: "failed", error: "buku 2026-12-02 belum seimbang", attempts: 1 });

    broken.dates.clear();
    expect(await runKoperasiJobs(t.ctx.database, k, { through: "2026-12-04", jobs, now })).toMatchObject({ ran: 5, skipped: 3 });
    const rows = await runs(k.id);
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => row.status === "succeeded" && row.error === null)).toBe(true);
    expect(rows.find((row) => row.job === "billing" && row.date === "2026-12-02")?.attempts).toBe(2);
  });
});
