import { DomainError } from "../errors";
import { isRupiah, percentOf, rupiah, ZERO_RUPIAH, type Rupiah } from "../money";

// Final income tax (PPh final) on interest an individual member earns on her
// savings (DOMAIN.md, "Tax"; PP 15/2009, PMK 112/2010): nothing when her
// month's interest over all her savings accounts is at most Rp240.000,
// otherwise 10% of the whole amount — a cliff, not a band — rounded half-up:
// 240.000 → 0; 240.001 → 24.000; 300.000 → 30.000.

export const INTEREST_TAX_THRESHOLD: Rupiah = rupiah(240_000);
/** 10% in basis points. */
export const INTEREST_TAX_RATE_BASIS_POINTS = 1_000;

/** The tax on a member's whole month of interest. */
export function interestTaxForMonth(monthInterest: Rupiah): Rupiah {
  if (!isRupiah(monthInterest) || monthInterest < 0) throw new DomainError("amount_invalid");
  return monthInterest <= INTEREST_TAX_THRESHOLD ? ZERO_RUPIAH : percentOf(monthInterest, INTEREST_TAX_RATE_BASIS_POINTS, "half_up");
}

/** A member's month so far: interest posted to any of her accounts and tax withheld from it. */
export interface MonthWithholding {
  readonly interest: Rupiah;
  readonly withheld: Rupiah;
}

export const EMPTY_MONTH_WITHHOLDING: MonthWithholding = { interest: ZERO_RUPIAH, withheld: ZERO_RUPIAH };

export interface PostingWithholding {
  /** Withheld from this posting: at most the posting itself, so it never pays out less than nothing. */
  readonly withheld: Rupiah;
  /** Tax owed for the month so far that this posting could not cover, left for the month-end catch-up. */
  readonly outstanding: Rupiah;
  /** The month after this posting. */
  readonly month: MonthWithholding;
}

function checkMonth(month: MonthWithholding): void {
  if (!isRupiah(month.interest) || !isRupiah(month.withheld) || month.interest < 0 || month.withheld < 0) {
    throw new DomainError("amount_invalid");
  }
}

/**
 * The tax withheld on one interest posting, from the month's running total:
 * the month's tax with this posting counted, less what earlier postings
 * withheld. A posting that carries the month across the threshold withholds
 * the tax on the earlier postings too (the catch-up), as far as it can.
 */
export function withholdOnPosting(month: MonthWithholding, interest: Rupiah): PostingWithholding {
  checkMonth(month);
  if (!isRupiah(interest) || interest < 0) throw new DomainError("amount_invalid");
  const total = rupiah(month.interest + interest);
  const due = Math.max(0, interestTaxForMonth(total) - month.withheld);
  const withheld = rupiah(Math.min(due, interest));
  return {
    withheld,
    outstanding: rupiah(due - withheld),
    month: { interest: total, withheld: rupiah(month.withheld + withheld) },
  };
}

/** What the month-end catch-up still has to withhold for the month: its tax less what postings withheld. */
export function monthEndCatchUp(month: MonthWithholding): Rupiah {
  checkMonth(month);
  return rupiah(Math.max(0, interestTaxForMonth(month.interest) - month.withheld));
}
