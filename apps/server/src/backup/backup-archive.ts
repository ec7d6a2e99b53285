import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, normalize, relative, sep } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import tar from "tar-stream";
import { decryptStream, encryptStream, newHeader, type BackupHeader } from "./backup-crypto";
import { BackupError } from "./backup-error";

// What a backup file holds once opened: a gzipped tar of manifest.json, the
// database (PGlite's data directory as a tar, or pg_dump's custom format)
// and the uploaded files under files/. Written beside its final name and
// renamed only when complete and on disk, so a backup cut short never looks
// like one.

export const BACKUP_SUFFIX = ".kpbak";
export const PGLITE_ENTRY = "database/pglite.tar";
export const POSTGRES_ENTRY = "database/postgres.dump";
export const MANIFEST_ENTRY = "manifest.json";

export interface BackupManifest {
  format: 1;
  kind: BackupHeader["kind"];
  createdAt: string;
  /** The migrations the database had: a restore onto PostgreSQL builds exactly these. */
  migrations: string[];
  files: number;
}

export interface ArchiveEntry {
  name: string;
  size: number;
  body: () => Readable;
}

export interface WrittenBackup {
  path: string;
  size: number;
  sha256: string;
}

/** `koperasi-20261208T024700Z.kpbak` (UTC, sortable, no colons). */
export function backupFileName(createdAt: Date): string {
  return `koperasi-${createdAt.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "")}${BACKUP_SUFFIX}`;
}

/** When a backup file's name says it was taken; undefined for any other file (partial ones included). */
export function backupTakenAt(name: string): Date | undefined {
  const m = /^koperasi-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.kpbak$/.exec(name);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

/** The uploaded files under `root`, as archive entries under files/. */
export async function fileEntries(root: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    let names;
    try {
      names = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const item of names.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, item.name);
      if (item.isDirectory()) await walk(path);
      else if (item.isFile()) {
        const { size } = await stat(path);
        entries.push({ name: `files/${relative(root, path).split(sep).join("/")}`, size, body: () => createReadStream(path) });
      }
    }
  };
  await walk(root);
  return entries;
}

/** Seals the entries into `<dir>/<name>`: written to a hidden partial name, synced, then renamed. */
export async function writeBackupFile(options: { dir: string; key: Buffer; manifest: BackupManifest; entries: ArchiveEntry[] }): Promise<WrittenBackup> {
  const createdAt = new Date(options.manifest.createdAt);
  await mkdir(options.dir, { recursive: true });
  const path = join(options.dir, backupFileName(createdAt));
  const partial = join(options.dir, `.${backupFileName(createdAt)}.${process.pid}.partial`);
  const pack = tar.pack();
  const hash = createHash("sha256");
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const handle = await open(partial, "wx", 0o600);
  const writing = pipeline(pack, createGzip({ level: 3 }), encryptStream(options.key, newHeader(options.key, options.manifest.kind, createdAt)), measure, createWriteStream("", { fd: handle.fd, autoClose: false }));
  // Awaited below; an entry failing first must not leave its rejection unobserved.
  writing.catch(() => {});
  try {
    const manifest = Buffer.from(JSON.stringify(options.manifest, null, 2));
    await addEntry(pack, { name: MANIFEST_ENTRY, size: manifest.length, body: () => Readable.from([manifest]) });
    for (const entry of options.entries) await addEntry(pack, entry);
    pack.finalize();
    await writing;
    await handle.sync();
  } catch (error) {
    pack.destroy();
    await writing.catch(() => {});
    await handle.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
  await handle.close();
  await rename(partial, path);
  await syncDir(options.dir);
  return { path, size, sha256: hash.digest("hex") };
}

function addEntry(pack: tar.Pack, entry: ArchiveEntry): Promise<void> {
  return new Promise((resolve, reject) => {
    const sink = pack.entry({ name: entry.name, size: entry.size, mode: 0o600 }, (error) => (error ? reject(error) : resolve()));
    entry.body().on("error", reject).pipe(sink);
  });
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface OpenedBackup {
  header: BackupHeader;
  manifest: BackupManifest;
  /** Where the archive was unpacked: database/… and files/… */
  dir: string;
}

/**
 * Decrypts and unpacks a backup into `stagingDir` (made empty first). Every
 * chunk is authenticated before this returns: a file corrupted, cut short,
 * from elsewhere or opened with the wrong key throws, and nothing but the
 * staging directory has been written.
 */
export async function openBackupFile(file: string, key: Buffer, stagingDir: string): Promise<OpenedBackup> {
  await rm(stagingDir, { recursive: true, force: true });
  await mkdir(stagingDir, { recursive: true, mode: 0o700 });
  let header: BackupHeader | undefined;
  let manifest: BackupManifest | undefined;
  const extract = tar.extract();
  extract.on("entry", (entry, stream, next) => {
    void (async () => {
      const name = entry.name;
      if (entry.type !== "file" || !safeName(name)) throw BackupError.corrupt(`isi tak terduga: ${name}`);
      if (!manifest && name !== MANIFEST_ENTRY) throw BackupError.corrupt("manifest tidak di awal");
      if (name === MANIFEST_ENTRY) {
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        manifest = parseManifest(Buffer.concat(chunks));
        if (manifest.kind !== header?.kind) throw BackupError.corrupt("jenis basis data di manifest berbeda dengan kepala berkas");
        return;
      }
      const target = join(stagingDir, name);
      await mkdir(dirname(target), { recursive: true });
      await pipeline(stream, createWriteStream(target, { mode: 0o600 }));
    })().then(
      () => next(),
      (error: Error) => {
        stream.resume();
        next(error);
      },
    );
  });
  try {
    await pipeline(
      createReadStream(file),
      decryptStream(key, (h) => (header = h)),
      createGunzip(),
      extract,
    );
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && (error as NodeJS.ErrnoException).path === file) throw new BackupError("corrupt", `Berkas cadangan ${file} tidak ada.`);
    throw BackupError.corrupt((error as Error).message);
  }
  if (!header || !manifest) throw BackupError.corrupt("manifest tidak ada");
  return { header, manifest, dir: stagingDir };
}

function safeName(name: string): boolean {
  const normal = normalize(name);
  return normal === name && !name.startsWith("/") && !name.split("/").includes("..") && (name === MANIFEST_ENTRY || name === PGLITE_ENTRY || name === POSTGRES_ENTRY || name.startsWith("files/"));
}

function parseManifest(bytes: Buffer): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(bytes.toString("utf8")) as BackupManifest;
  } catch {
    throw BackupError.corrupt("manifest tidak terbaca");
  }
  if (manifest.format !== 1 || !Array.isArray(manifest.migrations) || (manifest.kind !== "pglite" && manifest.kind !== "postgres")) throw BackupError.corrupt("manifest tidak sah");
  return manifest;
}
