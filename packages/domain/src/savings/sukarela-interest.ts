import { parseBusinessMonth, type BusinessMonth } from "../calendar";
import { DomainError } from "../errors";
import { isRupiah, type Rupiah } from "../money";
import { daysInMonth, parseBusinessDate, type BusinessDate } from "../time";
import { SAVINGS_INTEREST_METHODS, type SavingsInterestMethod } from "../savings-counter";
import { addRatio, mulRatio, ratio, ratioOfRupiah, roundRatio, subRatio, ZERO_RATIO, type Ratio } from "../loans/ratio";

// Jasa simpanan on sukarela (DOMAIN.md, "Simpanan"): an annual rate counted
// actual/365 (every year has 365 days for this, leap or not), accrued daily
// without rounding and posted at month-end rounded half-up to the Rupiah.
// June, 3% a year, Rp1.000.000 on days 1–10 and Rp3.000.000 on days 11–30:
// daily balance and average daily balance Rp5.753, lowest balance Rp2.466.


export const DAYS_PER_INTEREST_YEAR = 365n;

export interface SukarelaInterestTerms {
  readonly method: SavingsInterestMethod;
  /** A fraction a year: 3% is 3/100 (`parsePercent("3")`). */
  readonly annualRate: Ratio;
  /**
   * The least balance that earns. Below it a day earns nothing (daily and
   * average daily balance); for the lowest balance method, the whole month.
   */
  readonly minimumBalance: Rupiah;
}

/** The account's balance at the end of `date`, standing until the next entry. */
export interface DatedBalance {
  readonly date: BusinessDate;
  readonly balance: Rupiah;
}

function checkTerms(terms: SukarelaInterestTerms): void {
  if (
    !SAVINGS_INTEREST_METHODS.includes(terms.method) ||
    terms.annualRate.numerator < 0n ||
    !isRupiah(terms.minimumBalance) ||
    terms.minimumBalance < 0
  ) {
    throw new DomainError("savings_terms_invalid");
  }
}

/**
 * The end-of-day balance of each day of `month` (index 0 is the 1st), from a
 * history of dated balances in date order: each day holds the last balance
 * dated on or before it, and a day before the first entry (the account was
 * not yet open) holds nothing. Entries before the month give its opening
 * balance; entries after it are ignored. Two entries on one date: the later
 * one is the day's closing balance.
 */
export function dailyBalancesOfMonth(month: BusinessMonth, history: readonly DatedBalance[]): Rupiah[] {
  const { year, month: m } = parseBusinessMonth(month);
  const days = daysInMonth(year, m);
  const balances: Rupiah[] = [];
  let current = 0 as Rupiah;
  let next = 0;
  let previousDate = "";
  for (const entry of history) {
    parseBusinessDate(entry.date);
    if (!isRupiah(entry.balance) || entry.date < previousDate) throw new DomainError("savings_balances_invalid");
    previousDate = entry.date;
  }
  for (let day = 1; day <= days; day += 1) {
    const date = `${month}-${String(day).padStart(2, "0")}`;
    while (next < history.length && (history[next]?.date ?? "") <= date) {
      current = history[next]?.balance ?? current;
      next += 1;
    }
    balances.push(current);
  }
  return balances;
}

function earning(balance: Rupiah, minimum: Rupiah): bigint {
  return balance >= minimum && balance > 0 ? BigInt(balance) : 0n;
}

function perDayRate(terms: SukarelaInterestTerms): Ratio {
  return mulRatio(terms.annualRate, ratio(1n, DAYS_PER_INTEREST_YEAR));
}

/**
 * Interest earned, unrounded, over the first `days` days of a month whose
 * end-of-day balances are `balances`. At `days` = the month's length it is
 * the month's interest.
 *
 * - daily balance: each day's own balance × rate / 365;
 * - average daily balance: the average of the days' balances × rate × days
 *   / 365 — the same exact figure, stated as the product states it;
 * - lowest balance: the lowest balance so far × rate × days / 365, nothing
 *   when it is below the minimum. It is known for certain only at month-end:
 *   a later withdrawal can lower what earlier days seemed to earn.
 */
