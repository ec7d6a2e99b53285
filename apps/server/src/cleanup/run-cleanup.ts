import type { AppContext } from "../context";
import { jobRunsTotal } from "../monitoring/process-metrics";
import type { CleanupContext, CleanupJob } from "./cleanup-job";
import { CLEANUP_JOBS } from "./registry";

// Runs cleanup jobs one after another. A job that fails is counted and
// reported, and the others still run: one stuck table must not let every
// other kind of leftover pile up.

export interface CleanupOutcome {
  readonly job: string;
  readonly removed?: number;
  readonly error?: string;
}

/** The cleanup jobs' view of the running deployment, at its clock's now. */
export function cleanupContextOf(ctx: AppContext): CleanupContext {
  return { database: ctx.database, files: ctx.files, now: ctx.now(), idempotencyRetentionHours: ctx.config.idempotencyRetentionHours };
}

export async function runCleanup(ctx: CleanupContext, jobs: readonly CleanupJob[] = CLEANUP_JOBS): Promise<CleanupOutcome[]> {
  const outcomes: CleanupOutcome[] = [];
  for (const job of jobs) {
    try {
      const removed = await job.run(ctx);
      jobRunsTotal.inc({ job: job.name, outcome: "succeeded" });
      outcomes.push({ job: job.name, removed });
    } catch (error) {
      jobRunsTotal.inc({ job: job.name, outcome: "failed" });
      outcomes.push({ job: job.name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

export interface CleanupSchedulerOptions {
  readonly context: () => CleanupContext;
  /** Pause between rounds (CLEANUP_INTERVAL_MS); 0 turns the scheduler off. */
  readonly intervalMs: number;
  readonly jobs?: readonly CleanupJob[];
  readonly log: { info(message: string): void; error(message: string): void };
}

export interface CleanupScheduler {
  /** One round now (after any round in progress). */
  tick(): Promise<CleanupOutcome[]>;
  stop(): Promise<void>;
}

/** The server's own cleanup: a round every interval, never two at once in one process. */
export function startCleanupScheduler(options: CleanupSchedulerOptions): CleanupScheduler {
  let running: Promise<CleanupOutcome[]> | undefined;
  async function round(): Promise<CleanupOutcome[]> {
    const outcomes = await runCleanup(options.context(), options.jobs);
    for (const outcome of outcomes) {
      if (outcome.error !== undefined) options.log.error(`Pembersihan ${outcome.job} gagal: ${outcome.error}`);
      else if (outcome.removed) options.log.info(`Pembersihan ${outcome.job}: ${outcome.removed} dihapus`);
    }
    return outcomes;
  }
  function tick(): Promise<CleanupOutcome[]> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }
  const timer = options.intervalMs > 0 ? setInterval(() => void tick().catch((error: Error) => options.log.error(`Pembersihan: ${error.message}`)), options.intervalMs) : undefined;
  timer?.unref();
  return {
    tick,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
