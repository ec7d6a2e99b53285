import { TlogError } from "./errors.js";

/*
 * Bit arithmetic on tree sizes and indices.
 *
 * JavaScript's bitwise operators truncate to 32 bits, and a log may grow past
 * 2^32 leaves, so these helpers work on any non-negative safe integer
 * (< 2^53) by splitting it into 32-bit halves or by exact power-of-two
 * arithmetic. 2^53 leaves is far beyond any cooperative's journal; inputs
 * above it are rejected rather than silently rounded.
 */

const TWO_32 = 2 ** 32;

export function assertUint(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TlogError("invalid-argument", `${what} must be an integer in [0, 2^53), got ${String(value)}`);
  }
}

/** x >> k */
export function shr(x: number, k: number): number {
  return Math.floor(x / 2 ** k);
}

/** x << k */
export function shl(x: number, k: number): number {
  return x * 2 ** k;
}

/** Bit k of x. */
export function bitAt(x: number, k: number): number {
  return shr(x, k) % 2;
}

/** x & (2^k - 1) */
export function lowBits(x: number, k: number): number {
  return x % 2 ** k;
}

export function xor(a: number, b: number): number {
  const hi = (Math.floor(a / TWO_32) ^ Math.floor(b / TWO_32)) >>> 0;
  const lo = ((a % TWO_32) ^ (b % TWO_32)) >>> 0;
  return hi * TWO_32 + lo;
}

/** Number of bits needed to represent x (Go's bits.Len64). */
export function bitLen(x: number): number {
  const hi = Math.floor(x / TWO_32);
  if (hi > 0) return 64 - Math.clz32(hi);
  return 32 - Math.clz32(x);
}

/** Trailing zero bits of x; 64 for x = 0 (Go's bits.TrailingZeros64). */
export function trailingZeros(x: number): number {
  if (x === 0) return 64;
  const lo = x % TWO_32;
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  const hi = Math.floor(x / TWO_32);
  return 63 - Math.clz32(hi & -hi);
}

function popcount32(v: number): number {
  let n = v >>> 0;
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of one bits in x (Go's bits.OnesCount64). */
export function onesCount(x: number): number {
  return popcount32(x % TWO_32) + popcount32(Math.floor(x / TWO_32));
}

export function isPowerOfTwo(x: number): boolean {
  return x > 0 && onesCount(x) === 1;
}
