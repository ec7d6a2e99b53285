import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serverEntry } from "../lib/app-server";
import type { Recorder } from "../lib/figures";
import { freePort, startTsChild, type Child } from "../lib/processes";

// Restart to ready: from spawning the server (as `npm start` runs it, built)
// on an already-migrated PostgreSQL database to its first 200 from /readyz —
// the downtime of a crash or a deploy. Compared with the bare start
// (servers/bare-start.mjs: Node, Fastify and pg, connected and listening) in
// the same run. Then SIGTERM, timed to the process's exit: the graceful stop.

const BARE_START = fileURLToPath(new URL("../servers/bare-start.mjs", import.meta.url));
const POLL_MS = 10;

async function msToReady(child: Child, url: string, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.process.exitCode !== null) throw new Error(`exited (${child.process.exitCode}) before ready: ${child.stderr()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`not ready within ${timeoutMs} ms: ${child.stderr()}`);
}

async function msToExit(child: Child): Promise<number> {
  const started = performance.now();
  await child.stop();
  return performance.now() - started;
}

/** `starts` cold starts of each, one sample per start; the app with the DATA_DIR (so the secrets) of the server already on that database. */
export async function measureRestartToReady(databaseUrl: string, dataDir: string, rec: Recorder, starts: number): Promise<void> {
  const limit = "pg.limit.bare_start";
  const entry = await serverEntry();
  for (let i = 0; i < starts; i++) {
    const port = await freePort();
    const bare = startTsChild(BARE_START, { BENCH_DB_URL: databaseUrl, PORT: String(port) }, { javascript: true });
    rec.record({ name: limit, unit: "ms", better: "lower", note: "spawn to first 200: node + fastify + pg, connected and listening" }, await msToReady(bare, `http://127.0.0.1:${port}/readyz`));
    await bare.stop();

    const appPort = await freePort();
    const app = startTsChild(entry.path, {
      PORT: String(appPort),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${appPort}`,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      KOPERASI_DEMO: "false",
      LOG_LEVEL: "warn",
      WEB_DIST: join(dataDir, "no-web"),
      NODE_ENV: "production",
    }, { javascript: entry.javascript });
    rec.record(
      { name: "pg.restart_to_ready", unit: "ms", better: "lower", limit, note: `spawn of ${entry.javascript ? "the built server" : "main.ts under tsx"} to first 200 from /readyz, migrated database; goal ≤ 2000 ms` },
      await msToReady(app, `http://127.0.0.1:${appPort}/readyz`),
    );
    rec.record({ name: "pg.shutdown", unit: "ms", better: "lower", note: "SIGTERM to exit, idle server; goal ≤ 10000 ms" }, await msToExit(app));
  }
}
