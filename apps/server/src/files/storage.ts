import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, normalize, relative, sep } from "node:path";

/** A stored file as a listing shows it: its key and when it was last written. */
export interface StoredFileEntry {
  key: string;
  modifiedAt: Date;
}

/** Uploaded files (logos, documents) under DATA_DIR/files, addressed by key. */
export interface FileStorage {
  put(key: string, bytes: Uint8Array): Promise<{ sha256: string }>;
  get(key: string): Promise<Buffer>;
  /** Every file whose key starts with `prefix` + "/" (nothing when there is none). */
  list(prefix: string): Promise<StoredFileEntry[]>;
  /** Removes a file; one already gone is no error. */
  remove(key: string): Promise<void>;
}

export function localFileStorage(root: string): FileStorage {
  const pathOf = (key: string) => {
    const path = normalize(join(root, key));
    if (!path.startsWith(normalize(root) + "/")) throw new Error("kunci berkas tidak sah");
    return path;
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes, { mode: 0o600 });
      return { sha256: createHash("sha256").update(bytes).digest("hex") };
    },
    get: (key) => readFile(pathOf(key)),
    async list(prefix) {
      const directory = pathOf(prefix);
      const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [];
        throw error;
      });
      const files: StoredFileEntry[] = [];
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const path = join(entry.parentPath, entry.name);
        const { mtime } = await stat(path);
        files.push({ key: relative(normalize(root), path).split(sep).join("/"), modifiedAt: mtime });
      }
      return files;
    },
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}
