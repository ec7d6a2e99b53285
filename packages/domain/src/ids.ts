// UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, version 7, then 74 bits
// that are random at the start of each millisecond. Time-ordered ids keep
// B-tree inserts local, and a phone offline can mint them without the server.
//
// Monotonic (RFC 9562 §6.2, method 2): within one millisecond, and when the
// clock steps backwards, the 74-bit field is incremented from the previous id
// instead of drawn afresh, so ids from one generator always sort in creation
// order. If that field would overflow, the timestamp is advanced by 1 ms.

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const RANDOM_BITS = 74n;
const RANDOM_LIMIT = 1n << RANDOM_BITS;
const MAX_TIMESTAMP = 2 ** 48 - 1;

export interface UuidV7Sources {
  /** Milliseconds since the Unix epoch. */
  readonly now?: () => number;
  /** Fills the array with cryptographically strong random bytes. */
  readonly fillRandom?: (bytes: Uint8Array) => void;
}

/** A generator with its own monotonic state; tests inject the clock and randomness. */
export function createUuidV7Generator(sources: UuidV7Sources = {}): () => string {
  const now = sources.now ?? (() => Date.now());
  const fillRandom = sources.fillRandom ?? defaultFillRandom;
  let lastTimestamp = -1;
  let lastRandom = 0n;

  return () => {
    const timestamp = Math.floor(now());
    if (timestamp > lastTimestamp) {
      lastTimestamp = timestamp;
      lastRandom = random74(fillRandom);
    } else {
      lastRandom += 1n;
      if (lastRandom >= RANDOM_LIMIT) {
        lastTimestamp += 1;
        lastRandom = random74(fillRandom);
      }
    }
    if (lastTimestamp < 0 || lastTimestamp > MAX_TIMESTAMP) throw new RangeError("UUIDv7 timestamp out of range");
    return encode(lastTimestamp, lastRandom);
  };
}

/** A new UUIDv7, e.g. "0192f3a4-5b6c-7d8e-9f01-23456789abcd". */
export const uuidv7: () => string = createUuidV7Generator();

/** Any RFC 9562 UUID in canonical 8-4-4-4-12 hex form. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}

export function isUuidV7(value: unknown): value is string {
  return typeof value === "string" && UUID_V7_PATTERN.test(value);
}

/** The creation time (Unix ms) carried by a UUIDv7. */
export function uuidV7Timestamp(id: string): number {
  if (!isUuidV7(id)) throw new RangeError("not a UUIDv7");
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

function defaultFillRandom(bytes: Uint8Array): void {
  // Web Crypto: the same call in browsers and Node ≥ 19 (globalThis.crypto).
  globalThis.crypto.getRandomValues(bytes);
}

function random74(fillRandom: (bytes: Uint8Array) => void): bigint {
  const bytes = new Uint8Array(10); // 80 bits, top 6 discarded
  fillRandom(bytes);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value & (RANDOM_LIMIT - 1n);
}

function encode(timestamp: number, random: bigint): string {
  const randA = (random >> 62n) & 0xfffn; // 12 bits after the version nibble
  const randB = random & ((1n << 62n) - 1n); // 62 bits after the variant bits
  const timeHex = timestamp.toString(16).padStart(12, "0");
  const versionAndRandA = (0x7000n | randA).toString(16).padStart(4, "0");
  const variantAndRandB = ((0b10n << 62n) | randB).toString(16).padStart(16, "0");
  return [
    timeHex.slice(0, 8),
    timeHex.slice(8, 12),
    versionAndRandA,
    variantAndRandB.slice(0, 4),
    variantAndRandB.slice(4, 16),
  ].join("-");
}
