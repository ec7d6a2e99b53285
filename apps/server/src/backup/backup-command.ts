import { readdir, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { backupsToKeep, DEFAULT_RETENTION, type RetentionPolicy } from "@koperasi/domain";
import type { AppContext } from "../context";
import type { Config } from "../config";
import { acquireDataDirLock } from "../data-dir-lock";
import { backupTakenAt } from "./backup-archive";
import { loadBackupKey } from "./backup-key";
import { parseRestoreTarget, restoreBackup } from "./restore-backup";
import { takeBackup } from "./take-backup";
import type { WrittenBackup } from "./backup-archive";

export interface BackupIo {
  out(line: string): void;
  err(line: string): void;
}

type Env = Record<string, string | undefined>;

export const BACKUP_USAGE = "Pemakaian: koperasi backup --to DIREKTORI (atau BACKUP_DIR)";
export const RESTORE_USAGE = "Pemakaian: koperasi restore BERKAS --to <DATA_DIR|DATABASE_URL> [--force]";

/** One backup now, then the retention over the directory; the file's path is the last line. */
export async function runBackup(ctx: Pick<AppContext, "config" | "database" | "now">, to: string, io: BackupIo, env: Env = process.env): Promise<WrittenBackup> {
  const { key, created } = loadBackupKey(ctx.config.dataDir, env, true);
  if (created) {
    io.err(`Kunci cadangan baru dibuat di ${created.file}:`);
    io.err(`  ${created.text}`);
    io.err("Simpan kunci ini di tempat lain (pengelola sandi, brankas): tanpa kunci ini cadangan tidak dapat dipulihkan. Kunci ini hanya dicetak sekali.");
  }
  const toDir = resolve(to);
  const written = await takeBackup({ database: ctx.database, dumpUrl: env.BACKUP_DATABASE_URL || ctx.config.databaseUrl, dataDir: ctx.config.dataDir }, { toDir, key, now: ctx.now });
  for (const name of await pruneBackups(toDir)) io.out(`Dihapus menurut retensi: ${name}`);
  return written;
}

export async function backupCommand(ctx: Pick<AppContext, "config" | "database" | "now">, args: { to?: string | undefined }, io: BackupIo, env: Env = process.env): Promise<number> {
  const to = args.to ?? env.BACKUP_DIR;
  if (!to) {
    io.err(BACKUP_USAGE);
    return 1;
  }
  const written = await runBackup(ctx, to, io, env);
  io.out(`Cadangan selesai: ${(written.size / 1024 / 1024).toFixed(2)} MiB, sha256 ${written.sha256}`);
  io.out(written.path);
  return 0;
}

/** Deletes the backups in `dir` the policy does not keep; other files (and backups being written) are left alone. */
export async function pruneBackups(dir: string, policy: RetentionPolicy = DEFAULT_RETENTION): Promise<string[]> {
  const backups = (await readdir(dir)).flatMap((name) => {
    const takenAt = backupTakenAt(name);
    return takenAt ? [{ name, takenAt }] : [];
  });
  const keep = backupsToKeep(backups, policy);
  const removed = backups.filter((backup) => !keep.has(backup)).map((backup) => backup.name);
  for (const name of removed) await rm(join(dir, name), { force: true });
  // What a backup killed half-way left behind; a day old, so never one still being written.
  for (const name of await readdir(dir)) {
    if (!/^\.(koperasi-|pg_dump\.).*\.partial$/.test(name)) continue;
    const { mtimeMs } = await stat(join(dir, name));
    if (Date.now() - mtimeMs > 24 * 60 * 60_000) await rm(join(dir, name), { force: true });
  }
  return removed.sort();
}

export async function restoreCommand(config: Config, args: { file?: string | undefined; to?: string | undefined; force?: boolean | undefined }, io: BackupIo, now: () => Date, env: Env = process.env): Promise<number> {
  if (!args.file || !args.to) {
    io.err(RESTORE_USAGE);
    return 1;
  }
  const { key } = loadBackupKey(config.dataDir, env, false);
  const target = parseRestoreTarget(args.to, join(config.dataDir, "files"));
  // A PGlite directory belongs to one process: no server may run on the target.
  const release = "dataDir" in target ? acquireDataDirLock(target.dataDir) : () => {};
  try {
    const report = await restoreBackup({ file: resolve(args.file), key, target, force: Boolean(args.force), now, log: io.out });
    for (const aside of report.setAside) io.out(`Isi lama disisihkan: ${aside}`);
    io.out(`Dipulihkan: cadangan ${report.manifest.kind} dari ${report.manifest.createdAt} (${report.manifest.migrations.length} migrasi, ${report.manifest.files} berkas unggahan).`);
    io.out("Rahasia (secrets.json, secrets/) tidak ada di cadangan: pasang salinannya sendiri sebelum server dijalankan.");
    return 0;
  } finally {
    release();
  }
}
