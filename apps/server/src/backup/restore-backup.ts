import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { APP_ROLE } from "@koperasi/db";
import { openBackupFile, PGLITE_ENTRY, POSTGRES_ENTRY, type BackupManifest } from "./backup-archive";
import { BackupError } from "./backup-error";
import { copyPGliteToPostgres } from "./copy-to-postgres";
import { libpqConnection } from "./libpq";

const run = promisify(execFile);

// `koperasi restore <file> --to <DATA_DIR|DATABASE_URL>`. The whole file is
// decrypted, authenticated and unpacked into a staging directory before the
// target is touched; a target holding data needs --force, and even then
// what it held is set aside (renamed), never deleted.

export type RestoreTarget = { dataDir: string } | { databaseUrl: string; filesDir: string };

export interface RestoreOptions {
  file: string;
  key: Buffer;
  target: RestoreTarget;
  force: boolean;
  now: () => Date;
  log: (line: string) => void;
}

export interface RestoreReport {
  manifest: BackupManifest;
  /** Where the target's previous contents were set aside (--force). */
  setAside: string[];
}

export function parseRestoreTarget(to: string, filesDir: string): RestoreTarget {
  return /^postgres(ql)?:\/\//.test(to) ? { databaseUrl: to, filesDir } : { dataDir: resolve(to) };
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const { target } = options;
  const stamp = options.now().toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "").toLowerCase();
  const filesDir = "dataDir" in target ? join(target.dataDir, "files") : target.filesDir;
  const occupied = [...("dataDir" in target ? [join(target.dataDir, "pglite")] : []), filesDir].filter(hasEntries);
  const databaseOccupied = "databaseUrl" in target && (await postgresHasTables(target.databaseUrl));
  if ((occupied.length > 0 || databaseOccupied) && !options.force) {
    const what = [...occupied, ...(databaseOccupied ? ["basis data tujuan"] : [])].join(", ");
    throw new BackupError("target_not_empty", `Target tidak kosong (${what}). Tambahkan --force untuk memulihkan di atasnya; isi lamanya disisihkan, tidak dihapus.`);
  }

  // Beside the target, so what is built there is renamed into place on the same file system.
  const staging = join(dirname("dataDir" in target ? target.dataDir : filesDir), `.restore-${process.pid}-${stamp}`);
  const opened = await openBackupFile(options.file, options.key, staging);
  try {
    if ("dataDir" in target && opened.manifest.kind !== "pglite") {
      throw new BackupError("unsupported_pair", "Cadangan PostgreSQL hanya dapat dipulihkan ke PostgreSQL: berikan DATABASE_URL pada --to.");
    }
    const setAside: string[] = [];
    const putAside = async (path: string) => {
      if (!existsSync(path)) return;
      const aside = `${path}.before-restore-${stamp}`;
      await rename(path, aside);
      setAside.push(aside);
    };
    if ("dataDir" in target) {
      // A fresh PGlite directory from the dump, built beside the target and renamed into place.
      const built = join(staging, "pglite");
      const client = await PGlite.create({ dataDir: built, loadDataDir: new Blob([await readFile(join(opened.dir, PGLITE_ENTRY))]) });
      await client.query("SELECT 1");
      await client.close();
      await mkdir(target.dataDir, { recursive: true });
      await putAside(join(target.dataDir, "pglite"));
      await rename(built, join(target.dataDir, "pglite"));
    } else {
      if (databaseOccupied) setAside.push(await setSchemaAside(target.databaseUrl, stamp));
      await ensureAppRole(target.databaseUrl);
      if (opened.manifest.kind === "postgres") {
        await pgRestore(target.databaseUrl, join(opened.dir, POSTGRES_ENTRY));
      } else {
        const source = await PGlite.create({ loadDataDir: new Blob([await readFile(join(opened.dir, PGLITE_ENTRY))]) });
        try {
          const copied = await copyPGliteToPostgres(source, target.databaseUrl, opened.manifest.migrations);
          options.log(`${copied.rows} baris dari ${copied.tables} tabel disalin ke PostgreSQL.`);
        } finally {
          await source.close();
        }
      }
    }
    await putAside(filesDir);
    if (existsSync(join(opened.dir, "files"))) {
      await mkdir(dirname(filesDir), { recursive: true });
      await rename(join(opened.dir, "files"), filesDir);
    }
    return { manifest: opened.manifest, setAside };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function hasEntries(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function postgresHasTables(url: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace");
    return (rows[0]?.n ?? 0) > 0;
  });
}

/** --force on PostgreSQL: the old schema is renamed, kept until the operator drops it. */
function setSchemaAside(url: string, stamp: string): Promise<string> {
  const name = `public_before_restore_${stamp}`;
  return withClient(url, async (client) => {
    await client.query(`ALTER SCHEMA public RENAME TO ${name}; CREATE SCHEMA public`);
    return `skema ${name}`;
  });
}

/** The application role is the cluster's, not the database's: a dump does not carry it. As the tenancy migration makes it. */
function ensureAppRole(url: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$;
      GRANT ${APP_ROLE} TO CURRENT_USER;
      GRANT USAGE ON SCHEMA public TO ${APP_ROLE};`);
  });
}

async function pgRestore(url: string, file: string): Promise<void> {
  try {
    const { dbname, env } = libpqConnection(url);
    await run("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction", `--dbname=${dbname}`, file], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
    // One transaction: nothing of the restore stays. With --force, what was there before sits in the schema set aside.
    throw new BackupError("tool_failed", `pg_restore gagal, tidak ada isi cadangan yang tertinggal (isi lama, bila disisihkan dengan --force, ada di skema public_before_restore_*): ${stderr.split("\n").slice(0, 3).join(" ")}`);
  }
}
