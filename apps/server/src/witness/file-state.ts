import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { decodeBase64, encodeBase64, type WitnessState } from "@koperasi/tlog";

// The standalone witness's state: one small JSON file per log origin, so a
// witness of thousands of logs rewrites only the file of the log it cosigns.
// A write goes to a temporary file in the same directory, is fsynced, then
// renamed over the old one and the directory fsynced: after a crash either
// the old or the new state is there, whole. Compare-and-swap runs under a
// per-origin lock inside the process; the directory lock (witness.lock)
// keeps a second process out.

interface StoredState {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: string;
  readonly signedCheckpoint: string;
  readonly updatedAt: string;
}

export class FileWitnessState {
  readonly #dir: string;
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  #path(origin: string): string {
    return join(this.#dir, `${createHash("sha256").update(origin).digest("hex")}.json`);
  }

  async read(origin: string): Promise<WitnessState | undefined> {
    let text: string;
    try {
      text = await readFile(this.#path(origin), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const stored = JSON.parse(text) as StoredState;
    // A hash collision or a file copied from elsewhere must not pass as this log's state.
    if (stored.origin !== origin) throw new Error(`state file of ${origin} belongs to ${stored.origin}`);
    return { size: stored.size, rootHash: decodeBase64(stored.rootHash) };
  }

  /** Stores `next` iff the state is still `expected`; see WitnessBackend.swapState. */
  swap(origin: string, expected: WitnessState | undefined, next: WitnessState, signedCheckpoint: string, now: Date): Promise<boolean> {
    return this.#serialised(origin, async () => {
      const current = await this.read(origin);
      const unchanged =
        current === undefined || expected === undefined
          ? current === expected
          : current.size === expected.size && Buffer.from(current.rootHash).equals(expected.rootHash);
      if (!unchanged) return false;
      if (current && next.size < current.size) throw new Error(`refusing to move the state of ${origin} back from ${current.size} to ${next.size}`);
      const stored: StoredState = {
        origin,
        size: next.size,
        rootHash: encodeBase64(next.rootHash),
        signedCheckpoint,
        updatedAt: now.toISOString(),
      };
      await this.#writeAtomically(this.#path(origin), `${JSON.stringify(stored, null, 2)}\n`);
      return true;
    });
  }

  async #serialised<T>(origin: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(origin) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.#locks.set(origin, settled);
    try {
      return await run;
    } finally {
      if (this.#locks.get(origin) === settled) this.#locks.delete(origin);
    }
  }

  async #writeAtomically(path: string, content: string): Promise<void> {
    const temporary = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      const file = await open(temporary, "wx", 0o600);
      try {
        await file.writeFile(content, "utf8");
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    // The rename itself must survive a power cut too.
    const dir = await open(this.#dir, "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
