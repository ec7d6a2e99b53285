import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah, type Rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { SAVINGS_INTEREST_METHODS, type SavingsInterestMethod } from "../savings-counter";
import { parsePercent, ratio, roundRatio } from "../loans/ratio";
import {
  dailyBalancesOfMonth,
  sukarelaAccrualForDay,
  sukarelaInterestToPost,
  sukarelaMonthInterest,
  sukarelaMonthInterestByDay,
  sumInterest,
  type SukarelaInterestTerms,
} from "./sukarela-interest";

const terms = (method: SavingsInterestMethod, percent = "3", minimumBalance = 0): SukarelaInterestTerms => ({
  method,
  annualRate: parsePercent(percent),
  minimumBalance: rupiah(minimumBalance),
});

// DOMAIN.md's worked example: June, 3% a year, Rp1.000.000 on days 1–10 and
// Rp3.000.000 on days 11–30.
const june = dailyBalancesOfMonth("2026-06", [
  { date: "2026-05-31", balance: rupiah(1_000_000) },
  { date: "2026-06-11", balance: rupiah(3_000_000) },
]);

// July (31 days), 4% a year, four movements in the month:
// days 1–4 Rp500.000, 5–11 Rp1.500.000, 12–19 Rp800.000, 20–27 Rp2.000.000,
// 28–31 Rp1.200.000 = 39.700.000 balance-days.
const july = dailyBalancesOfMonth("2026-07", [
  { date: "2026-06-30", balance: rupiah(500_000) },
  { date: "2026-07-05", balance: rupiah(1_500_000) },
  { date: "2026-07-12", balance: rupiah(800_000) },
  { date: "2026-07-20", balance: rupiah(2_000_000) },
  { date: "2026-07-28", balance: rupiah(1_200_000) },
]);

describe("sukarela interest: the worked example", () => {
  it("daily balance: (1.000.000 × 10 + 3.000.000 × 20) × 3% / 365 = 5.753,42 → Rp5.753", () => {
    expect(sukarelaMonthInterest(terms("daily_balance"), june)).toEqual(ratio(2_100_000n, 365n));
    expect(sukarelaInterestToPost(terms("daily_balance"), june)).toBe(5_753);
  });

  it("average daily balance: 2.333.333,33 × 3% × 30 / 365 → the same Rp5.753", () => {
    expect(sukarelaInterestToPost(terms("average_daily_balance"), june)).toBe(5_753);
  });

  it("lowest balance of the month: 1.000.000 × 3% × 30 / 365 = 2.465,75 → Rp2.466", () => {
    expect(sukarelaMonthInterest(terms("lowest_balance"), june)).toEqual(ratio(900_000n, 365n));
    expect(sukarelaInterestToPost(terms("lowest_balance"), june)).toBe(2_466);
  });
});

describe("sukarela interest: several movements in a month", () => {
  it("builds each day's closing balance from the dated history", () => {
    expect(july).toHaveLength(31);
    expect(july.slice(0, 5)).toEqual([500_000, 500_000, 500_000, 500_000, 1_500_000]);
    expect(july[10]).toBe(1_500_000);
    expect(july[11]).toBe(800_000);
    expect(july[30]).toBe(1_200_000);
  });

  it("daily balance: 39.700.000 × 4% / 365 = 4.350,68 → Rp4.351", () => {
    expect(sukarelaMonthInterest(terms("daily_balance", "4"), july)).toEqual(ratio(1_588_000n, 365n));
    expect(sukarelaInterestToPost(terms("daily_balance", "4"), july)).toBe(4_351);
    expect(sukarelaInterestToPost(terms("average_daily_balance", "4"), july)).toBe(4_351);
  });

  it("lowest balance: 500.000 × 4% × 31 / 365 = 1.698,63 → Rp1.699", () => {
    expect(sukarelaInterestToPost(terms("lowest_balance", "4"), july)).toBe(1_699);
  });

  it("with a minimum of Rp1.000.000 the days below it earn nothing: 31.300.000 × 4% / 365 = 3.430,14 → Rp3.430", () => {
    expect(sukarelaInterestToPost(terms("daily_balance", "4", 1_000_000), july)).toBe(3_430);
    expect(sukarelaInterestToPost(terms("average_daily_balance", "4", 1_000_000), july)).toBe(3_430);
  });

  it("with the lowest balance method a month whose lowest is below the minimum earns nothing", () => {
    expect(sukarelaInterestToPost(terms("lowest_balance", "4", 1_000_000), july)).toBe(0);
    expect(sukarelaInterestToPost(terms("lowest_balance", "4", 500_000), july)).toBe(1_699);
  });

  it("an account opened mid-month earns from its first day; its lowest balance of the month is nothing", () => {
    const opened = dailyBalancesOfMonth("2026-06", [{ date: "2026-06-16", balance: rupiah(2_000_000) }]);
    // 15 days × 2.000.000 × 3% / 365 = 2.465,75.
    expect(sukarelaInterestToPost(terms("daily_balance"), opened)).toBe(2_466);
    expect(sukarelaInterestToPost(terms("lowest_balance"), opened)).toBe(0);
  });

  it("two balances on one date: the later is the day's closing balance", () => {
    const balances = dailyBalancesOfMonth("2026-06", [
      { date: "2026-06-01", balance: rupiah(1_000_000) },
      { date: "2026-06-10", balance: rupiah(5_000_000) },
      { date: "2026-06-10", balance: rupiah(3_000_000) },
    ]);
    expect(balances[8]).toBe(1_000_000);
    expect(balances[9]).toBe(3_000_000);
  });
});

