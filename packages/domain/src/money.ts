import { DomainError } from "./errors";

// Money is whole Rupiah. The brand makes a bare `number` unassignable to
// `Rupiah`, so every amount passes through `rupiah()` (which checks it) or one
// of the helpers below (which keep it checked).
declare const rupiahBrand: unique symbol;
export type Rupiah = number & { readonly [rupiahBrand]: true };

/**
 * How a fractional Rupiah becomes whole. Semantics follow Java's
 * `RoundingMode` (used by Apache Fineract), symmetric around zero so a
 * reversal rounds to exactly the negation of the original:
 * - `half_up`: to nearest, ties away from zero (2,5 → 3; −2,5 → −3)
 * - `down`: toward zero (truncate)
 * - `up`: away from zero
 */
export type RoundingMode = "half_up" | "down" | "up";
export const ROUNDING_MODES: readonly RoundingMode[] = ["half_up", "down", "up"];

/** One basis point is 1/100 of a percent: 0,5% = 50 bp, 1% = 100 bp. */
export const BASIS_POINTS_PER_UNIT = 10_000;

export function isRupiah(value: unknown): value is Rupiah {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** Checks and brands an amount. Throws `amount_not_integer` or `amount_unsafe`. */
export function rupiah(value: number): Rupiah {
  if (typeof value !== "number" || !Number.isFinite(value) || !Number.isInteger(value)) {
    throw new DomainError("amount_not_integer");
  }
  if (!Number.isSafeInteger(value)) throw new DomainError("amount_unsafe");
  // Normalise −0 so it never prints as "-Rp0" or fails an Object.is check.
  return (value === 0 ? 0 : value) as Rupiah;
}

/** From a database `bigint` column (node-postgres returns int8 as string). */
export function rupiahFromBigInt(value: bigint | string): Rupiah {
  // BigInt() alone would also accept " 12 ", "0x10" and "" (as 0).
  if (typeof value === "string" && !/^-?\d+$/.test(value)) throw new DomainError("amount_not_integer");
  return rupiahFromBig(typeof value === "bigint" ? value : BigInt(value));
}

export function rupiahToBigInt(amount: Rupiah): bigint {
  return BigInt(amount);
}

export const ZERO_RUPIAH: Rupiah = rupiah(0);

export function addRupiah(a: Rupiah, b: Rupiah): Rupiah {
  return rupiah(a + b);
}

export function subRupiah(a: Rupiah, b: Rupiah): Rupiah {
  return rupiah(a - b);
}

export function negateRupiah(a: Rupiah): Rupiah {
  return rupiah(0 - a);
}

export function absRupiah(a: Rupiah): Rupiah {
  return rupiah(Math.abs(a));
}

export function sumRupiah(amounts: readonly Rupiah[]): Rupiah {
  // Sum in BigInt so an intermediate overflow cannot silently lose precision.
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return rupiahFromBig(total);
}

/** Multiplies by a whole count (e.g. installments × amount). */
export function multiplyRupiah(amount: Rupiah, times: number): Rupiah {
  if (!Number.isSafeInteger(times)) throw new DomainError("amount_not_integer");
  return rupiahFromBig(BigInt(amount) * BigInt(times));
}

export function compareRupiah(a: Rupiah, b: Rupiah): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one place integer division meets a rounding rule. Exact for any size:
 * `numerator / denominator` rounded by `mode`.
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new DomainError("rounding_invalid");
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = magnitude / denominator; // BigInt division truncates toward zero
  const remainder = magnitude % denominator;
  let rounded: bigint;
  switch (mode) {
    case "down":
      rounded = quotient;
      break;
    case "up":
      rounded = remainder === 0n ? quotient : quotient + 1n;
      break;
    case "half_up":
      rounded = remainder * 2n >= denominator ? quotient + 1n : quotient;
      break;
    default:
      throw new DomainError("rounding_invalid", { mode: String(mode) });
  }
  return negative ? -rounded : rounded;
}

/** `amount × numerator / denominator`, rounded once, by `mode`. */
export function fractionOf(
  amount: Rupiah,
  numerator: number | bigint,
  denominator: number | bigint,
  mode: RoundingMode = "half_up",
): Rupiah {
  const num = toBigIntChecked(numerator, "rounding_invalid");
  const den = toBigIntChecked(denominator, "rounding_invalid");
  return rupiahFromBig(divideRounded(BigInt(amount) * num, den, mode));
}

/**
 * A rate in basis points applied to an amount: commission, provisi, tax.
 * `percentOf(rupiah(1_234_567), 100)` (1%) = 12346 with half-up.
 */
export function percentOf(amount: Rupiah, basisPoints: number, mode: RoundingMode = "half_up"): Rupiah {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new DomainError("rate_invalid", { basisPoints: String(basisPoints) });
  }
  return fractionOf(amount, basisPoints, BASIS_POINTS_PER_UNIT, mode);
}

/** Rounds to a multiple such as Rp100 or Rp1.000 (a loan product setting). */
export function roundToMultiple(amount: Rupiah, multiple: number, mode: RoundingMode = "half_up"): Rupiah {
  if (!Number.isSafeInteger(multiple) || multiple <= 0) throw new DomainError("rounding_invalid");
  const step = BigInt(multiple);
  return rupiahFromBig(divideRounded(BigInt(amount), step, mode) * step);
}

/**
 * Splits `total` in proportion to `weights` (Hamilton / largest remainder):
 * each part gets the floor of its exact share, and the Rupiah left over go one
 * by one to the largest fractional remainders, ties to the earlier index. The
 * parts always add up to `total` exactly, and each is within Rp1 of its exact
 * share. A negative total is split as its magnitude and negated, so a
 * reversal splits to exactly the negated parts.
 */
export function allocateLargestRemainder(total: Rupiah, weights: readonly number[]): Rupiah[] {
  if (weights.length === 0) throw new DomainError("allocation_invalid");
  let weightSum = 0n;
  const bigWeights = weights.map((weight) => {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new DomainError("allocation_invalid", { weight: String(weight) });
    }
    const big = BigInt(weight);
    weightSum += big;
    return big;
  });
  if (weightSum === 0n) throw new DomainError("allocation_invalid");

  const negative = total < 0;
  const magnitude = BigInt(negative ? -total : total);
  const parts = bigWeights.map((weight) => (magnitude * weight) / weightSum);
  const remainders = bigWeights.map((weight) => (magnitude * weight) % weightSum);
  let leftover = magnitude - parts.reduce((sum, part) => sum + part, 0n);

  // Stable order: larger remainder first, then lower index.
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map((part) => rupiahFromBig(negative ? -part : part));
}

function rupiahFromBig(value: bigint): Rupiah {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError("amount_unsafe");
  }
  return rupiah(Number(value));
}

function toBigIntChecked(value: number | bigint, code: "rounding_invalid"): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) throw new DomainError(code);
  return BigInt(value);
}
