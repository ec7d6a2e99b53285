import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations", import.meta.url));

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface SqlRunner {
  /** Runs one or more statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** Runs one statement with parameters and returns its rows. */
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

const NAME_PATTERN = /^\d{14}_[a-z0-9_]+\.sql$/;

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => {
      if (!NAME_PATTERN.test(name)) {
        throw new Error(`Nama migrasi tidak sah: ${name} (harus YYYYMMDDHHMMSS_nama.sql)`);
      }
      const sql = readFileSync(join(dir, name), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** A checksum over every migration: names a migrated template database. */
export function schemaFingerprint(files = readMigrations()): string {
  const h = createHash("sha256");
  for (const f of files) h.update(`${f.name}:${f.checksum}\n`);
  return h.digest("hex").slice(0, 16);
}

export class MigrationMismatchError extends Error {}

/**
 * Applies pending migrations, each in its own transaction. Refuses a database
 * whose applied list is not a prefix of the files on disk, or whose applied
 * files changed since: a database from another branch or an edited migration
 * must never be "fixed up" silently.
 */
export async function migrate(runner: SqlRunner, files = readMigrations()): Promise<string[]> {
  await runner.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  // Two server processes starting together must not both migrate.
  await runner.exec("SELECT pg_advisory_lock(727272)");
  try {
    const applied = await runner.query<{ name: string; checksum: string }>(
      "SELECT name, checksum FROM schema_migrations ORDER BY name",
    );
    applied.forEach((row, i) => {
      const file = files[i];
      if (!file || file.name !== row.name) {
        throw new MigrationMismatchError(
          `Basis data memuat migrasi ${row.name} yang tidak ada (atau tidak berurutan) di kode ini.`,
        );
      }
      if (file.checksum !== row.checksum) {
        throw new MigrationMismatchError(`Migrasi ${row.name} telah diubah setelah diterapkan.`);
      }
    });
    const pending = files.slice(applied.length);
    for (const file of pending) {
      await runner.exec("BEGIN");
      try {
        await runner.exec(file.sql);
        await runner.query("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [file.name, file.checksum]);
        await runner.exec("COMMIT");
      } catch (error) {
        await runner.exec("ROLLBACK");
        throw new Error(`Migrasi ${file.name} gagal: ${(error as Error).message}`, { cause: error });
      }
    }
    return pending.map((f) => f.name);
  } finally {
    await runner.exec("SELECT pg_advisory_unlock(727272)");
  }
}
