import { loadConfig } from "./config";
import { buildApp } from "./app";
import { createContext } from "./server";
import { acquireDataDirLock } from "./data-dir-lock";
import { DeploymentKeyMismatch } from "./deployment-keys";
import { ensureFirstStart } from "./first-start";
import { startJobScheduler } from "./jobs/scheduler";
import { startBackupScheduler } from "./backup/backup-scheduler";
import { cleanupContextOf, startCleanupScheduler } from "./cleanup/run-cleanup";

const config = loadConfig();
const releaseLock = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
const ctx = await createContext(config).catch((error: unknown) => {
  // Other secrets than the deployment's: say which, and stop before serving anything.
  if (!(error instanceof DeploymentKeyMismatch)) throw error;
  console.error(error.message);
  releaseLock();
  process.exit(1);
});
const app = await buildApp(ctx);
// The demo's logins are printed last, below the line with the address to open.
let demoNotice = "";
await ensureFirstStart(ctx, (text) => (demoNotice += text));
await app.listen({ port: config.port, host: config.host });
ctx.transparency.start(app.log);
const jobScheduler = startJobScheduler({
  database: ctx.database,
  now: ctx.now,
  intervalMs: config.jobsCheckIntervalMs,
  runAfterMinutes: config.jobsRunAfterMinutes,
  log: { info: (message) => app.log.info(message), error: (message) => app.log.error(message) },
});
const backupScheduler = startBackupScheduler({
  ctx,
  dir: config.backupDir,
  intervalMs: config.jobsCheckIntervalMs > 0 ? 10 * 60_000 : 0,
  log: { info: (message) => app.log.info(message), error: (message) => app.log.error(message) },
});
const cleanupScheduler = startCleanupScheduler({
  context: () => cleanupContextOf(ctx),
  intervalMs: config.cleanupIntervalMs,
  log: { info: (message) => app.log.info(message), error: (message) => app.log.error(message) },
});
app.log.info(`Koperasi Pintar berjalan di ${config.publicUrl} (basis data: ${ctx.database.kind})`);
if (demoNotice) process.stdout.write(demoNotice);

// SIGTERM (a deploy, a container stop) or Ctrl-C: stop taking connections, let
// the requests in flight finish (their postings commit or roll back whole),
// stop the jobs and the log publisher, close the pool. A stop that hangs past
// the deadline exits anyway: what it cut off was in a transaction, and an
// uncommitted transaction is simply gone.
const SHUTDOWN_DEADLINE_MS = 10_000;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: berhenti setelah permintaan yang sedang berjalan selesai`);
    setTimeout(() => {
      app.log.error(`belum berhenti setelah ${SHUTDOWN_DEADLINE_MS / 1000} detik; dihentikan paksa`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    void (async () => {
      // Requests in flight finish while the schedulers wind down beside them: a long
      // backup round must not eat the deadline the requests were promised.
      await Promise.all([app.close(), jobScheduler.stop(), backupScheduler.stop(), cleanupScheduler.stop()]);
      await ctx.database.close();
      releaseLock();
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, "gagal berhenti dengan rapi");
        process.exit(1);
      },
    );
  });
}
