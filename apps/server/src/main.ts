import { loadConfig } from "./config";
import { buildApp } from "./app";
import { createContext } from "./server";
import { acquireDataDirLock } from "./data-dir-lock";
import { ensureFirstStart } from "./first-start";
import { startJobScheduler } from "./jobs/scheduler";
import { cleanupContextOf, startCleanupScheduler } from "./cleanup/run-cleanup";

const config = loadConfig();
const releaseLock = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
const ctx = await createContext(config);
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
const cleanupScheduler = startCleanupScheduler({
  context: () => cleanupContextOf(ctx),
  intervalMs: config.cleanupIntervalMs,
  log: { info: (message) => app.log.info(message), error: (message) => app.log.error(message) },
});
app.log.info(`Koperasi Pintar berjalan di ${config.publicUrl} (basis data: ${ctx.database.kind})`);
if (demoNotice) process.stdout.write(demoNotice);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await jobScheduler.stop();
    await cleanupScheduler.stop();
    await app.close();
    await ctx.database.close();
    releaseLock();
    process.exit(0);
  });
}
