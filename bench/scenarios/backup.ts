import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import type { Recorder } from "../lib/figures";
import { createScratchDatabase } from "../lib/postgres";
import { REPO_ROOT } from "../lib/processes";

// Backup and restore of a cooperative's database, as an operator runs them:
// `koperasi backup --to <dir>` (a consistent dump, gzip, AES-256-GCM, the
// uploaded files) and `koperasi restore <file> --to <target>` into an empty
// one. The limit is the plain copy in the same run: pg_dump alone on
// PostgreSQL, a copy of the data directory on PGlite — so the ratio is what
// the archive, the encryption and the files cost on top of it.

const run = promisify(execFile);
const BIN = join(REPO_ROOT, "apps/server/bin/koperasi.mjs");
const KEY = Buffer.alloc(32, 7).toString("base64url");

async function postgresMiB(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>("SELECT pg_database_size(current_database())::text AS bytes");
    return Number(rows[0]?.bytes ?? 0) / 1024 / 1024;
  } finally {
    await client.end();
  }
}

function folderMiB(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  return bytes / 1024 / 1024;
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

interface Target {
  kind: "pg" | "pglite";
  label: string;
  dataDir: string;
  /** PostgreSQL: the cooperative's database and the server to create the restore's. */
  databaseUrl?: string;
  adminUrl?: string;
}

/** One backup and one restore of the cooperative `label` (its database and DATA_DIR, so its secrets). On PGlite its server must be stopped. */
export async function measureBackupRestore(target: Target, rec: Recorder): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), "koperasi-bench-backup-"));
  const restoreTo = target.kind === "pg" ? await createScratchDatabase(target.adminUrl!, "restore") : undefined;
  const env = {
    ...process.env,
    DATA_DIR: target.dataDir,
    DATABASE_URL: target.databaseUrl ?? "",
    // The bench's own server role reads past row-level security, as pg_dump must.
    ...(target.databaseUrl ? { BACKUP_DATABASE_URL: target.databaseUrl } : {}),
    BACKUP_KEY: KEY,
    BACKUP_DIR: "off",
  };
  const name = (measure: string) => `${target.kind}.${target.label}.${measure}`;
  try {
    let mib: number;
    let limit: string;
    if (target.kind === "pg") {
      mib = await postgresMiB(target.databaseUrl!);
      limit = "pg.limit.pg_dump";
      const plain = await timed(() => run("pg_dump", ["--format=custom", "--compress=0", `--file=${join(out, "plain.dump")}`, `--dbname=${target.databaseUrl}`], { env }));
      rec.record({ name: limit, unit: "s", better: "lower", note: "pg_dump --format=custom of the same database, nothing else" }, plain.seconds);
    } else {
      mib = folderMiB(join(target.dataDir, "pglite"));
      limit = "pglite.limit.copy_data_dir";
      const plain = await timed(() => cpSync(join(target.dataDir, "pglite"), join(out, "copy"), { recursive: true }));
      rec.record({ name: limit, unit: "s", better: "lower", note: "a plain copy of the PGlite data directory, nothing else" }, plain.seconds);
    }
    const backup = await timed(() => run(process.execPath, [BIN, "backup", "--to", out], { env, maxBuffer: 16 * 1024 * 1024 }));
    const file = backup.value.stdout.trim().split("\n").pop() ?? "";
    const fileMiB = statSync(file).size / 1024 / 1024;
    rec.record({ name: name("backup.seconds"), unit: "s", better: "lower", limit, note: `koperasi backup: dump, gzip, AES-256-GCM and the uploaded files; database ${mib.toFixed(1)} MiB → file ${fileMiB.toFixed(1)} MiB` }, backup.seconds);
    rec.record({ name: name("backup.mib_per_s"), unit: "MiB/s", better: "higher", note: "database size / backup seconds" }, mib / backup.seconds);
    const into = restoreTo?.url ?? join(out, "restored");
    const restore = await timed(() => run(process.execPath, [BIN, "restore", file, "--to", into], { env, maxBuffer: 16 * 1024 * 1024 }));
    void restore.value;
    rec.record({ name: name("restore.seconds"), unit: "s", better: "lower", note: "koperasi restore into an empty target: decrypt, load the database, the files" }, restore.seconds);
    rec.record({ name: name("restore.mib_per_s"), unit: "MiB/s", better: "higher", note: "database size / restore seconds" }, mib / restore.seconds);
  } finally {
    rmSync(out, { recursive: true, force: true });
    await restoreTo?.drop().catch(() => {});
  }
}
