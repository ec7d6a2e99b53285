// The platform's commission: a rate per kind of transaction, set by the
// operator, shown to the payer before she confirms. Rates are kept as
// millionths of the amount (0,75 % = 7 500), an integer, so a quote never
// passes through a float; the percent people read is a decimal string.

import { addDays } from "./calendar";
import { fractionOf, rupiah, type Rupiah } from "./money";
import { normalizeRatePercent } from "./savings-counter";
import type { BusinessDate } from "./time";

/** The kinds that carry a commission from the start; the operator may add more. */
export const COMMISSION_KINDS = ["qr_transfer", "qr_merchant"] as const;
export type StartingCommissionKind = (typeof COMMISSION_KINDS)[number];

const KIND = /^[a-z][a-z0-9_]{1,39}$/;
export function isCommissionKind(value: unknown): value is string {
  return typeof value === "string" && KIND.test(value);
}

export const RATE_PARTS_PER_UNIT = 1_000_000;
/** 0,5 % and 1 %: the band every rate stays within. */
export const MIN_COMMISSION_RATE = 5_000;
export const MAX_COMMISSION_RATE = 10_000;
/** A change of rate is announced at least this many days before it applies. */
export const COMMISSION_NOTICE_DAYS = 30;

/** Who carries the fee of a kind in a cooperative. */
export type FeeBearer = "member" | "koperasi";
export const FEE_BEARERS: readonly FeeBearer[] = ["member", "koperasi"];
/** Safe by default: the payer sees and pays what she is charged. */
export const DEFAULT_FEE_BEARER: FeeBearer = "member";

export interface CommissionRate {
  readonly kind: string;
  /** Millionths of the amount: 7 500 is 0,75 %. */
  readonly rate: number;
  /** A cap in Rupiah; there is never a minimum. */
  readonly maximumFee: Rupiah | null;
  readonly effectiveFrom: BusinessDate;
}

/** "0.75" → 7 500. Undefined when the text is not a percent with at most four decimals. */
export function commissionRateFromPercent(text: string): number | undefined {
  const normalized = normalizeRatePercent(text);
  if (normalized === undefined) return undefined;
  const [whole = "0", fraction = ""] = normalized.split(".");
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, "0"));
}

/** 7 500 → "0.75": the percent as a decimal string, no trailing zeros. */
export function commissionRatePercent(rate: number): string {
  const whole = Math.floor(rate / 10_000);
  const fraction = String(rate % 10_000).padStart(4, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * The fee on an amount: amount × rate rounded half-up to the whole Rupiah,
 * then capped by the maximum. Never a minimum, so it stays within half a
 * Rupiah of the exact share at the rate shown, and never above the cap.
 */
export function commissionFee(amount: Rupiah, rate: number, maximumFee: Rupiah | null = null): Rupiah {
  const fee = fractionOf(amount, rate, RATE_PARTS_PER_UNIT, "half_up");
  return maximumFee !== null && fee > maximumFee ? maximumFee : fee;
}

/** What the payer's account gives up: the fee on top when she bears it. */
export function quoteTotal(amount: Rupiah, fee: Rupiah, bearer: FeeBearer): Rupiah {
  return bearer === "member" ? rupiah(amount + fee) : amount;
}

/** The rate of a kind in force on a date: the latest that starts on or before it, or none. */
export function commissionRateInForce<T extends { readonly effectiveFrom: BusinessDate }>(history: readonly T[], date: BusinessDate): T | undefined {
  let found: T | undefined;
  for (const rate of history) {
    if (rate.effectiveFrom <= date && (found === undefined || rate.effectiveFrom >= found.effectiveFrom)) found = rate;
  }
  return found;
}

/** The first day a rate set today may apply. */
export function earliestCommissionDate(today: BusinessDate): BusinessDate {
  return addDays(today, COMMISSION_NOTICE_DAYS);
}

export type CommissionRateIssue = "kind_invalid" | "rate_out_of_band" | "maximum_invalid" | "too_soon";

/** Why an operator's new rate cannot be set, field by field; empty when it can. */
export function commissionRateIssues(input: {
  readonly kind: string;
  readonly rate: number | undefined;
  readonly maximumFee: number | null;
  readonly effectiveFrom: BusinessDate;
  readonly today: BusinessDate;
}): Partial<Record<"kind" | "ratePercent" | "maximumFee" | "effectiveFrom", CommissionRateIssue>> {
  const issues: Partial<Record<"kind" | "ratePercent" | "maximumFee" | "effectiveFrom", CommissionRateIssue>> = {};
  if (!isCommissionKind(input.kind)) issues.kind = "kind_invalid";
  if (input.rate === undefined || input.rate < MIN_COMMISSION_RATE || input.rate > MAX_COMMISSION_RATE) issues.ratePercent = "rate_out_of_band";
  if (input.maximumFee !== null && (!Number.isSafeInteger(input.maximumFee) || input.maximumFee < 1)) issues.maximumFee = "maximum_invalid";
  if (input.effectiveFrom < earliestCommissionDate(input.today)) issues.effectiveFrom = "too_soon";
  return issues;
}
