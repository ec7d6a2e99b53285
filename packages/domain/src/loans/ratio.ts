import { DomainError } from "../errors";
import { divideRounded, rupiah, type RoundingMode, type Rupiah } from "../money";

// Exact rational numbers for loan arithmetic: rates such as 1,5% a month
// (3/200), a weekly rate derived from it (× 12/52), an annuity's exact
// installment or a day's unrounded denda. Kept as BigInt numerator and
// denominator so nothing is lost before the one rounding the rule asks for.

/** `numerator / denominator`, denominator always positive, kept in lowest terms. */
export interface Ratio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function ratio(numerator: bigint, denominator: bigint = 1n): Ratio {
  if (denominator === 0n) throw new DomainError("rounding_invalid");
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = gcd(numerator, denominator) || 1n;
  return { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor };
}

export const ZERO_RATIO: Ratio = ratio(0n);

export function addRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

export function subRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator);
}

export function mulRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function compareRatio(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function minRatio(a: Ratio, b: Ratio): Ratio {
  return compareRatio(a, b) <= 0 ? a : b;
}

/** An amount as an exact ratio, for sums that are rounded only once at the end. */
export function ratioOfRupiah(amount: Rupiah): Ratio {
  return ratio(BigInt(amount));
}

/** The one rounding of an exact value to whole Rupiah. */
export function roundRatio(value: Ratio, mode: RoundingMode = "half_up"): Rupiah {
  const rounded = divideRounded(value.numerator, value.denominator, mode);
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER) || rounded < BigInt(Number.MIN_SAFE_INTEGER)) throw new DomainError("amount_unsafe");
  return rupiah(Number(rounded));
}

/** `amount × rate`, rounded once. */
export function applyRate(amount: Rupiah, rate: Ratio, mode: RoundingMode = "half_up"): Rupiah {
  return roundRatio(mulRatio(ratioOfRupiah(amount), rate), mode);
}

const PERCENT_TEXT = /^(\d{1,9})(?:[.,](\d{1,6}))?$/;

/**
 * A percentage written as a decimal ("1.5", "1,5", "0.125") as the exact
 * fraction it stands for (1,5% → 3/200). A comma is accepted because that is
 * how Indonesians write a decimal. Throws `percent_invalid`.
 */
export function parsePercent(text: string): Ratio {
  const match = typeof text === "string" ? PERCENT_TEXT.exec(text.trim()) : null;
  if (!match) throw new DomainError("percent_invalid");
  const whole = match[1] ?? "0";
  const decimals = match[2] ?? "";
  return ratio(BigInt(whole + decimals), 100n * 10n ** BigInt(decimals.length));
}

/** A fraction as a percentage with `decimals` places, half-up: 3/200 → "1.500" (decimals 3). */
export function formatRatioAsPercent(value: Ratio, decimals: number): string {
  if (!Number.isSafeInteger(decimals) || decimals < 0) throw new DomainError("rounding_invalid");
  const scaled = divideRounded(value.numerator * 100n * 10n ** BigInt(decimals), value.denominator, "half_up");
  return scaledToDecimal(scaled, decimals);
}

/** An integer count of 10^-decimals as decimal text with a point: (2643, 3) → "2.643". */
export function scaledToDecimal(scaled: bigint, decimals: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, "0");
  const body = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${body}` : body;
}
