import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { promisify } from "node:util";
import { loopbackUrl } from "../lib/postgres";

// PostgreSQL's own limit on this machine: pgbench's TPC-B-like transaction
// (five statements: three updates, a select, an insert) from 8 clients on 2
// threads with prepared statements, on a scale-10 database (1 million
// accounts). Transfers through HTTP are reported as a ratio to it.

const run = promisify(execFile);

export interface PgbenchSettings {
  scale: number;
  clients: number;
  threads: number;
  seconds: number;
}

export const FULL_PGBENCH: PgbenchSettings = { scale: 10, clients: 8, threads: 2, seconds: 30 };

/** The pgbench binary: on PATH, or PostgreSQL's versioned bin directory (Debian). */
export function findPgbench(): string | null {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(`${dir}/pgbench`)) return `${dir}/pgbench`;
  }
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (existsSync(`${root}/${version}/bin/pgbench`)) return `${root}/${version}/bin/pgbench`;
  }
  return null;
}

function connectionEnv(url: string): NodeJS.ProcessEnv {
  const u = loopbackUrl(url);
  return {
    ...process.env,
    PGHOST: u.hostname.replace(/^\[|\]$/g, ""),
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username || "postgres"),
    ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}),
    PGDATABASE: u.pathname.slice(1),
  };
}

export async function pgbenchInit(binary: string, url: string, scale: number): Promise<void> {
  await run(binary, ["-i", "-q", "-s", String(scale)], { env: connectionEnv(url), timeout: 10 * 60_000, maxBuffer: 16 << 20 });
}

/** One timed run; resolves to transactions per second (without connection time). */
export async function pgbenchRun(binary: string, url: string, settings: PgbenchSettings): Promise<number> {
  const args = ["-n", "-M", "prepared", "-c", String(settings.clients), "-j", String(settings.threads), "-T", String(settings.seconds)];
  const { stdout } = await run(binary, args, { env: connectionEnv(url), timeout: (settings.seconds + 120) * 1000, maxBuffer: 16 << 20 });
  return parsePgbenchTps(stdout);
}

export function parsePgbenchTps(output: string): number {
  const match = /^tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/m.exec(output);
  if (!match) throw new Error(`no tps in pgbench output:\n${output}`);
  return Number(match[1]);
}
