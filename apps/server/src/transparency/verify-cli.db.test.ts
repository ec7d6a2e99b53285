import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@koperasi/db";
import { createTestDatabase, migratedPGliteTemplate, testDatabaseKind, type TestDatabase } from "@koperasi/db/testing";
import { loadConfig } from "../config";
import { koperasiCli } from "../testing/cli";
import type { AppContext } from "../context";
import { createContext } from "../server";
import { bookedKoperasi, type BookedKoperasi } from "./verify-test-support";

// The real `koperasi verify` as a child process, on the database the
// environment names: a PGlite data directory (DATA_DIR) under `npm test`, a
// PostgreSQL database (DATABASE_URL) under `npm run test:pg`.

let dataDir: string;
let ctx: AppContext;
let k: BookedKoperasi;
let env: Record<string, string>;
let pg: TestDatabase | undefined;

/** Superuser SQL with triggers and foreign keys off, while no process holds the database. */
let tamper: (statements: string) => Promise<void>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "koperasi-verify-"));
  let database: Database;
  if (testDatabaseKind() === "postgres") {
    pg = await createTestDatabase();
    database = pg.database;
    const superuser = pg.superuser;
    env = { DATABASE_URL: pg.url ?? "" };
    tamper = (statements) => superuser.exec(`SET session_replication_role = replica; ${statements}; SET session_replication_role = DEFAULT`);
  } else {
    const pgliteDir = join(dataDir, "pglite");
    const client = await PGlite.create({ dataDir: pgliteDir, loadDataDir: await migratedPGliteTemplate() });
    database = await openDatabase({ pglite: client, migrate: false });
    env = { DATA_DIR: dataDir };
    tamper = async (statements) => {
      const owner = await PGlite.create({ dataDir: pgliteDir });
      await owner.exec(`SET session_replication_role = replica; ${statements}`);
      await owner.close();
    };
  }
  ctx = await createContext({ ...loadConfig({ DATA_DIR: dataDir }), logLevel: "silent" }, { database });
  k = await bookedKoperasi({ ctx });
  // The CLI must find the data directory free, as after stopping the server.
  if (!pg) await database.close();
}, 120_000);

afterAll(async () => {
  if (pg) await pg.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const koperasi = (...args: string[]) => koperasiCli(env, args);

describe("npx koperasi verify", () => {
  it("exits 0 on honest books and prints the report in Indonesian", async () => {
    const result = await koperasi("verify", k.slug);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("jurnal: 8 entri terposting; log: 8 daun (7 di pohon, 1 menunggu urutan)");
    expect(result.stdout).toContain("Verifikasi berhasil");
  }, 120_000);

  it("refuses while another process holds the PGlite data directory", async () => {
    if (pg) return; // PostgreSQL takes any number of clients
    writeFileSync(join(dataDir, "server.lock"), String(process.pid));
    try {
      const result = await koperasi("verify", k.slug);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`sedang dipakai proses lain (pid ${process.pid})`);
    } finally {
      rmSync(join(dataDir, "server.lock"), { force: true });
    }
  }, 120_000);

  it("exits 1 naming the entry a superuser altered", async () => {
    const id = k.entries.get("TRF/2026/000002");
    await tamper(`UPDATE journal_line SET debit = CASE WHEN debit > 0 THEN debit + 5 ELSE 0 END, credit = CASE WHEN credit > 0 THEN credit + 5 ELSE 0 END WHERE entry_id = '${id}'`);
    const result = await koperasi("verify", k.slug);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("hasil: TIDAK COCOK");
    expect(result.stderr).toContain(`Verifikasi GAGAL: entri TRF/2026/000002 (id ${id})`);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  }, 120_000);
});
