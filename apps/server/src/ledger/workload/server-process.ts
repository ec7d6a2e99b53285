import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { builtEntry, ensureServerBuild } from "../../../scripts/build.mjs";

// The real server, as its own operating-system process, so that a workload
// can kill it with SIGKILL — no shutdown hook, no flushing, open
// transactions cut off mid-way — and start it again on the same database and
// port. Two ways to run main.ts:
// - "tsx": `node --import tsx apps/server/src/main.ts`, as `npm run dev` does;
// - "bundle": the build `npm start` runs (apps/server/scripts/build.mjs:
//   main.ts and our workspace packages compiled by esbuild into one module).
//   Same code, no loader hooks: a start takes about 40% less CPU, which is
//   what long kill runs spend their time on.

const REPO_ROOT = fileURLToPath(new URL("../../../../../", import.meta.url));
const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const LIFELINE = new URL("./parent-lifeline.mjs", import.meta.url).href;
/** Lines of server output kept for the report when something goes wrong. */
const OUTPUT_LINES = 200;
/** A start is CPU-bound: on a two-core machine at load 20 it took up to two minutes. */
const READY_TIMEOUT_MS = 300_000;

export type ServerRunner = "tsx" | "bundle";

export interface ServerProcessOptions {
  runner: ServerRunner;
  databaseUrl: string;
  port: number;
  dataDir: string;
  /** Longest wait for /readyz after a start. */
  readyTimeoutMs?: number;
}

export class ServerProcess {
  readonly baseUrl: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private output: string[] = [];

  constructor(private readonly options: ServerProcessOptions) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  /** Starts the server and waits until /readyz answers 200; resolves with the milliseconds that took. */
  async start(): Promise<number> {
    if (this.child) throw new Error("server already running");
    const started = performance.now();
    const args = this.options.runner === "bundle" ? ["--import", LIFELINE, await serverBundle()] : ["--import", "tsx", "--import", LIFELINE, MAIN];
    // stdin stays an open pipe from this process: the lifeline ends the server when it closes.
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: this.env(), stdio: ["pipe", "pipe", "pipe"] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    for (const stream of [child.stdout, child.stderr]) stream?.setEncoding("utf8").on("data", (chunk: string) => this.keep(chunk));
    const deadline = started + (this.options.readyTimeoutMs ?? READY_TIMEOUT_MS);
    let gone = false;
    void this.exited.then(() => (gone = true));
    while (!(await this.ready())) {
      if (gone) throw new Error(`server exited while starting:\n${this.recentOutput()}`);
      if (performance.now() > deadline) throw new Error(`server not ready after ${this.options.readyTimeoutMs ?? READY_TIMEOUT_MS} ms:\n${this.recentOutput()}`);
      await sleep(20);
    }
    return performance.now() - started;
  }

  /** SIGKILL: the process dies at once, wherever it is; resolves once it has exited. */
  async kill(): Promise<void> {
    const { child, exited } = this;
    if (!child || !exited) return;
    child.kill("SIGKILL");
    await exited;
    this.child = undefined;
    this.exited = undefined;
  }

  /** A clean stop (SIGTERM, the server closes its pool), SIGKILL if it hangs. */
  async stop(): Promise<void> {
    const { child, exited } = this;
    if (!child || !exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
    this.exited = undefined;
  }

  /** Sends a signal and resolves when the process has exited: its exit code, and how long it took. */
  async signal(signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
    const { child, exited } = this;
    if (!child || !exited) throw new Error("server not running");
    const started = performance.now();
    child.kill(signal);
    await exited;
    this.child = undefined;
    this.exited = undefined;
    return { code: child.exitCode, ms: performance.now() - started };
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  recentOutput(): string {
    return this.output.join("");
  }

  private keep(chunk: string): void {
    this.output.push(chunk);
    if (this.output.length > OUTPUT_LINES) this.output.splice(0, this.output.length - OUTPUT_LINES);
  }

  private async ready(): Promise<boolean> {
    try {
      const res = await fetch(`${this.baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    // The test runner's own variables stay out: the server sees what a deployment would.
    for (const [name, value] of Object.entries(process.env)) if (!/^(VITEST|KOPERASI_TEST_|NODE_OPTIONS$)/.test(name)) env[name] = value;
    return {
      ...env,
      DATABASE_URL: this.options.databaseUrl,
      PORT: String(this.options.port),
      HOST: "127.0.0.1",
      DATA_DIR: this.options.dataDir,
      // No built web app to serve: the API alone starts sooner.
      WEB_DIST: `${this.options.dataDir}/no-web`,
      LOG_LEVEL: "warn",
      KOPERASI_DEMO: "false",
      KOPERASI_AUTO_APPROVE: "false",
    };
  }
}

/** The server as `npm start` runs it: dist/main.mjs, built first when missing or stale. */
async function serverBundle(): Promise<string> {
  await ensureServerBuild();
  return builtEntry("main");
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** SERVER_RUNNER=tsx|bundle when set, else the given default. */
export function runnerFrom(fallback: ServerRunner, env: Record<string, string | undefined> = process.env): ServerRunner {
  const raw = env.SERVER_RUNNER;
  if (raw === undefined || raw === "") return fallback;
  if (raw !== "tsx" && raw !== "bundle") throw new Error(`SERVER_RUNNER harus tsx atau bundle: ${raw}`);
  return raw;
}
