import type { Database } from "@koperasi/db";
import { addDays, businessDateOf, type BusinessDate, timeZoneOr } from "@koperasi/domain";
import type { Koperasi } from "../command/command-context";
import type { EndOfDayJob } from "./end-of-day-job";
import { END_OF_DAY_JOBS } from "./registry";
import { firstBusinessDate, runKoperasiJobs } from "./run-jobs";

// The server's own end-of-day run: every cooperative's jobs for the day that
// has just ended, shortly after its local midnight (three zones, three
// midnights). It does what `koperasi jobs run` does: a day already done is
// skipped, a missed day (the server was down) is caught up, and a second
// server doing the same finds the days done.

export interface SchedulerOptions {
  readonly database: Database;
  readonly now: () => Date;
  /** Pause between checks (JOBS_CHECK_INTERVAL_MS); 0 turns the scheduler off. */
  readonly intervalMs: number;
  /** Minutes after local midnight before the day just ended is run (JOBS_RUN_AFTER_MINUTES). */
  readonly runAfterMinutes: number;
  /** After a failure, the cooperative is tried again this much later. */
  readonly retryAfterMs?: number;
  readonly jobs?: readonly EndOfDayJob[];
  readonly log: { info(message: string): void; error(message: string): void };
}

export interface JobScheduler {
  /** One round over every cooperative (what each interval does). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** The last date the scheduler runs for a cooperative at `now`: the day that ended at least `runAfterMinutes` ago. */
export function scheduledThrough(koperasi: Koperasi, now: Date, runAfterMinutes: number): BusinessDate {
  const zone = timeZoneOr(koperasi.time_zone);
  return addDays(businessDateOf(new Date(now.getTime() - runAfterMinutes * 60_000), zone), -1);
}

export function startJobScheduler(options: SchedulerOptions): JobScheduler {
  const jobs = options.jobs ?? END_OF_DAY_JOBS;
  const retryAfterMs = options.retryAfterMs ?? 60 * 60_000;
  // What this process has done or tried, so a round costs a query only for
  // cooperatives whose day has turned; the job_run table stays the truth.
  const doneThrough = new Map<string, BusinessDate>();
  const failedAt = new Map<string, number>();
  let running: Promise<void> | undefined;
  let stopped = false;

  async function round(): Promise<void> {
    const cooperatives = await options.database.platform((trx) => trx.selectFrom("koperasi").selectAll().where("status", "=", "approved").orderBy("slug").execute());
    for (const koperasi of cooperatives) {
      if (stopped) return;
      const now = options.now();
      const through = scheduledThrough(koperasi, now, options.runAfterMinutes);
      if (through < firstBusinessDate(koperasi) || (doneThrough.get(koperasi.id) ?? "") >= through) continue;
      const lastFailure = failedAt.get(koperasi.id);
      if (lastFailure !== undefined && now.getTime() - lastFailure < retryAfterMs) continue;
      try {
        const report = await runKoperasiJobs(options.database, koperasi, { through, jobs, now: options.now });
        if (report.failure) {
          failedAt.set(koperasi.id, now.getTime());
          options.log.error(`Pekerjaan akhir hari ${koperasi.slug} gagal: ${report.failure.job} tanggal ${report.failure.date}: ${report.failure.error}`);
        } else {
          failedAt.delete(koperasi.id);
          doneThrough.set(koperasi.id, through);
          if (report.ran > 0) options.log.info(`Pekerjaan akhir hari ${koperasi.slug} selesai sampai ${through} (${report.ran} dijalankan)`);
        }
      } catch (error) {
        failedAt.set(koperasi.id, now.getTime());
        options.log.error(`Pekerjaan akhir hari ${koperasi.slug} tidak dapat dijalankan: ${(error as Error).message}`);
      }
    }
  }

  function tick(): Promise<void> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = options.intervalMs > 0 ? setInterval(() => void tick().catch((error: Error) => options.log.error(`Penjadwal pekerjaan: ${error.message}`)), options.intervalMs) : undefined;
  timer?.unref();
  return {
    tick,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
