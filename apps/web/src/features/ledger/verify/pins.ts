// What this browser has seen of a cooperative's transparency log: its
// signing key, origin and witnesses' keys (trusted on first use, then held
// to), and the largest checkpoint it has verified (so a later one must be
// an extension of it). Kept per cooperative in localStorage; a server that
// later signs with another key, or rewrites history it has shown, is
// caught here however it answers.

export interface PinnedCheckpoint {
  size: number;
  /** Standard base64. */
  rootHash: string;
}

export interface PinnedLog {
  origin: string;
  /** C2SP signed-note verifier key of the log. */
  logKey: string;
  /** Witness key name → verifier key. */
  witnesses: Record<string, string>;
  checkpoint: PinnedCheckpoint | null;
  /** When the keys were first pinned (ISO instant). */
  since: string;
}

export interface PinStore {
  read(koperasiId: string): PinnedLog | null;
  write(koperasiId: string, pin: PinnedLog): void;
}

const PREFIX = "koperasi.tlog.pin.";

function isPinnedLog(value: unknown): value is PinnedLog {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const checkpoint = v.checkpoint as Record<string, unknown> | null | undefined;
  return (
    typeof v.origin === "string" &&
    typeof v.logKey === "string" &&
    typeof v.since === "string" &&
    typeof v.witnesses === "object" &&
    v.witnesses !== null &&
    Object.values(v.witnesses).every((k) => typeof k === "string") &&
    (checkpoint === null || (typeof checkpoint === "object" && typeof checkpoint.size === "number" && typeof checkpoint.rootHash === "string"))
  );
}

/** Pins in a Storage (localStorage by default). Unreadable entries count as none; writes that fail (private mode) are skipped. */
export function storagePins(storage: Pick<Storage, "getItem" | "setItem"> | undefined = globalThis.localStorage): PinStore {
  return {
    read(koperasiId) {
      try {
        const text = storage?.getItem(PREFIX + koperasiId);
        if (!text) return null;
        const value: unknown = JSON.parse(text);
        return isPinnedLog(value) ? value : null;
      } catch {
        return null;
      }
    },
    write(koperasiId, pin) {
      try {
        storage?.setItem(PREFIX + koperasiId, JSON.stringify(pin));
      } catch {
        // No storage: this verification still stands; the next one pins afresh.
      }
    },
  };
}

/** An in-memory store, for tests. */
export function memoryPins(): PinStore & { entries: Map<string, PinnedLog> } {
  const entries = new Map<string, PinnedLog>();
  return {
    entries,
    read: (koperasiId) => entries.get(koperasiId) ?? null,
    write: (koperasiId, pin) => void entries.set(koperasiId, structuredClone(pin)),
  };
}
