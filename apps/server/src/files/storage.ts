import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";

/** Uploaded files (logos, documents) under DATA_DIR/files, addressed by key. */
export interface FileStorage {
  put(key: string, bytes: Uint8Array): Promise<{ sha256: string }>;
  get(key: string): Promise<Buffer>;
  /** Removes the file; a key with no file is not an error. */
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
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}
