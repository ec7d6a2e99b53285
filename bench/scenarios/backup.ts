import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import type { Recorder } from "../lib/figures";
import { createScratchDatabase } from "../lib/postgres";
import { REPO_ROOT } from "../lib/processes";

// Backup and restore of a cooperative's database on PostgreSQL, as an
// operator runs them: `koperasi backup --to <dir>` (pg_dump, gzip, AES-GCM)
// and `koperasi restore <file> --to <url>` into an empty database. The limit
// is pg_dump alone on the same database in the same run, so the ratio is what
// the archive, the encryption and the uploaded files cost on top of it.

const run = promisify(execFile);
const BIN = join(REPO_ROOT, "apps/server/bin/koperasi.mjs");

async function databaseMiB(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>("SELECT pg_database_size(current_database())::text AS bytes");
    return Number(rows[0]?.bytes ?? 0) / 1024 / 1024;
  } finally {
    await client.end();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/** One backup and one restore of the cooperative `label` (its database and DATA_DIR, so its secrets). */
export async function measureBackupRestore(label: string, adminUrl: string, databaseUrl: string, dataDir: string, rec: Recorder): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), "koperasi-bench-backup-"));
  const target = await createScratchDatabase(adminUrl, "restore");
  // BACKUP_KEY fixed for the run; the bench's admin URL reads past row-level security as pg_dump must.
  const env = { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, BACKUP_DATABASE_URL: databaseUrl, BACKUP_KEY: Buffer.alloc(32, 7).toString("base64url"), BACKUP_DIR: "off" };
  try {
    const mib = await databaseMiB(databaseUrl);
    const plain = await timed(() => run("pg_dump", ["--format=custom", "--compress=0", `--file=${join(out, "plain.dump")}`, `--dbname=${databaseUrl}`], { env }));
    rec.record({ name: "pg.limit.pg_dump", unit: "s", better: "lower", note: "pg_dump --format=custom of the same database, nothing else" }, plain.seconds);
    const backup = await timed(() => run(process.execPath, [BIN, "backup", "--to", out], { env, maxBuffer: 16 * 1024 * 1024 }));
    const file = backup.value.stdout.trim().split("\n").pop() ?? "";
    const fileMiB = statSync(file).size / 1024 / 1024;
    rec.record({ name: `pg.${label}.backup.seconds`, unit: "s", better: "lower", limit: "pg.limit.pg_dump", note: `koperasi backup: pg_dump, gzip, AES-256-GCM and the uploaded files; database ${mib.toFixed(1)} MiB → file ${fileMiB.toFixed(1)} MiB` }, backup.seconds);
    rec.record({ name: `pg.${label}.backup.mib_per_s`, unit: "MiB/s", better: "higher", note: "database size / backup seconds" }, mib / backup.seconds);
    const restore = await timed(() => run(process.execPath, [BIN, "restore", file, "--to", target.url], { env, maxBuffer: 16 * 1024 * 1024 }));
    void restore.value;
    rec.record({ name: `pg.${label}.restore.seconds`, unit: "s", better: "lower", note: "koperasi restore into an empty database: decrypt, pg_restore in one transaction, files" }, restore.seconds);
    rec.record({ name: `pg.${label}.restore.mib_per_s`, unit: "MiB/s", better: "higher", note: "database size / restore seconds" }, mib / restore.seconds);
  } finally {
    rmSync(out, { recursive: true, force: true });
    await target.drop().catch(() => {});
  }
}
