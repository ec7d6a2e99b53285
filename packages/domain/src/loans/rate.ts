import { mulRatio, ratio, type Ratio } from "./ratio";

/** How often a loan is repaid. The public simulator is monthly; weekly schedules come from products. */
export type RepaymentFrequency = "monthly" | "weekly";
export const REPAYMENT_FREQUENCIES: readonly RepaymentFrequency[] = ["monthly", "weekly"];

/** Repayment periods in a year, as Apache Fineract counts them (a year of 52 weeks, not 365/7). */
export const PERIODS_PER_YEAR: Readonly<Record<RepaymentFrequency, number>> = { monthly: 12, weekly: 52 };

/**
 * The rate for one repayment period, from the product's rate per month.
 *
 * Apache Fineract's way, with a rate per month and interest calculated "same
 * as repayment period": the monthly rate makes a nominal annual rate (× 12),
 * which is divided by the periods in a year (52 for weeks). So 1,5% a month
 * is 18% a year and 18/52 = 0,346153…% a week — exactly 1,5% × 12/52, kept
 * as a fraction. Twelve months of weekly interest is then 52 weeks of it:
 * the same year's interest whichever way the loan is repaid.
 */
export function periodicRate(monthlyRate: Ratio, frequency: RepaymentFrequency): Ratio {
  return mulRatio(monthlyRate, ratio(12n, BigInt(PERIODS_PER_YEAR[frequency])));
}
