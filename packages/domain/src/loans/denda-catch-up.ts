import { DomainError } from "../errors";
import type { Rupiah } from "../money";
import type { BusinessDate } from "../time";
import { daysPastDue, dendaAccrualForDay, type LatePenaltyRule } from "./denda";
import { addRatio, ratio, roundRatio, scaledToDecimal, type Ratio } from "./ratio";

// Denda brought up to a day for one installment: the daily accrual
// (denda.ts) for each day since it was last brought up to date, on what is
// overdue now (a payment brings it up to date first, so every day counts
// the amount overdue on that day). Rates carry at most four decimals of a
// percent, so an accrual is an exact decimal of at most six places: it is
// stored as such, unrounded, and rounded half-up only when it is paid.

export const DENDA_DECIMALS = 6;
const SCALE = 10n ** BigInt(DENDA_DECIMALS);

export interface DendaState {
  /** Accrued so far, unrounded. */
  readonly accrued: Ratio;
  /** The last day counted; null before the first. */
  readonly through: BusinessDate | null;
}

/** Accrual through `asOf`. Days not yet counted on or before the due date add nothing. */
export function dendaCaughtUp(rule: LatePenaltyRule, dueDate: BusinessDate, overdue: Rupiah, state: DendaState, asOf: BusinessDate): DendaState {
  const lateNow = daysPastDue(dueDate, asOf);
  if (lateNow <= 0 || overdue === 0) return { accrued: state.accrued, through: state.through && state.through > asOf ? state.through : asOf };
  const countedBefore = state.through === null ? 0 : Math.max(0, daysPastDue(dueDate, state.through));
  let accrued = state.accrued;
  for (let day = countedBefore + 1; day <= lateNow; day += 1) accrued = addRatio(accrued, dendaAccrualForDay(rule, overdue, day, accrued));
  return { accrued, through: asOf };
}

/** The rounded denda an accrual stands for: what a payment settles. */
export function dendaDue(accrued: Ratio): Rupiah {
  return roundRatio(accrued);
}

/** An accrual as exact decimal text for a numeric column: 9833.33 → "9833.330000". */
export function dendaToDecimal(value: Ratio): string {
  const scaled = value.numerator * SCALE;
  if (scaled % value.denominator !== 0n) throw new DomainError("loan_penalty_invalid");
  return scaledToDecimal(scaled / value.denominator, DENDA_DECIMALS);
}

/** The accrual a numeric column holds ("9833.33" or "9833.330000"). */
export function dendaFromDecimal(text: string): Ratio {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new DomainError("loan_penalty_invalid");
  const decimals = match[2] ?? "";
  return ratio(BigInt((match[1] ?? "0") + decimals), 10n ** BigInt(decimals.length));
}
