import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@koperasi/db";
import { createTestDatabase, migratedPGliteTemplate, testDatabaseKind, type TestDatabase } from "@koperasi/db/testing";
import { addDays, businessDateOf } from "@koperasi/domain";
import { loadConfig } from "../config";
import { koperasiCli } from "../testing/cli";
import { createContext } from "../server";
import { createKoperasi, createUser } from "../testing/harness";

// The real `koperasi jobs run` as a child process, on the database the
// environment names (a PGlite data directory, or PostgreSQL under test:pg),
// for a cooperative created today.

let dataDir: string;
let env: Record<string, string>;
let pg: TestDatabase | undefined;
let slug: string;
const today = businessDateOf(new Date(), "Asia/Jakarta");

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "koperasi-jobs-"));
  let database: Database;
  if (testDatabaseKind() === "postgres") {
    pg = await createTestDatabase();
    database = pg.database;
    env = { DATABASE_URL: pg.url ?? "", DATA_DIR: dataDir };
  } else {
    const client = await PGlite.create({ dataDir: join(dataDir, "pglite"), loadDataDir: await migratedPGliteTemplate() });
    database = await openDatabase({ pglite: client, migrate: false });
    env = { DATA_DIR: dataDir };
  }
  const ctx = await createContext({ ...loadConfig({ DATA_DIR: dataDir }), logLevel: "silent" }, { database });
  const { userId } = await createUser(ctx);
  const { koperasiId } = await createKoperasi(ctx, userId);
  slug = (await database.platform((trx) => trx.selectFrom("koperasi").select("slug").where("id", "=", koperasiId).executeTakeFirstOrThrow())).slug;
  // The CLI must find the data directory free, as after stopping the server.
  if (!pg) await database.close();
}, 120_000);

afterAll(async () => {
  if (pg) await pg.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const koperasi = (...args: string[]) => koperasiCli(env, args);

describe("npx koperasi jobs run", () => {
  it("runs today's jobs once and exits 0; a second run finds them done", async () => {
    const first = await koperasi("jobs", "run", "--date", today, "--koperasi", slug);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${slug}: selesai sampai ${today} (4 dijalankan, 0 sudah selesai sebelumnya)`);
    const second = await koperasi("jobs", "run", "--date", today, "--koperasi", slug);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("(0 dijalankan, 4 sudah selesai sebelumnya)");
  }, 180_000);

  it("refuses a date ahead of the cooperative's today with exit 2", async () => {
    const result = await koperasi("jobs", "run", "--date", addDays(today, 2), "--koperasi", slug);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Pekerjaan akhir hari tidak dijalankan untuk tanggal yang akan datang");
  }, 120_000);

  it("refuses while another process holds the PGlite data directory", async () => {
    if (pg) return; // PostgreSQL takes any number of clients
    writeFileSync(join(dataDir, "server.lock"), String(process.pid));
    try {
      const result = await koperasi("jobs", "run", "--date", today);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`sedang dipakai proses lain (pid ${process.pid})`);
    } finally {
      rmSync(join(dataDir, "server.lock"), { force: true });
    }
  }, 120_000);
});
