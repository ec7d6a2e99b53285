import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

// Servers under test run as child processes (`node --import tsx`, or plain
// `node` for a built server; one process, so its pid is the server's): load generation in this process does
// not share their event loop, and their memory is theirs alone. Every child
// is tracked and stopped by its pid when the benchmark ends.

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

const children = new Set<ChildProcess>();
let stopping = false;

export interface Child {
  pid: number;
  process: ChildProcess;
  /** What the child wrote to stderr (last 8 kB), for error messages. */
  stderr(): string;
  stop(): Promise<void>;
}

export interface ChildOptions {
  stdout?: "pipe" | "ignore";
  nodeArgs?: readonly string[];
  /** The entry is JavaScript already (a built server): no tsx loader. */
  javascript?: boolean;
}

export function startTsChild(entry: string, env: Record<string, string>, options: ChildOptions = {}): Child {
  if (stopping) throw new Error("the benchmark is stopping");
  const loader = options.javascript ? [] : ["--import", "tsx"];
  const child = spawn(process.execPath, [...loader, ...(options.nodeArgs ?? []), entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", options.stdout ?? "ignore", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`could not start ${entry}`);
  children.add(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8192);
  });
  child.once("exit", () => children.delete(child));
  const pid = child.pid;
  return {
    pid,
    process: child,
    stderr: () => stderr,
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** Stops every child still running (by pid, each one this process started), and starts no more. */
export async function stopAllChildren(): Promise<void> {
  stopping = true;
  await Promise.all([...children].map((child) => stopChild(child)));
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
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

/** Polls `url` until it answers 200, the child exits, or `timeoutMs` passes. */
export async function waitForHttp(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`server exited (${child.process.exitCode}) before answering: ${child.stderr()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms: ${child.stderr()}`);
}

/**
 * Peak resident memory of a process during a window. On Linux the kernel's
 * own high-water mark (VmHWM) is reset at the start (writing 5 to
 * /proc/<pid>/clear_refs) and read at the end, so no short peak is missed;
 * VmRSS is also sampled every 100 ms as a floor, and is all there is where
 * the reset is not allowed.
 */
export class PeakRss {
  readonly #pid: number;
  #peakKb = 0;
  #hwmReset = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(pid: number) {
    this.#pid = pid;
  }

  start(): this {
    try {
      writeFileSync(`/proc/${this.#pid}/clear_refs`, "5");
      this.#hwmReset = true;
    } catch {
      this.#hwmReset = false;
    }
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), 100);
    this.#timer.unref();
    return this;
  }

  /** Peak RSS in MiB, or NaN when the process's memory cannot be read. */
  stop(): number {
    clearInterval(this.#timer);
    this.#sample();
    if (this.#hwmReset) this.#peakKb = Math.max(this.#peakKb, statusKb(this.#pid, "VmHWM") ?? 0);
    return this.#peakKb === 0 ? Number.NaN : this.#peakKb / 1024;
  }

  #sample(): void {
    this.#peakKb = Math.max(this.#peakKb, statusKb(this.#pid, "VmRSS") ?? 0);
  }
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const RESULT_PREFIX = "BENCH_RESULT ";

/**
 * What a worker sends back: one line on stdout (anything else it prints is
 * ignored), with its own peak RSS over its whole life (getrusage maxrss).
 */
export function emitResult(result: object): void {
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ...result, peakRssMiB })}\n`);
}

/** Runs a worker script as a child process until it exits (killed after `timeoutMs`); resolves to what it emitted. */
export async function runWorker<T extends object>(entry: string, env: Record<string, string>, timeoutMs: number): Promise<T & { peakRssMiB: number; seconds: number }> {
  const started = performance.now();
  const child = startTsChild(entry, env, { stdout: "pipe" });
  let stdout = "";
  child.process.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.process.kill("SIGKILL"), timeoutMs);
    // "close", not "exit": stdout may still hold the result when the process exits.
    child.process.once("close", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  const line = stdout.split("\n").findLast((l) => l.startsWith(RESULT_PREFIX));
  if (code !== 0 || !line) throw new Error(`${entry} failed (exit ${code}): ${child.stderr()}`);
  return { ...(JSON.parse(line.slice(RESULT_PREFIX.length)) as T & { peakRssMiB: number }), seconds: (performance.now() - started) / 1000 };
}
