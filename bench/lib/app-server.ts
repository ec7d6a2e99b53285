import { join } from "node:path";
import { builtEntry, ensureServerBuild } from "../../apps/server/scripts/build.mjs";
import { freePort, startTsChild, waitForHttp, type Child } from "./processes";

// The real server, built as `npm start` builds and runs it (dist/main.mjs,
// plain JavaScript; SERVER_RUNNER=tsx runs the sources through tsx instead), in a
// child process, on loopback, with production's log level (info: two lines
// per request; BENCH_SERVER_LOG_LEVEL to change it). Its stdout (the request
// log) goes to /dev/null, which is what a log shipper would cost at best.

export interface AppServer {
  url: string;
  child: Child;
  stop(): Promise<void>;
}

export interface AppServerOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Extra arguments for node (e.g. a preload module), and environment for the server. */
  nodeArgs?: readonly string[];
  env?: Record<string, string>;
}

/** The bearer token the servers the benchmark starts serve /metrics with (the statement count). */
export const BENCH_METRICS_TOKEN = "bench-metrics-token-0123456789";

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const entry = await serverEntry();
  const child = startTsChild(entry.path, {
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? "",
    KOPERASI_DEMO: "false",
    KOPERASI_AUTO_APPROVE: "false",
    LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? "info",
    WEB_DIST: join(options.dataDir, "no-web"),
    NODE_ENV: "production",
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
    ...options.env,
  }, { nodeArgs: options.nodeArgs ?? [], javascript: entry.javascript });
  try {
    await waitForHttp(`${url}/healthz`, child, 300_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, child, stop: () => child.stop() };
}

/** dist/main.mjs, built first when stale; or main.ts when SERVER_RUNNER=tsx. */
export async function serverEntry(): Promise<{ path: string; javascript: boolean }> {
  if (process.env.SERVER_RUNNER === "tsx") return { path: join(import.meta.dirname, "../../apps/server/src/main.ts"), javascript: false };
  await ensureServerBuild();
  return { path: builtEntry("main"), javascript: true };
}

/** Signs in through the real login route; resolves to the Cookie header a browser would send back. */
export async function signIn(url: string, login: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: login.email, password: login.password }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`login ${login.email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => c !== "" && !c.endsWith("="))
    .join("; ");
  if (!cookie) throw new Error(`login ${login.email}: no session cookie`);
  return cookie;
}
