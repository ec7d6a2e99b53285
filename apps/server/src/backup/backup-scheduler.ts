import type { AppContext } from "../context";
import { runBackup } from "./backup-command";

// The server's own daily backup into BACKUP_DIR, at night in Indonesia
// (01:00–05:00 WIB) when no counter is open: on PGlite the dump holds the one
// connection for its few seconds. Due when the last good backup is a day old
// (or there is none); a failure is recorded, logged as an error (the alert)
// and tried again an hour later. Restarting the server does not repeat a
// backup already made that night: backup_run is the truth, not memory.

const DAY_MS = 24 * 60 * 60_000;
const RETRY_MS = 60 * 60_000;
const WINDOW_WIB = { from: 1, to: 5 };
const WIB_OFFSET_HOURS = 7;

export interface BackupSchedulerOptions {
  readonly ctx: Pick<AppContext, "config" | "database" | "now">;
  readonly dir: string | undefined;
  /** Pause between checks; 0 turns the scheduler off. */
  readonly intervalMs: number;
  readonly log: { info(message: string): void; error(message: string): void };
  readonly env?: Record<string, string | undefined>;
}

export interface BackupScheduler {
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** Whether a backup is due at `now`, given the last good backup and the last attempt (pure: tested on its own). */
export function backupDue(now: Date, lastSucceededAt: Date | undefined, lastFailedAt: Date | undefined): boolean {
  const hourWib = (now.getUTCHours() + WIB_OFFSET_HOURS) % 24;
  if (hourWib < WINDOW_WIB.from || hourWib >= WINDOW_WIB.to) return false;
  // A little under a day, so a backup that took minutes does not push the next one out of the window.
  if (lastSucceededAt && now.getTime() - lastSucceededAt.getTime() < DAY_MS - 4 * 60 * 60_000) return false;
  if (lastFailedAt && now.getTime() - lastFailedAt.getTime() < RETRY_MS) return false;
  return true;
}

export function startBackupScheduler(options: BackupSchedulerOptions): BackupScheduler {
  const { ctx, dir } = options;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function round(): Promise<void> {
    if (!dir) return;
    const last = await ctx.database.platform(async (trx) => {
      const latest = (status: "succeeded" | "failed") => trx.selectFrom("backup_run").select("finished_at").where("status", "=", status).orderBy("finished_at", "desc").limit(1).executeTakeFirst();
      return { succeeded: (await latest("succeeded"))?.finished_at, failed: (await latest("failed"))?.finished_at };
    });
    if (!backupDue(ctx.now(), last.succeeded, last.failed)) return;
    try {
      const written = await runBackup(
        ctx,
        dir,
        {
          out: (line) => options.log.info(line),
          // The key itself never goes to the log: only where it was written.
          err: (line) => {
            if (line.startsWith("Kunci cadangan baru dibuat di")) options.log.info(`${line.replace(/:$/, "")}; simpan salinannya di tempat lain (docs/operasi/cadangan.md).`);
          },
        },
        options.env,
      );
      options.log.info(`Cadangan harian selesai: ${written.path} (${written.size} bita)`);
    } catch (error) {
      options.log.error(`Cadangan harian gagal: ${(error as Error).message}`);
    }
  }

  function tick(): Promise<void> {
    running ??= round()
      .catch((error: Error) => options.log.error(`Cadangan harian tidak dapat diperiksa: ${error.message}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  if (options.intervalMs > 0 && dir) {
    timer = setInterval(() => void tick(), options.intervalMs);
    timer.unref();
  }
  return {
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
