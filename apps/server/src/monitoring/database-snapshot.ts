import { sql } from "kysely";
import type { Database } from "@koperasi/db";

// What /metrics reads from the database at each scrape, across every
// cooperative at once and as totals only: tens of thousands of cooperatives
// must not become tens of thousands of series.

/** A cooperative whose oldest waiting posting has waited this long has a stale log. */
export const LOG_STALE_AFTER_SECONDS = 300;

export interface LogBacklog {
  /** Postings (log leaves) waiting for a position in their log; their receipts wait with them. */
  readonly leavesWaiting: number;
  /** Cooperatives with at least one posting waiting. */
  readonly cooperativesWaiting: number;
  /** Of those, the ones whose oldest waiting posting is older than LOG_STALE_AFTER_SECONDS. */
  readonly staleCooperatives: number;
  /** How long the posting waiting longest has waited for a checkpoint (0 when none waits). */
  readonly oldestCheckpointAgeSeconds: number;
}

/** Ages are by the database's clock, which stamped the leaves. */
export async function readLogBacklog(database: Database): Promise<LogBacklog> {
  return database.platform(async (trx) => {
    // The sequencer's view: unsequenced leaves of every cooperative (salted commitments, nothing more).
    await sql`SELECT set_config('app.log_sequencer', 'on', true)`.execute(trx);
    const { rows } = await sql<{ leaves: string | null; cooperatives: string; stale: string; oldest: number | string | null }>`
      SELECT sum(waiting) AS leaves, count(*) AS cooperatives,
             count(*) FILTER (WHERE since < now() - make_interval(secs => ${LOG_STALE_AFTER_SECONDS})) AS stale,
             extract(epoch FROM now() - min(since))::float8 AS oldest
      FROM (SELECT count(*) AS waiting, min(created_at) AS since FROM log_leaf WHERE seq IS NULL GROUP BY koperasi_id) AS per_koperasi`.execute(trx);
    const row = rows[0];
    return {
      leavesWaiting: Number(row?.leaves ?? 0),
      cooperativesWaiting: Number(row?.cooperatives ?? 0),
      staleCooperatives: Number(row?.stale ?? 0),
      oldestCheckpointAgeSeconds: Math.max(0, Number(row?.oldest ?? 0)),
    };
  });
}

/** Job-dates whose last run failed (and is not yet done), per end-of-day job. */
export async function readFailingJobs(database: Database): Promise<ReadonlyMap<string, number>> {
  return database.platform(async (trx) => {
    await sql`SELECT set_config('app.monitoring', 'on', true)`.execute(trx);
    const rows = await trx
      .selectFrom("job_run")
      .select(["job", (eb) => eb.fn.countAll<string>().as("failing")])
      .where("status", "=", "failed")
      .groupBy("job")
      .execute();
    return new Map(rows.map((row) => [row.job, Number(row.failing)]));
  });
}

export interface VerifyOutcome {
  readonly finishedAt: Date;
  readonly cooperatives: number;
  readonly failed: number;
}

/** The latest `koperasi verify --all`, if one has run. */
export async function readLatestVerify(database: Database): Promise<VerifyOutcome | undefined> {
  const row = await database.platform((trx) =>
    trx.selectFrom("verify_run").select(["finished_at", "cooperatives", "failed"]).orderBy("finished_at", "desc").limit(1).executeTakeFirst(),
  );
  return row ? { finishedAt: new Date(row.finished_at), cooperatives: row.cooperatives, failed: row.failed } : undefined;
}

/**
 * When the last good backup finished (backup_run, written by every backup);
 * with none yet, the age is infinite, which is what the alert should say.
 */
export async function readLastBackupAt(database: Database): Promise<Date | undefined> {
  return database.platform(async (trx) => {
    const row = await trx.selectFrom("backup_run").select((eb) => eb.fn.max("finished_at").as("at")).where("status", "=", "succeeded").executeTakeFirst();
    return row?.at ? new Date(row.at) : undefined;
  });
}

/** Whether the latest backup attempt (good or failed) failed: a failure alerts at once, not only once the last good one is 26 hours old. */
export async function readLastBackupFailed(database: Database): Promise<boolean> {
  return database.platform(async (trx) => {
    const row = await trx.selectFrom("backup_run").select("status").orderBy("finished_at", "desc").limit(1).executeTakeFirst();
    return row?.status === "failed";
  });
}
