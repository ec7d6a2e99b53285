import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { daysPastDue, dendaAccrualForDay, dendaAccrued, dendaToPost, sumAccruals, type LatePenaltyRule } from "./denda";
import { parsePercent, ratio, roundRatio, type Ratio } from "./ratio";

const tenthPercent = (graceDays = 0, cap?: LatePenaltyRule["cap"]): LatePenaltyRule => ({
  basis: { type: "percent_per_day", rate: parsePercent("0.1") },
  graceDays,
  ...(cap ? { cap } : {}),
});

/** What a daily run accrues day by day from the due date to `days` late, on a constant overdue amount. */
function dailyRun(rule: LatePenaltyRule, overdue: number, days: number): Ratio[] {
  const accruals: Ratio[] = [];
  for (let day = 1; day <= days; day += 1) accruals.push(dendaAccrualForDay(rule, rupiah(overdue), day, sumAccruals(accruals)));
  return accruals;
}

describe("denda", () => {
  it("0,1% a day of Rp983.333 for 10 days is 9.833,33 unrounded, posted as Rp9.833", () => {
    expect(dendaAccrued(tenthPercent(), rupiah(983_333), 10)).toEqual(ratio(983_333n, 100n));
    expect(dendaToPost(tenthPercent(), rupiah(983_333), 10)).toBe(9_833);
  });

  it("accrues daily without rounding: ten daily accruals of 983,333 post as Rp9.833, not ten rounded Rp983s", () => {
    const accruals = dailyRun(tenthPercent(), 983_333, 10);
    expect(accruals[0]).toEqual(ratio(983_333n, 1000n));
    expect(roundRatio(sumAccruals(accruals))).toBe(9_833);
  });

  it("within the grace days there is none; after them it counts from the due date", () => {
    const rule = tenthPercent(3);
    expect(dendaToPost(rule, rupiah(983_333), 0)).toBe(0);
    expect(dendaToPost(rule, rupiah(983_333), 3)).toBe(0);
    // The 4th day late: four days' denda (3.933,332 → Rp3.933).
    expect(dendaToPost(rule, rupiah(983_333), 4)).toBe(3_933);
    const accruals = dailyRun(rule, 983_333, 5);
    expect(accruals.slice(0, 3)).toEqual([ratio(0n), ratio(0n), ratio(0n)]);
    expect(accruals[3]).toEqual(ratio(4n * 983_333n, 1000n));
    expect(accruals[4]).toEqual(ratio(983_333n, 1000n));
  });

  it("a flat amount per day", () => {
    const rule: LatePenaltyRule = { basis: { type: "flat_per_day", amount: rupiah(2_500) }, graceDays: 0 };
    expect(dendaToPost(rule, rupiah(983_333), 7)).toBe(17_500);
  });

  it("stops at a cap, as an amount or as a share of the overdue amount", () => {
    expect(dendaToPost(tenthPercent(0, { type: "amount", amount: rupiah(20_000) }), rupiah(983_333), 30)).toBe(20_000);
    expect(dendaToPost(tenthPercent(0, { type: "amount", amount: rupiah(20_000) }), rupiah(983_333), 20)).toBe(19_667);
    // At most 2,5% of 983.333 = 24.583,325 → Rp24.583.
    expect(dendaToPost(tenthPercent(0, { type: "percent_of_overdue", rate: parsePercent("2.5") }), rupiah(983_333), 90)).toBe(24_583);
    const capped = dailyRun(tenthPercent(0, { type: "amount", amount: rupiah(5_000) }), 983_333, 10);
    expect(roundRatio(sumAccruals(capped))).toBe(5_000);
    expect(capped.at(-1)).toEqual(ratio(0n));
  });

  it("counts days late from the due date by the calendar", () => {
    expect(daysPastDue("2025-03-05", "2025-03-05")).toBe(0);
    expect(daysPastDue("2025-03-05", "2025-03-15")).toBe(10);
    expect(daysPastDue("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysPastDue("2025-02-28", "2025-03-01")).toBe(1);
    expect(daysPastDue("2025-12-31", "2026-01-01")).toBe(1);
    expect(daysPastDue("2025-03-05", "2025-03-01")).toBe(-4);
    expectDomainError(() => daysPastDue("2025-02-30", "2025-03-01"), "date_invalid");
  });

  it("refuses negative or fractional days and negative rates or caps", () => {
    expectDomainError(() => dendaAccrued(tenthPercent(), rupiah(1000), -1), "loan_penalty_invalid");
    expectDomainError(() => dendaAccrued(tenthPercent(1.5), rupiah(1000), 3), "loan_penalty_invalid");
    expectDomainError(() => dendaAccrued({ basis: { type: "percent_per_day", rate: ratio(-1n, 100n) }, graceDays: 0 }, rupiah(1000), 3), "loan_penalty_invalid");
    expectDomainError(() => dendaAccrued(tenthPercent(0, { type: "amount", amount: rupiah(-5) }), rupiah(1000), 3), "loan_penalty_invalid");
    expectDomainError(() => dendaAccrualForDay(tenthPercent(), rupiah(1000), 3, ratio(-1n)), "loan_penalty_invalid");
  });

  it("always: the daily run adds up to the denda owed, and never exceeds the cap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 500 }),
        fc.option(fc.integer({ min: 0, max: 1_000_000 })),
        (overdue, graceDays, days, thousandths, capAmount) => {
          const rule: LatePenaltyRule = {
            basis: { type: "percent_per_day", rate: parsePercent((thousandths / 1000).toFixed(3)) },
            graceDays,
            ...(capAmount === null ? {} : { cap: { type: "amount", amount: rupiah(capAmount) } }),
          };
          const total = sumAccruals(dailyRun(rule, overdue, days));
          expect(total).toEqual(dendaAccrued(rule, rupiah(overdue), days));
          if (capAmount !== null) expect(roundRatio(total)).toBeLessThanOrEqual(capAmount);
        },
      ),
      { numRuns: 200 },
    );
  });
});
