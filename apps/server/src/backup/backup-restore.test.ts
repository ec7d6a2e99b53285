import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@koperasi/db";
import { createTestDatabase, migratedPGliteTemplate } from "@koperasi/db/testing";
import { PGlite } from "@electric-sql/pglite";
import { loadConfig } from "../config";
import { createContext } from "../server";
import { koperasiCli } from "../testing/cli";
import { booksSummary } from "../testing/books-summary";
import { generateBooks } from "./testing/generate-books";

// PGlite → PGlite through the real `koperasi` command: two cooperatives with
// a history and a transparency log, an uploaded file, two backups; the latest
// restores into a fresh DATA_DIR with the same books, members and log roots,
// and `koperasi verify --all` passes on the copy.

const root = mkdtempSync(join(tmpdir(), "kp-backup-restore-"));
const dataDir = join(root, "data");
const out = join(root, "backups");
const restored = join(root, "restored");
let before: Record<string, unknown>;
let latest: string;

async function withData(fn: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<void>) {
  const ctx = await createContext({ ...loadConfig({ DATA_DIR: dataDir }), logLevel: "silent", logPublishIntervalMs: 0, jobsCheckIntervalMs: 0 });
  try {
    await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

beforeAll(async () => {
  // The migrated template, on disk as DATA_DIR/pglite: what a server leaves behind.
  mkdirSync(dataDir, { recursive: true });
  const seed = await PGlite.create({ dataDir: join(dataDir, "pglite"), loadDataDir: await migratedPGliteTemplate() });
  await seed.close();
  await withData(async (ctx) => {
    await generateBooks(ctx, "uji-satu", "a");
  });
  mkdirSync(join(dataDir, "files", "logo"), { recursive: true });
  writeFileSync(join(dataDir, "files", "logo", "uji-satu.png"), "bukan gambar sungguhan");
  const first = await koperasiCli({ DATA_DIR: dataDir }, ["backup", "--to", out]);
  expect(first.code, first.stderr).toBe(0);
  // The key is made on the first backup and shown once.
  expect(first.stderr).toMatch(/Kunci cadangan baru dibuat/);
  // The second cooperative exists only in the latest backup.
  await withData(async (ctx) => {
    await generateBooks(ctx, "uji-dua", "b");
    before = await booksSummary(ctx.database);
  });
  const second = await koperasiCli({ DATA_DIR: dataDir }, ["backup", "--to", out]);
  expect(second.code, second.stderr).toBe(0);
  expect(second.stderr).not.toMatch(/Kunci cadangan baru/);
  // Two backups on one day: the retention keeps the newer.
  expect(second.stdout).toMatch(/Dihapus menurut retensi: koperasi-\d{8}T\d{6}Z\.kpbak/);
  latest = second.stdout.trim().split("\n").at(-1)!;
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("koperasi backup and restore on PGlite", () => {
  it("prints the backup's path last, and records each backup with its size and SHA-256", async () => {
    expect(existsSync(latest)).toBe(true);
    expect(readdirSync(out).filter((name) => name.endsWith(".kpbak"))).toEqual([latest.split("/").pop()]);
    const database = await openDatabase({ dataDir: join(dataDir, "pglite"), migrate: false });
    try {
      const runs = await database.platform((trx) => trx.selectFrom("backup_run").selectAll().orderBy("finished_at").execute());
      expect(runs.map((run) => run.status)).toEqual(["succeeded", "succeeded"]);
      expect(runs[1]!.file_name).toBe(latest.split("/").pop());
      expect(Number(runs[1]!.size_bytes)).toBe(readFileSync(latest).length);
      const { createHash } = await import("node:crypto");
      expect(runs[1]!.sha256).toBe(createHash("sha256").update(readFileSync(latest)).digest("hex"));
    } finally {
      await database.close();
    }
  });

  it("restores the latest backup into a fresh DATA_DIR with the same books, members and log roots, and verify --all passes", { timeout: 120_000 }, async () => {
    const result = await koperasiCli({ DATA_DIR: dataDir }, ["restore", latest, "--to", restored]);
    expect(result.code, result.stderr).toBe(0);
    const database = await openDatabase({ dataDir: join(restored, "pglite"), migrate: false });
    try {
      const after = await booksSummary(database);
      expect(Object.keys(after)).toEqual(["uji-dua", "uji-satu"]);
      expect(after).toEqual(before);
    } finally {
      await database.close();
    }
    expect(readFileSync(join(restored, "files", "logo", "uji-satu.png"), "utf8")).toBe("bukan gambar sungguhan");
    // No secrets travel in a backup.
    expect(existsSync(join(restored, "secrets"))).toBe(false);
    const verify = await koperasiCli({ DATA_DIR: restored }, ["verify", "--all"]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Verifikasi berhasil/);
  });

  it("refuses a non-empty target without --force, and with it sets the old contents aside", { timeout: 120_000 }, async () => {
    const refused = await koperasiCli({ DATA_DIR: dataDir }, ["restore", latest, "--to", restored]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Target tidak kosong.*--force/);
    const forced = await koperasiCli({ DATA_DIR: dataDir }, ["restore", latest, "--to", restored, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    const aside = readdirSync(restored).filter((name) => name.includes("before-restore"));
    expect(aside.map((name) => name.split(".")[0]).sort()).toEqual(["files", "pglite"]);
  });

  it("refuses a corrupted file, a foreign file and the wrong key before touching the target", { timeout: 120_000 }, async () => {
    const bytes = readFileSync(latest);
    const corrupted = join(root, "rusak.kpbak");
    writeFileSync(corrupted, Buffer.from(bytes.map((b, i) => (i === Math.floor(bytes.length / 2) ? b ^ 0x40 : b))));
    const foreign = join(root, "asing.kpbak");
    writeFileSync(foreign, "PGDMP bukan milik kita");
    const listing = () => readdirSync(restored).sort();
    const was = listing();
    const cases: [string[], Record<string, string>, RegExp][] = [
      [["restore", corrupted, "--to", restored, "--force"], { DATA_DIR: dataDir }, /Berkas cadangan rusak/],
      [["restore", foreign, "--to", restored, "--force"], { DATA_DIR: dataDir }, /bukan cadangan Koperasi Pintar/],
      [["restore", latest, "--to", restored, "--force"], { DATA_DIR: dataDir, BACKUP_KEY: Buffer.alloc(32, 7).toString("base64url") }, /Kunci salah/],
    ];
    for (const [args, env, message] of cases) {
      const result = await koperasiCli(env, args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(listing()).toEqual(was);
    }
  });
});

describe("a PGlite backup taken while the server runs", () => {
  it("waits for the transaction in progress: no transaction runs during the dump", async () => {
    const { database } = await createTestDatabase();
    try {
      let dumped = false;
      let dumping: Promise<Blob> | undefined;
      await database.db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        dumping = database.dumpDataDir!().then((blob) => {
          dumped = true;
          return blob;
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(dumped).toBe(false);
      });
      expect((await dumping!).size).toBeGreaterThan(0);
      expect(dumped).toBe(true);
    } finally {
      await database.close();
    }
  });
});
