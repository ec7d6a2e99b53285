import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@koperasi/db";
import { createTestDatabase, migratedPGliteTemplate, TEST_DATABASE_URL, TEST_SUPERUSER_URL, type TestDatabase } from "@koperasi/db/testing";
import { loadConfig } from "../config";
import { createContext } from "../server";
import type { AppContext } from "../context";
import { booksSummary } from "../testing/books-summary";
import { runVerify } from "../transparency/verify-command";
import { runBackup } from "./backup-command";
import { restoreBackup } from "./restore-backup";
import { generateBooks } from "./testing/generate-books";

// PostgreSQL → PostgreSQL (pg_dump's custom format) and PGlite → PostgreSQL
// (the way out of the embedded default), each into a fresh database owned by
// the schema owner, as CI's non-superuser role: the same books, members and
// log roots, and verify --all passes on the copy as the application role.

const root = mkdtempSync(join(tmpdir(), "kp-backup-pg-"));
const key = randomBytes(32);
const env = (extra: Record<string, string> = {}) => ({ BACKUP_KEY: key.toString("base64url"), ...extra });
const io = { out: () => {}, err: () => {} };
const created: string[] = [];

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function freshDatabase(): Promise<string> {
  const name = `koperasi_restore_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  return withDatabase(TEST_DATABASE_URL, name);
}

async function contextOn(database: Database, name: string): Promise<AppContext> {
  const dataDir = join(root, name);
  return createContext({ ...loadConfig({ DATA_DIR: dataDir }), logLevel: "silent", logPublishIntervalMs: 0, jobsCheckIntervalMs: 0 }, { database });
}

async function restoredSummary(url: string): Promise<{ summary: Record<string, unknown>; verify: number; lines: string[] }> {
  const database = await openDatabase({ databaseUrl: url, migrate: false, poolSize: 2 });
  try {
    const lines: string[] = [];
    const verify = await runVerify(database, { all: true }, { out: (line) => lines.push(line), err: (line) => lines.push(line) });
    return { summary: await booksSummary(database), verify, lines };
  } finally {
    await database.close();
  }
}

let source: TestDatabase;
let ctx: AppContext;

beforeAll(async () => {
  source = await createTestDatabase();
  if (!source.url) throw new Error("PostgreSQL test database expected");
  ctx = await contextOn(source.database, "pg-source");
  ctx.config.databaseUrl = source.url;
  await generateBooks(ctx, "uji-pg", "p");
}, 180_000);
afterAll(async () => {
  await source?.drop();
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(root, { recursive: true, force: true });
});

describe("PostgreSQL backups", () => {
  it("are refused, and recorded as failed, when the dump's role cannot read past row-level security", async () => {
    const owner = await runBackup(ctx, join(root, "out-owner"), io, env({ BACKUP_DATABASE_URL: source.url! })).then(
      () => undefined,
      (error: Error) => error,
    );
    const rights = await source.superuser.query<{ bypass: boolean }>("SELECT rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = $1", [decodeURIComponent(new URL(source.url!).username || "postgres")]);
    if (rights[0]?.bypass) return; // a superuser owner (a developer's machine) reads everything
    expect(owner?.message).toMatch(/BACKUP_DATABASE_URL/);
    const runs = await ctx.database.platform((trx) => trx.selectFrom("backup_run").select(["status", "error"]).execute());
    expect(runs.at(-1)).toMatchObject({ status: "failed" });
    expect(readdirSync(join(root, "out-owner")).filter((name) => name.endsWith(".kpbak"))).toEqual([]);
  });

  it("restore into a fresh PostgreSQL database with the same books, and verify --all passes", async () => {
    const before = await booksSummary(ctx.database);
    const dumpUrl = withDatabase(TEST_SUPERUSER_URL, new URL(source.url!).pathname.slice(1));
    const written = await runBackup(ctx, join(root, "out-pg"), io, env({ BACKUP_DATABASE_URL: dumpUrl }));
    const target = await freshDatabase();
    const report = await restoreBackup({ file: written.path, key, target: { databaseUrl: target, filesDir: join(root, "pg-files") }, force: false, now: () => new Date(), log: () => {} });
    expect(report.manifest.kind).toBe("postgres");
    const after = await restoredSummary(target);
    expect(after.summary).toEqual(before);
    expect(after.verify, after.lines.join("\n")).toBe(0);
    // A second restore onto it needs --force, and keeps the old schema aside.
    await expect(restoreBackup({ file: written.path, key, target: { databaseUrl: target, filesDir: join(root, "pg-files") }, force: false, now: () => new Date(), log: () => {} })).rejects.toThrow(/--force/);
  });
});

describe("a PGlite backup", () => {
  it("restores into PostgreSQL: the app role and grants made there, the same books, and verify --all passes", async () => {
    const client = await PGlite.create({ loadDataDir: await migratedPGliteTemplate() });
    const lite = await openDatabase({ pglite: client, migrate: false });
    const liteCtx = await contextOn(lite, "lite-source");
    try {
      await generateBooks(liteCtx, "uji-lite", "l");
      const before = await booksSummary(lite);
      const written = await runBackup(liteCtx, join(root, "out-lite"), io, env());
      const target = await freshDatabase();
      const report = await restoreBackup({ file: written.path, key, target: { databaseUrl: target, filesDir: join(root, "lite-files") }, force: false, now: () => new Date(), log: () => {} });
      expect(report.manifest.kind).toBe("pglite");
      const after = await restoredSummary(target);
      expect(after.summary).toEqual(before);
      expect(after.verify, after.lines.join("\n")).toBe(0);
    } finally {
      await lite.close();
    }
  });
});
