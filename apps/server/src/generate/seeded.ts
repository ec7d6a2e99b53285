import { createHash, createHmac } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

// Everything the generator makes is derived from one seed, so the same seed
// gives the same cooperative, row for row: ids, salts and the log key come
// from HMAC-SHA256 under a key hashed from the seed (a CSPRNG keyed by it,
// one labelled stream per purpose, so adding a draw in one place never shifts
// another); the choices (who deposits, how much, when) from xoroshiro128+
// streams seeded the same way. Never use a generated cooperative's salts or
// keys for real books: whoever knows the seed knows them.

export interface Random {
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** true with probability p (0..1). */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A uniform number in [0, 1). */
  unit(): number;
}

export interface Seeded {
  /** An independent stream of choices for `label`. */
  random(label: string): Random;
  /** `length` bytes for (label, index): the same arguments, the same bytes. */
  bytes(label: string, index: number | string, length: number): Uint8Array;
  /** A UUIDv7 carrying `ms`, its random bits from (label, index). */
  uuidv7(ms: number, label: string, index: number | string): string;
}

export function seeded(seed: string): Seeded {
  const key = createHash("sha256").update(`koperasi-pintar/generate/v1\0${seed}`).digest();
  const bytes = (label: string, index: number | string, length: number): Uint8Array => {
    const out = new Uint8Array(length);
    for (let block = 0, filled = 0; filled < length; block += 1) {
      const chunk = createHmac("sha256", key).update(`${label}\0${index}\0${block}`).digest();
      out.set(chunk.subarray(0, Math.min(chunk.length, length - filled)), filled);
      filled += chunk.length;
    }
    return out;
  };
  return {
    bytes,
    random: (label) => {
      const b = bytes(`random/${label}`, 0, 4);
      return randomOf((((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0);
    },
    uuidv7: (ms, label, index) => uuidv7From(ms, bytes(`id/${label}`, index, 10)),
  };
}

function randomOf(seed: number): Random {
  const generator = xoroshiro128plus(seed);
  const int = (min: number, max: number) => uniformInt(generator, min, max);
  return {
    int,
    chance: (p) => int(0, 999_999) < p * 1_000_000,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    unit: () => int(0, 2 ** 30 - 1) / 2 ** 30,
  };
}

/** RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, 74 bits from `random` (10 bytes), variant 10. */
export function uuidv7From(ms: number, random: Uint8Array): string {
  const b = new Uint8Array(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b.set(random.subarray(0, 10), 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = Buffer.from(b).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
