import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { promisify } from "node:util";
import { sql } from "kysely";
import { uuidv7 } from "@koperasi/domain";
import type { Database } from "@koperasi/db";
import { fileEntries, PGLITE_ENTRY, POSTGRES_ENTRY, writeBackupFile, type ArchiveEntry, type WrittenBackup } from "./backup-archive";
import { BackupError } from "./backup-error";
import { libpqConnection } from "./libpq";

const run = promisify(execFile);

export interface BackupSource {
  database: Database;
  /**
   * PostgreSQL: whom pg_dump connects as. It must read every cooperative's
   * rows, so a role that bypasses row-level security (BACKUP_DATABASE_URL);
   * the schema owner, under forced RLS, cannot.
   */
  dumpUrl?: string | undefined;
  /** DATA_DIR: the uploaded files are under files/. */
  dataDir: string;
}

export interface BackupOptions {
  toDir: string;
  key: Buffer;
  now: () => Date;
  /** Where the backup is kept, when not `toDir` (an S3 location): the record names it. */
  location?: string;
  /** Takes the written file to where it is kept (an upload); the backup succeeds only if this does. */
  deliver?: (written: WrittenBackup) => Promise<WrittenBackup>;
}

/**
 * Takes one backup into `toDir` and records it (succeeded or failed) in
 * backup_run. On failure nothing is left under a backup's name and the
 * error is rethrown after the record is written.
 */
export async function takeBackup(source: BackupSource, options: BackupOptions): Promise<WrittenBackup> {
  const startedAt = options.now();
  const location = options.location ?? options.toDir;
  try {
    const local = await writeBackup(source, options, startedAt);
    const written = options.deliver ? await options.deliver(local) : local;
    await record(source.database, { startedAt, finishedAt: options.now(), location, written });
    return written;
  } catch (error) {
    await record(source.database, { startedAt, finishedAt: options.now(), location, error: (error as Error).message }).catch(() => {});
    throw error;
  }
}

async function writeBackup(source: BackupSource, options: BackupOptions, createdAt: Date): Promise<WrittenBackup> {
  const { database } = source;
  const migrations = await database.db.executeQuery<{ name: string }>(sql`SELECT name FROM schema_migrations ORDER BY name`.compile(database.db));
  const files = await fileEntries(join(source.dataDir, "files"));
  const manifest = { format: 1 as const, kind: database.kind, createdAt: createdAt.toISOString(), migrations: migrations.rows.map((row) => row.name), files: files.length };
  if (database.kind === "pglite") {
    if (!database.dumpDataDir) throw new Error("PGlite tanpa dumpDataDir");
    const dump = await database.dumpDataDir();
    const entry: ArchiveEntry = { name: PGLITE_ENTRY, size: dump.size, body: () => Readable.fromWeb(dump.stream() as WebReadableStream) };
    return writeBackupFile({ dir: options.toDir, key: options.key, manifest, entries: [entry, ...files] });
  }
  if (!source.dumpUrl) throw new Error("DATABASE_URL tidak diatur");
  await mkdir(options.toDir, { recursive: true });
  const dumpFile = join(options.toDir, `.pg_dump.${process.pid}.${createdAt.getTime()}.partial`);
  try {
    await pgDump(source.dumpUrl, dumpFile);
    const { size } = await stat(dumpFile);
    const entry: ArchiveEntry = { name: POSTGRES_ENTRY, size, body: () => createReadStream(dumpFile) };
    return await writeBackupFile({ dir: options.toDir, key: options.key, manifest, entries: [entry, ...files] });
  } finally {
    await rm(dumpFile, { force: true });
  }
}

/** pg_dump's custom format, uncompressed: the archive around it is gzipped once. One snapshot for the whole dump. */
async function pgDump(url: string, file: string): Promise<void> {
  try {
    const { dbname, env } = libpqConnection(url);
    await run("pg_dump", ["--format=custom", "--compress=0", "--no-owner", `--file=${file}`, `--dbname=${dbname}`], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
    if (/row-level security/.test(stderr)) {
      throw new BackupError("tool_failed", "pg_dump tidak dapat membaca baris koperasi: atur BACKUP_DATABASE_URL ke peran yang melewati RLS (BYPASSRLS, mis. dengan pg_read_all_data), lihat docs/operasi/cadangan.md.");
    }
    throw new BackupError("tool_failed", `pg_dump gagal: ${stderr.split("\n")[0] ?? ""}`);
  }
}

interface RecordInput {
  startedAt: Date;
  finishedAt: Date;
  location: string;
  written?: WrittenBackup;
  error?: string;
}

async function record(database: Database, input: RecordInput): Promise<void> {
  const { written } = input;
  await database.platform((trx) =>
    trx
      .insertInto("backup_run")
      .values({
        id: uuidv7(),
        started_at: input.startedAt,
        finished_at: input.finishedAt,
        status: written ? "succeeded" : "failed",
        database_kind: database.kind,
        location: input.location,
        file_name: written ? (written.path.split("/").pop() ?? null) : null,
        size_bytes: written ? written.size : null,
        sha256: written ? written.sha256 : null,
        error: written ? null : (input.error ?? "gagal").slice(0, 2000),
      })
      .execute(),
  );
}