describe("sukarela interest: daily accrual", () => {
  it("accrues the daily balance method day by day without rounding; the month's accruals post as the month's interest", () => {
    const first = sukarelaAccrualForDay(terms("daily_balance"), june, 1);
    expect(first).toEqual(ratio(30_000n, 365n));
    const all = june.map((_, index) => sukarelaAccrualForDay(terms("daily_balance"), june, index + 1));
    expect(roundRatio(sumInterest(all))).toBe(5_753);
    // Thirty rounded daily amounts would not: 10 × Rp82 + 20 × Rp247 = Rp5.760.
    expect(all.reduce((sum, part) => sum + roundRatio(part), 0)).toBe(5_760);
  });

  it("under the lowest balance method a withdrawal takes back what the days before it accrued", () => {
    const balances = dailyBalancesOfMonth("2026-06", [
      { date: "2026-05-31", balance: rupiah(3_000_000) },
      { date: "2026-06-11", balance: rupiah(1_000_000) },
    ]);
    const day11 = sukarelaAccrualForDay(terms("lowest_balance"), balances, 11);
    // Through day 10: 3.000.000 × 3% × 10/365; through day 11: 1.000.000 × 3% × 11/365.
    expect(day11).toEqual(ratio(330_000n - 900_000n, 365n));
    const all = balances.map((_, index) => sukarelaAccrualForDay(terms("lowest_balance"), balances, index + 1));
    expect(roundRatio(sumInterest(all))).toBe(2_466);
  });

  it("for every method and any month of balances, the daily accruals add up exactly to the month's interest", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAVINGS_INTEREST_METHODS),
        fc.array(fc.integer({ min: 0, max: 50_000_000_000 }), { minLength: 28, maxLength: 31 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (method, values, minimum) => {
          const balances = values.map((value) => rupiah(value));
          const rule = terms(method, "5.25", minimum);
          const all = balances.map((_, index) => sukarelaAccrualForDay(rule, balances, index + 1));
          expect(sumInterest(all)).toEqual(sukarelaMonthInterest(rule, balances));
        },
      ),
    );
  });

  it("daily and average daily balance give the same exact figure; the lowest balance never gives more", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 30, maxLength: 30 }), (values) => {
        const balances: Rupiah[] = values.map((value) => rupiah(value));
        const daily = sukarelaInterestToPost(terms("daily_balance"), balances);
        expect(sukarelaInterestToPost(terms("average_daily_balance"), balances)).toBe(daily);
        expect(sukarelaInterestToPost(terms("lowest_balance"), balances)).toBeLessThanOrEqual(daily);
      }),
    );
  });
});

describe("sukarela interest: refusals", () => {
  it("refuses a negative rate or minimum, an unknown method and a history out of date order", () => {
    expectDomainError(() => sukarelaMonthInterest({ ...terms("daily_balance"), annualRate: ratio(-1n, 100n) }, june), "savings_terms_invalid");
    expectDomainError(() => sukarelaMonthInterest(terms("daily_balance", "3", -1), june), "savings_terms_invalid");
    expectDomainError(() => sukarelaMonthInterest(terms("monthly" as SavingsInterestMethod), june), "savings_terms_invalid");
    expectDomainError(
      () =>
        dailyBalancesOfMonth("2026-06", [
          { date: "2026-06-11", balance: rupiah(1) },
          { date: "2026-06-10", balance: rupiah(2) },
        ]),
      "savings_balances_invalid",
    );
    expectDomainError(() => sukarelaAccrualForDay(terms("daily_balance"), june, 31), "savings_balances_invalid");
  });
});

describe("sukarela interest: terms that change within the month", () => {
  const at = (percent: string, method: SavingsInterestMethod = "daily_balance", minimum = 0) => terms(method, percent, minimum);

  it("with one set of terms all month it is the month's interest", () => {
    const days = june.map((balance) => ({ balance, terms: at("3") }));
    expect(roundRatio(sukarelaMonthInterestByDay(days, 30))).toBe(5_753);
    const lowest = june.map((balance) => ({ balance, terms: at("3", "lowest_balance") }));
    expect(roundRatio(sukarelaMonthInterestByDay(lowest, 30))).toBe(2_466);
  });

  it("a rate raised from the 16th counts each day at its own rate", () => {
    // Rp1.000.000 all June: 15 days at 3% and 15 days at 4% = 15.000.000 × 7% / 365 = 2.876,71.
    const days = Array.from({ length: 30 }, (_, index) => ({ balance: rupiah(1_000_000), terms: at(index < 15 ? "3" : "4") }));
    expect(sukarelaMonthInterestByDay(days, 30)).toEqual(ratio(1_050_000n, 365n));
    expect(roundRatio(sukarelaMonthInterestByDay(days, 30))).toBe(2_877);
  });

  it("an account that did not exist all month earns nothing by the lowest balance, and its own days by the daily balance", () => {
    const fifteen = Array.from({ length: 15 }, () => ({ balance: rupiah(2_000_000), terms: at("3", "lowest_balance") }));
    expect(roundRatio(sukarelaMonthInterestByDay(fifteen, 30))).toBe(0);
    const daily = fifteen.map((day) => ({ ...day, terms: at("3") }));
    expect(roundRatio(sukarelaMonthInterestByDay(daily, 30))).toBe(2_466);
    expect(roundRatio(sukarelaMonthInterestByDay([], 30))).toBe(0);
  });
});
