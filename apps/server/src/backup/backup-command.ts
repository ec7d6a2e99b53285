import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { backupsToKeep, DEFAULT_RETENTION, type RetentionPolicy } from "@koperasi/domain";
import type { AppContext } from "../context";
import type { Config } from "../config";
import { acquireDataDirLock } from "../data-dir-lock";
import { backupTakenAt } from "./backup-archive";
import { loadBackupKey } from "./backup-key";
import { parseRestoreTarget, restoreBackup } from "./restore-backup";
import { takeBackup } from "./take-backup";
import { BackupError } from "./backup-error";
import { parseS3Url, s3Client, s3Store } from "./s3-store";
import type { WrittenBackup } from "./backup-archive";

export interface BackupIo {
  out(line: string): void;
  err(line: string): void;
}

type Env = Record<string, string | undefined>;

export const BACKUP_USAGE = "Pemakaian: koperasi backup --to <DIREKTORI|s3://bucket/awalan> (atau BACKUP_DIR)";
export const RESTORE_USAGE = "Pemakaian: koperasi restore BERKAS --to <DATA_DIR|DATABASE_URL> [--force]";

/** One backup now, then the retention over the directory; the file's path is the last line. */
export async function runBackup(ctx: Pick<AppContext, "config" | "database" | "now">, to: string, io: BackupIo, env: Env = process.env): Promise<WrittenBackup> {
  const { key, created } = loadBackupKey(ctx.config.dataDir, env, true);
  if (created) {
    io.err(`Kunci cadangan baru dibuat di ${created.file}:`);
    io.err(`  ${created.text}`);
    io.err("Simpan kunci ini di tempat lain (pengelola sandi, brankas): tanpa kunci ini cadangan tidak dapat dipulihkan. Kunci ini hanya dicetak sekali.");
  }
  const source = { database: ctx.database, dumpUrl: env.BACKUP_DATABASE_URL || ctx.config.databaseUrl, dataDir: ctx.config.dataDir };
  const s3 = parseS3Url(to);
  if (!s3) {
    const toDir = resolve(to);
    const written = await takeBackup(source, { toDir, key, now: ctx.now });
    for (const name of await pruneBackups(toDir)) io.out(`Dihapus menurut retensi: ${name}`);
    return written;
  }
  // Written and sealed locally first, then uploaded whole.
  const store = s3Store(s3Client(env), s3);
  const staging = await mkdtemp(join(tmpdir(), "koperasi-backup-"));
  try {
    const written = await takeBackup(source, {
      toDir: staging,
      key,
      now: ctx.now,
      location: to,
      deliver: async (local) => {
        const name = basename(local.path);
        await store.put(local.path, name);
        return { ...local, path: `s3://${s3.bucket}/${s3.prefix}${name}` };
      },
    });
    for (const name of namesToPrune(await store.list())) {
      await store.remove(name);
      io.out(`Dihapus menurut retensi: ${name}`);
    }
    return written;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The backups among `names` the policy does not keep (other names are never touched). */
export function namesToPrune(names: readonly string[], policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const backups = names.flatMap((name) => {
    const takenAt = backupTakenAt(name);
    return takenAt ? [{ name, takenAt }] : [];
  });
  const keep = backupsToKeep(backups, policy);
  return backups
    .filter((backup) => !keep.has(backup))
    .map((backup) => backup.name)
    .sort();
}

export async function backupCommand(ctx: Pick<AppContext, "config" | "database" | "now">, args: { to?: string | undefined }, io: BackupIo, env: Env = process.env): Promise<number> {
  const to = args.to ?? ctx.config.backupDir;
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
  const removed = namesToPrune(await readdir(dir), policy);
  for (const name of removed) await rm(join(dir, name), { force: true });
  // What a backup killed half-way left behind; a day old, so never one still being written.
  for (const name of await readdir(dir)) {
    if (!/^\.(koperasi-|pg_dump\.).*\.partial$/.test(name)) continue;
    const { mtimeMs } = await stat(join(dir, name));
    if (Date.now() - mtimeMs > 24 * 60 * 60_000) await rm(join(dir, name), { force: true });
  }
  return removed;
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
  const download = args.file.startsWith("s3://") ? await mkdtemp(join(tmpdir(), "koperasi-restore-")) : undefined;
  try {
    let file = resolve(args.file);
    if (download) {
      const at = args.file.lastIndexOf("/");
      const location = parseS3Url(args.file.slice(0, at));
      if (!location) throw new BackupError("corrupt", `Alamat S3 tidak sah: ${args.file}`);
      file = join(download, args.file.slice(at + 1));
      await s3Store(s3Client(env), location).download(args.file.slice(at + 1), file);
    }
    const report = await restoreBackup({ file, key, target, force: Boolean(args.force), now, log: io.out });
    for (const aside of report.setAside) io.out(`Isi lama disisihkan: ${aside}`);
    io.out(`Dipulihkan: cadangan ${report.manifest.kind} dari ${report.manifest.createdAt} (${report.manifest.migrations.length} migrasi, ${report.manifest.files} berkas unggahan).`);
    io.out("Rahasia (secrets.json, secrets/) tidak ada di cadangan: pasang salinannya sendiri sebelum server dijalankan.");
    return 0;
  } finally {
    release();
    if (download) await rm(download, { recursive: true, force: true });
  }
}
