import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrate, schemaFingerprint, type SqlRunner } from "./migrate";
import { openDatabase, pgRunner, APP_ROLE, type Database } from "./open-database";

/**
 * A fresh, migrated database for one test file. PGlite loads a data directory
 * migrated once per worker; PostgreSQL clones a migrated template database,
 * so no test pays for migrations twice.
 */
export interface TestDatabase {
  database: Database;
  /**
   * Bypasses RLS (a superuser: TEST_SUPERUSER_URL on PostgreSQL): for
   * fixtures and for tampering tests only. The schema owner is not one.
   */
  superuser: SqlRunner;
  /** A postgres:// URL for this database (PostgreSQL only). */
  url?: string;
  drop(): Promise<void>;
}

export function testDatabaseKind(): "pglite" | "postgres" {
  return process.env.KOPERASI_TEST_DB === "postgres" ? "postgres" : "pglite";
}

export function createTestDatabase(): Promise<TestDatabase> {
  return testDatabaseKind() === "postgres" ? createPostgresTestDatabase() : createPGliteTestDatabase();
}

let pgliteTemplate: Promise<Blob> | undefined;

/** The migrated PGlite data directory as a tarball (for `PGlite.create({ loadDataDir })`); built once, cached on disk. */
export function migratedPGliteTemplate(): Promise<Blob> {
  pgliteTemplate ??= loadOrBuildPGliteTemplate();
  return pgliteTemplate;
}

async function createPGliteTestDatabase(): Promise<TestDatabase> {
  const client = await PGlite.create({ loadDataDir: await migratedPGliteTemplate() });
  const database = await openDatabase({ pglite: client, migrate: false });
  return { database, superuser: pgliteSuperuser(client, true), drop: () => database.close() };
}

/**
 * The migrated data directory, cached on disk by schema fingerprint so every
 * test worker (and the next run) loads it in about a second instead of
 * running initdb and all migrations again.
 */
async function loadOrBuildPGliteTemplate(): Promise<Blob> {
  const cacheDir = fileURLToPath(new URL("../../../node_modules/.cache/koperasi", import.meta.url));
  const file = join(cacheDir, `pglite-template-${schemaFingerprint()}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const seed = await PGlite.create();
  await migrate(pgliteSuperuser(seed));
  const dump = await seed.dumpDataDir("none");
  await seed.close();
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
  renameSync(partial, file); // atomic: a concurrent worker never reads half a file
  return dump;
}

/** On PGlite the one connection is the app role while serving; step out of it for one call. */
function pgliteSuperuser(client: PGlite, restoreAppRole = false): SqlRunner {
  const back = restoreAppRole ? `; SET ROLE ${APP_ROLE}` : "";
  return {
    exec: async (text) => {
      await client.exec(`RESET ROLE; ${text}${back}`);
    },
    query: async <R>(text: string, params?: unknown[]) => {
      await client.exec("RESET ROLE");
      try {
        return (await client.query<R>(text, params ?? [])).rows;
      } finally {
        if (restoreAppRole) await client.exec(`SET ROLE ${APP_ROLE}`);
      }
    },
  };
}

/**
 * The schema owner the PostgreSQL suite migrates and serves as, as production
 * does: CI points it at a role that is not a superuser (see .ci/run), so
 * forced row-level security applies to it. It needs CREATEDB (each test file
 * gets its own database, cloned from a migrated template it owns) and, for
 * the first migration of a cluster, CREATEROLE (the application role).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A superuser on the same server, for fixtures and tampering; the owner itself when it is one. */
export const TEST_SUPERUSER_URL = process.env.TEST_SUPERUSER_URL ?? TEST_DATABASE_URL;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The migrated template's name: by schema and by owner, since only its owner
 * (or a superuser) may clone a database, and two owners share one server.
 */
function templateName(): string {
  const owner = decodeURIComponent(new URL(TEST_DATABASE_URL).username || "postgres")
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, 24);
  return `koperasi_tpl_${schemaFingerprint()}_${owner}`;
}

async function createPostgresTestDatabase(): Promise<TestDatabase> {
  const template = templateName();
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  const name = `koperasi_test_${randomBytes(6).toString("hex")}`;
  try {
    await admin.query("SELECT pg_advisory_lock(727273)");
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE ${template}`);
        const seed = new pg.Client({ connectionString: withDatabase(TEST_DATABASE_URL, template) });
        await seed.connect();
        try {
          await migrate(pgRunner(seed));
        } catch (error) {
          await seed.end();
          await admin.query(`DROP DATABASE ${template}`);
          throw error;
        }
        await seed.end();
      }
    } finally {
      await admin.query("SELECT pg_advisory_unlock(727273)");
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(TEST_DATABASE_URL, name);
  const database = await openDatabase({ databaseUrl: url, migrate: false, poolSize: 20 });
  const fixtures = new pg.Pool({ connectionString: withDatabase(TEST_SUPERUSER_URL, name), max: 2 });
  fixtures.on("error", () => {});
  const superuser: SqlRunner = {
    exec: async (text) => {
      await fixtures.query(text);
    },
    query: async <R>(text: string, params?: unknown[]) => (await fixtures.query(text, params)).rows as R[],
  };
  return {
    database,
    superuser,
    url,
    drop: async () => {
      await database.close();
      await fixtures.end();
      // As the superuser: the fixtures' connections may not have left the server yet, and only a
      // superuser may end a superuser's connection (DROP ... WITH (FORCE)).
      const cleanup = new pg.Client({ connectionString: TEST_SUPERUSER_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
