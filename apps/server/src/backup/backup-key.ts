import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BackupError } from "./backup-error";

// The key backups are sealed with: BACKUP_KEY (32 bytes, base64url), or one
// generated into DATA_DIR/secrets/backup-key on the first backup and shown
// once so the operator keeps a copy elsewhere — a backup is only as good as
// the key kept apart from the disk it would replace.

const KEY_BYTES = 32;

export function backupKeyFile(dataDir: string): string {
  return join(dataDir, "secrets", "backup-key");
}

export function parseBackupKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), "base64url");
  if (key.length !== KEY_BYTES || key.toString("base64url") !== text.trim()) {
    throw new BackupError("no_key", `${source} tidak sah: harus 32 bita dalam base64url (buat dengan: openssl rand -base64 32 | tr '+/' '-_' | tr -d '=').`);
  }
  return key;
}

export interface LoadedBackupKey {
  key: Buffer;
  /** The key was made just now: shown once, to be kept elsewhere. */
  created?: { file: string; text: string };
}

/** BACKUP_KEY, else the generated key file; `create` makes one when neither exists (backups), a restore never does. */
export function loadBackupKey(dataDir: string, env: Record<string, string | undefined>, create: boolean): LoadedBackupKey {
  if (env.BACKUP_KEY) return { key: parseBackupKey(env.BACKUP_KEY, "BACKUP_KEY") };
  const file = backupKeyFile(dataDir);
  if (existsSync(file)) return { key: parseBackupKey(readFileSync(file, "utf8"), file) };
  if (!create) throw new BackupError("no_key", `Tidak ada kunci cadangan: atur BACKUP_KEY (kunci yang dicetak saat cadangan pertama) atau letakkan di ${file}.`);
  const key = randomBytes(KEY_BYTES);
  mkdirSync(join(dataDir, "secrets"), { recursive: true, mode: 0o700 });
  writeFileSync(file, key.toString("base64url"), { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return { key, created: { file, text: key.toString("base64url") } };
}
