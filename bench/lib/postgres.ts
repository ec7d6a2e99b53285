import { randomBytes } from "node:crypto";
import pg from "pg";
import { schemaFingerprint } from "@koperasi/db";

// Scratch databases on the benchmark's PostgreSQL server: created for a run,
// dropped at its end (also on Ctrl-C, see run.ts), never touching another
// database. Load only ever goes to this machine, so the server must be on
// loopback.

export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export function loopbackUrl(url: string): URL {
  const parsed = new URL(url);
  if (!LOOPBACK.has(parsed.hostname)) throw new Error(`benchmarks only load this machine: ${parsed.hostname} is not loopback`);
  return parsed;
}

export function withDatabase(url: string, name: string): string {
  const u = loopbackUrl(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Why PostgreSQL cannot be used, or null when it answers within two seconds. */
export async function postgresUnavailable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    const version = rows[0]?.server_version ?? "?";
    return Number.parseInt(version, 10) >= 15 ? null : `${version} is older than 15`;
  } catch (error) {
    return `not reachable at ${new URL(url).host} (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const open = new Set<ScratchDatabase>();

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database named koperasi_bench_<label>_<random>: empty, or with
 * `migrated`, a copy of the migrated template the PostgreSQL test suite keeps
 * (koperasi_tpl_<schema fingerprint>) when there is one — opening it then
 * finds nothing to migrate. Falls back to an empty database.
 */
export async function createScratchDatabase(adminUrl: string, label: string, options: { migrated?: boolean } = {}): Promise<ScratchDatabase> {
  if (!/^[a-z0-9_]+$/.test(label)) throw new Error(`bad database label ${label}`);
  const name = `koperasi_bench_${label}_${randomBytes(4).toString("hex")}`;
  await admin(adminUrl, async (c) => {
    if (options.migrated) {
      const template = `koperasi_tpl_${schemaFingerprint()}`;
      const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (rowCount && (await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`).then(() => true, () => false))) return;
    }
    await c.query(`CREATE DATABASE ${name}`);
  });
  const scratch: ScratchDatabase = {
    name,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      open.delete(scratch);
      await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
  open.add(scratch);
  return scratch;
}

/** Drops every scratch database this process created and has not dropped yet. */
export async function dropAllScratchDatabases(): Promise<void> {
  for (const scratch of [...open]) await scratch.drop().catch(() => {});
}
