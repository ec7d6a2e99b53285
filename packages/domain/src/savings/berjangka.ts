import { addMonths, daysBetween } from "../calendar";
import { DomainError } from "../errors";
import { isRupiah, type Rupiah } from "../money";
import { parseBusinessDate, type BusinessDate } from "../time";
import { roundRatio, type Ratio } from "../loans/ratio";
import { INTEREST_PAYOUTS, type InterestPayout } from "../savings-counter";
import { exactInterestOn } from "./sukarela-interest";

// Simpanan berjangka (term deposit): a principal placed for a whole number of
// months at an annual rate, counted actual/365 like sukarela. Interest is
// paid each month on the opening day's date or once at maturity; each payment
// is rounded half-up on its own. Month dates are counted from the opening
// date every time (31 January → 28 February → 31 March), so a short month
// never shifts the dates after it.


export interface BerjangkaTerms {
  readonly principal: Rupiah;
  readonly annualRate: Ratio;
  readonly openedOn: BusinessDate;
  readonly tenorMonths: number;
  readonly payout: InterestPayout;
}

export interface BerjangkaInterestPayment {
  /** The date the interest is paid: a monthly date or the maturity date. */
  readonly date: BusinessDate;
  /** The days it covers, from the previous payment date (or the opening) up to this one. */
  readonly days: number;
  readonly interest: Rupiah;
}

function checkTerms(terms: BerjangkaTerms): void {
  parseBusinessDate(terms.openedOn);
  if (
    !isRupiah(terms.principal) ||
    terms.principal <= 0 ||
    terms.annualRate.numerator < 0n ||
    !Number.isSafeInteger(terms.tenorMonths) ||
    terms.tenorMonths < 1 ||
    !INTEREST_PAYOUTS.includes(terms.payout)
  ) {
    throw new DomainError("savings_terms_invalid");
  }
}

/** The day a deposit opened on `openedOn` for `tenorMonths` months matures. */
export function berjangkaMaturityDate(openedOn: BusinessDate, tenorMonths: number): BusinessDate {
  if (!Number.isSafeInteger(tenorMonths) || tenorMonths < 1) throw new DomainError("savings_terms_invalid");
  return addMonths(openedOn, tenorMonths);
}

/** Every interest payment over the deposit's term, in date order. */
export function berjangkaInterestSchedule(terms: BerjangkaTerms): BerjangkaInterestPayment[] {
  checkTerms(terms);
  const periods = terms.payout === "monthly" ? terms.tenorMonths : 1;
  const monthsPerPeriod = terms.payout === "monthly" ? 1 : terms.tenorMonths;
  const payments: BerjangkaInterestPayment[] = [];
  let from = terms.openedOn;
  for (let period = 1; period <= periods; period += 1) {
    const date = addMonths(terms.openedOn, period * monthsPerPeriod);
    const days = daysBetween(from, date);
    payments.push({ date, days, interest: roundRatio(exactInterestOn(terms.principal, terms.annualRate, days)) });
    from = date;
  }
  return payments;
}

/** The interest paid on `date`, if one of the deposit's payment dates; else nothing. */
export function berjangkaInterestDueOn(terms: BerjangkaTerms, date: BusinessDate): BerjangkaInterestPayment | undefined {
  return berjangkaInterestSchedule(terms).find((payment) => payment.date === date);
}