export function sukarelaInterestThrough(terms: SukarelaInterestTerms, balances: readonly Rupiah[], days: number): Ratio {
  checkTerms(terms);
  if (!Number.isSafeInteger(days) || days < 0 || days > balances.length) throw new DomainError("savings_balances_invalid");
  for (const balance of balances) if (!isRupiah(balance)) throw new DomainError("savings_balances_invalid");
  if (days === 0) return ZERO_RATIO;
  const counted = balances.slice(0, days);
  switch (terms.method) {
    case "daily_balance": {
      const balanceDays = counted.reduce((sum, balance) => sum + earning(balance, terms.minimumBalance), 0n);
      return mulRatio(ratio(balanceDays), perDayRate(terms));
    }
    case "average_daily_balance": {
      const total = counted.reduce((sum, balance) => sum + earning(balance, terms.minimumBalance), 0n);
      const average = ratio(total, BigInt(days));
      return mulRatio(mulRatio(average, perDayRate(terms)), ratio(BigInt(days)));
    }
    case "lowest_balance": {
      const lowest = counted.reduce((low, balance) => (balance < low ? balance : low));
      return mulRatio(mulRatio(ratio(earning(lowest, terms.minimumBalance)), perDayRate(terms)), ratio(BigInt(days)));
    }
  }
}

/** The month's interest, unrounded. */
export function sukarelaMonthInterest(terms: SukarelaInterestTerms, balances: readonly Rupiah[]): Ratio {
  return sukarelaInterestThrough(terms, balances, balances.length);
}

/** The month's interest as posted at month-end: rounded once, half-up. */
export function sukarelaInterestToPost(terms: SukarelaInterestTerms, balances: readonly Rupiah[]): Rupiah {
  return roundRatio(sukarelaMonthInterest(terms, balances));
}

/**
 * What the daily run accrues on day `day` (1-based) of the month: interest
 * through that day less interest through the day before, unrounded. Under the
 * lowest balance method it can be negative, taking back what earlier days
 * accrued once a withdrawal lowers the month's lowest balance.
 */
export function sukarelaAccrualForDay(terms: SukarelaInterestTerms, balances: readonly Rupiah[], day: number): Ratio {
  if (!Number.isSafeInteger(day) || day < 1) throw new DomainError("savings_balances_invalid");
  return subRatio(sukarelaInterestThrough(terms, balances, day), sukarelaInterestThrough(terms, balances, day - 1));
}

/** The sum of unrounded accruals. */
export function sumInterest(parts: readonly Ratio[]): Ratio {
  return parts.reduce(addRatio, ZERO_RATIO);
}

/** An amount × a rate, exact: for a balance's interest stated before rounding. */
export function exactInterestOn(balance: Rupiah, annualRate: Ratio, days: number): Ratio {
  return mulRatio(mulRatio(ratioOfRupiah(balance), annualRate), ratio(BigInt(days), DAYS_PER_INTEREST_YEAR));
}

/** One day of an account's month: its closing balance and the terms in force that day. */
export interface InterestDay {
  readonly balance: Rupiah;
  readonly terms: SukarelaInterestTerms;
}

/**
 * The month's interest, unrounded, when terms can change within the month
 * (a new rate applies from its date): `days` are the days the account
 * existed, `monthLength` the month's days. Daily and average daily balance
 * count each day at that day's terms; the lowest balance method takes the
 * month-end terms on the month's lowest balance, which is nothing when the
 * account did not exist all month.
 */
export function sukarelaMonthInterestByDay(days: readonly InterestDay[], monthLength: number): Ratio {
  if (!Number.isSafeInteger(monthLength) || days.length > monthLength) throw new DomainError("savings_balances_invalid");
  const last = days.at(-1);
  if (!last) return ZERO_RATIO;
  if (last.terms.method === "lowest_balance") {
    const balances = [...Array.from({ length: monthLength - days.length }, () => 0 as Rupiah), ...days.map((day) => day.balance)];
    return sukarelaMonthInterest(last.terms, balances);
  }
  return sumInterest(days.map((day) => sukarelaMonthInterest({ ...day.terms, method: "daily_balance" }, [day.balance])));
}
