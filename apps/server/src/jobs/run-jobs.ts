import { sql, type Transaction, type Updateable } from "kysely";
import type { Database, DB, JobRunTable } from "@koperasi/db";
import { businessDateOf, datesFromTo, type BusinessDate, timeZoneOr } from "@koperasi/domain";
import type { Koperasi } from "../command/command-context";
import type { EndOfDayJob, JobSummary } from "./end-of-day-job";
import { jobsError } from "./errors";
import { jobCommand } from "./job-command";
import { jobRunsTotal } from "../monitoring/process-metrics";

// Runs a cooperative's end-of-day jobs for every date not yet done, up to and
// including the date asked for: date by date, and on each date every job in
// the registry's order, each in its own transaction with its record. A date
// a job has done is skipped; the first failure stops the cooperative's run
// (a later date builds on the earlier one) and is recorded with its error.

export interface RunJobsOptions {
  /** The last date to run, included. */
  readonly through: BusinessDate;
  /** The jobs, in the order they run. */
  readonly jobs: readonly EndOfDayJob[];
  /** The wall clock (the cooperative's today comes from it). */
  readonly now: () => Date;
}

export interface JobFailure {
  readonly job: string;
  readonly date: BusinessDate;
  readonly error: string;
}

export interface KoperasiJobsReport {
  readonly koperasiId: string;
  readonly slug: string;
  /** Job-dates done in this run. */
  readonly ran: number;
  /** Job-dates found done already. */
  readonly skipped: number;
  readonly failure?: JobFailure;
}

function zoneOf(koperasi: Koperasi) {
  return timeZoneOr(koperasi.time_zone);
}

/** The first business date of its jobs, in its own zone: the day the cooperative was made, or the day the jobs came to an older one. */
export function firstBusinessDate(koperasi: Koperasi): BusinessDate {
  return businessDateOf(new Date(koperasi.jobs_start_at ?? koperasi.created_at), zoneOf(koperasi));
}

/** Refuses a date after the cooperative's today or before it existed. */
export function checkRunDate(koperasi: Koperasi, through: BusinessDate, now: Date): void {
  const today = businessDateOf(now, zoneOf(koperasi));
  if (through > today) throw jobsError("job_date_in_future", { field: "date", vars: { date: through, slug: koperasi.slug, today } });
  const since = firstBusinessDate(koperasi);
  if (through < since) throw jobsError("job_date_before_koperasi", { field: "date", vars: { date: through, slug: koperasi.slug, since } });
}

export async function runKoperasiJobs(database: Database, koperasi: Koperasi, options: RunJobsOptions): Promise<KoperasiJobsReport> {
  checkRunDate(koperasi, options.through, options.now());
  const from = firstBusinessDate(koperasi);
  const done = await doneJobDates(database, koperasi.id, from, options.through);
  let ran = 0;
  let skipped = 0;
  for (const date of datesFromTo(from, options.through)) {
    for (const job of options.jobs) {
      if (done.has(`${job.name}/${date}`)) {
        skipped += 1;
        continue;
      }
      const outcome = await runJobOnDate(database, koperasi, job, date, options.now);
      if (outcome.status === "failed") return { koperasiId: koperasi.id, slug: koperasi.slug, ran, skipped, failure: { job: job.name, date, error: outcome.error } };
      if (outcome.status === "succeeded") ran += 1;
      else skipped += 1;
    }
  }
  return { koperasiId: koperasi.id, slug: koperasi.slug, ran, skipped };
}

async function doneJobDates(database: Database, koperasiId: string, from: BusinessDate, through: BusinessDate): Promise<Set<string>> {
  const rows = await database.tenant({ koperasiId }, (trx) =>
    trx
      .selectFrom("job_run")
      .select(["job", sql<string>`to_char(business_date, 'YYYY-MM-DD')`.as("date")])
      .where("koperasi_id", "=", koperasiId)
      .where("status", "=", "succeeded")
      .where("business_date", ">=", from)
      .where("business_date", "<=", through)
      .execute(),
  );
  return new Set(rows.map((row) => `${row.job}/${row.date}`));
}

export type JobDateOutcome = { status: "succeeded"; summary: JobSummary } | { status: "skipped" } | { status: "failed"; error: string };

/**
 * One job on one date. The record's row is claimed first (inserted, then
 * locked): a second runner on the same row waits for the first to commit and
 * then finds it done. The job's work and the record of its success commit
 * together; a failure rolls the work back and is then recorded on its own.
 */
export async function runJobOnDate(database: Database, koperasi: Koperasi, job: EndOfDayJob, date: BusinessDate, now: () => Date): Promise<JobDateOutcome> {
  const outcome = await runAndRecord(database, koperasi, job, date, now);
  jobRunsTotal.inc({ job: job.name, outcome: outcome.status });
  return outcome;
}

async function runAndRecord(database: Database, koperasi: Koperasi, job: EndOfDayJob, date: BusinessDate, now: () => Date): Promise<JobDateOutcome> {
  const key = { koperasi_id: koperasi.id, job: job.name, business_date: date };
  const startedAt = now();
  try {
    return await database.tenant({ koperasiId: koperasi.id }, async (trx) => {
      await trx
        .insertInto("job_run")
        .values({ ...key, status: "running", started_at: startedAt })
        .onConflict((conflict) => conflict.columns(["koperasi_id", "job", "business_date"]).doNothing())
        .execute();
      const claimed = await trx
        .selectFrom("job_run")
        .select(["status", "attempts"])
        .where("koperasi_id", "=", key.koperasi_id)
        .where("job", "=", key.job)
        .where("business_date", "=", key.business_date)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (claimed.status === "succeeded") return { status: "skipped" } as const;
      if (claimed.status === "failed") {
        await updateRun(trx, key, { status: "running", started_at: startedAt, finished_at: null, error: null, attempts: claimed.attempts + 1 });
      }
      const summary = await job.run(jobCommand(trx, koperasi, date, startedAt, job.name));
      await updateRun(trx, key, { status: "succeeded", finished_at: now(), summary: JSON.stringify(summary) });
      return { status: "succeeded", summary } as const;
    });
  } catch (error) {
    const message = describeError(error);
    await recordFailure(database, key, startedAt, now(), message);
    return { status: "failed", error: message };
  }
}

type Key = { koperasi_id: string; job: string; business_date: string };

async function updateRun(trx: Transaction<DB>, key: Key, values: Updateable<JobRunTable>): Promise<void> {
  await trx
    .updateTable("job_run")
    .set(values)
    .where("koperasi_id", "=", key.koperasi_id)
    .where("job", "=", key.job)
    .where("business_date", "=", key.business_date)
    .execute();
}

async function recordFailure(database: Database, key: Key, startedAt: Date, finishedAt: Date, error: string): Promise<void> {
  await database.tenant({ koperasiId: key.koperasi_id }, async (trx) => {
    await trx
      .insertInto("job_run")
      .values({ ...key, status: "failed", started_at: startedAt, finished_at: finishedAt, error })
      .onConflict((conflict) =>
        conflict
          .columns(["koperasi_id", "job", "business_date"])
          .doUpdateSet((eb) => ({ status: "failed", started_at: startedAt, finished_at: finishedAt, error, attempts: eb("job_run.attempts", "+", 1) }))
          // A run that succeeded meanwhile (another runner) stays succeeded.
          .where("job_run.status", "<>", "succeeded"),
      )
      .execute();
  });
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? (("messageId" in error && typeof error.messageId === "string" ? error.messageId : "") || error.message) : String(error);
  return message.slice(0, 2000) || "Gagal tanpa keterangan.";
}
