import { DomainError } from "../errors";
import { type Rupiah } from "../money";
import { parseBusinessDate, type BusinessDate } from "../time";
import { addRatio, compareRatio, minRatio, mulRatio, ratio, ratioOfRupiah, roundRatio, subRatio, ZERO_RATIO, type Ratio } from "./ratio";

// Denda: the late penalty on an overdue installment (DOMAIN.md, "Pinjaman").
// It accrues daily without rounding and is rounded half-up only when posted:
// 0,1% a day of Rp983.333 for 10 days = 9.833,33 → Rp9.833. Within the grace
// days there is none; after them it counts from the due date.

export type PenaltyBasis =
  /** A fraction of the overdue amount per day (0,1% = 1/1000; see `parsePercent`). */
  | { readonly type: "percent_per_day"; readonly rate: Ratio }
  /** A fixed amount per day late. */
  | { readonly type: "flat_per_day"; readonly amount: Rupiah };

export type PenaltyCap =
  | { readonly type: "amount"; readonly amount: Rupiah }
  /** At most this fraction of the overdue amount. */
  | { readonly type: "percent_of_overdue"; readonly rate: Ratio };

export interface LatePenaltyRule {
  readonly basis: PenaltyBasis;
  /** Days after the due date with no denda; once past them it counts from the due date. */
  readonly graceDays: number;
  /** The most denda one overdue installment can bear; none when absent. */
  readonly cap?: PenaltyCap;
}

const MS_PER_DAY = 86_400_000;

/** Whole days from the due date to `asOf`: 0 on the due date itself, negative before it. */
export function daysPastDue(dueDate: BusinessDate, asOf: BusinessDate): number {
  const due = parseBusinessDate(dueDate);
  const on = parseBusinessDate(asOf);
  return (Date.UTC(on.year, on.month - 1, on.day) - Date.UTC(due.year, due.month - 1, due.day)) / MS_PER_DAY;
}

function isNonNegativeWhole(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function checkRule(rule: LatePenaltyRule, overdue: Rupiah, daysLate: number): void {
  const basisOk = rule.basis.type === "percent_per_day" ? rule.basis.rate.numerator >= 0n : isNonNegativeWhole(rule.basis.amount);
  const cap = rule.cap;
  const capOk = !cap || (cap.type === "amount" ? isNonNegativeWhole(cap.amount) : cap.rate.numerator >= 0n);
  if (!basisOk || !capOk || !isNonNegativeWhole(rule.graceDays) || !isNonNegativeWhole(daysLate) || !isNonNegativeWhole(overdue)) {
    throw new DomainError("loan_penalty_invalid");
  }
}

function perDay(rule: LatePenaltyRule, overdue: Rupiah): Ratio {
  return rule.basis.type === "percent_per_day" ? mulRatio(ratioOfRupiah(overdue), rule.basis.rate) : ratioOfRupiah(rule.basis.amount);
}

function capOf(rule: LatePenaltyRule, overdue: Rupiah): Ratio | undefined {
  if (!rule.cap) return undefined;
  return rule.cap.type === "amount" ? ratioOfRupiah(rule.cap.amount) : mulRatio(ratioOfRupiah(overdue), rule.cap.rate);
}

/**
 * Denda owed, unrounded, on `overdue` left unpaid `daysLate` days past its
 * due date: nothing within the grace days, then every day from the due date,
 * never above the cap.
 */
export function dendaAccrued(rule: LatePenaltyRule, overdue: Rupiah, daysLate: number): Ratio {
  checkRule(rule, overdue, daysLate);
  if (daysLate <= rule.graceDays) return ZERO_RATIO;
  const accrued = mulRatio(perDay(rule, overdue), ratio(BigInt(daysLate)));
  const cap = capOf(rule, overdue);
  return cap ? minRatio(accrued, cap) : accrued;
}

/** Denda as posted: the accrued amount rounded half-up to the Rupiah. */
export function dendaToPost(rule: LatePenaltyRule, overdue: Rupiah, daysLate: number): Rupiah {
  return roundRatio(dendaAccrued(rule, overdue, daysLate));
}

/**
 * What the daily run accrues, unrounded, for an installment on the day it
 * is `daysLate` days late, given the denda it has accrued before: nothing
 * within the grace days; on the first day past them, every day since the due
 * date at once; then one day's; never past the cap. The overdue amount is
 * the day's (a partial payment lowers it from that day on).
 */
export function dendaAccrualForDay(rule: LatePenaltyRule, overdue: Rupiah, daysLate: number, accruedBefore: Ratio): Ratio {
  checkRule(rule, overdue, daysLate);
  if (accruedBefore.numerator < 0n) throw new DomainError("loan_penalty_invalid");
  if (daysLate <= rule.graceDays) return ZERO_RATIO;
  const days = daysLate === rule.graceDays + 1 ? daysLate : 1;
  const due = mulRatio(perDay(rule, overdue), ratio(BigInt(days)));
  const cap = capOf(rule, overdue);
  if (!cap) return due;
  const room = subRatio(cap, accruedBefore);
  if (compareRatio(room, ZERO_RATIO) <= 0) return ZERO_RATIO;
  return minRatio(due, room);
}

/** Sums daily accruals (exact), for posting once: `roundRatio(sumAccruals(…))`. */
export function sumAccruals(accruals: readonly Ratio[]): Ratio {
  return accruals.reduce(addRatio, ZERO_RATIO);
}
