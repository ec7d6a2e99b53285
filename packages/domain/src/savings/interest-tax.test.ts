import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { EMPTY_MONTH_WITHHOLDING, interestTaxForMonth, monthEndCatchUp, withholdOnPosting, type MonthWithholding } from "./interest-tax";

describe("final tax on a member's month of interest", () => {
  it("is nothing up to Rp240.000 and 10% of the whole amount above it, half-up", () => {
    expect(interestTaxForMonth(rupiah(0))).toBe(0);
    expect(interestTaxForMonth(rupiah(240_000))).toBe(0);
    expect(interestTaxForMonth(rupiah(240_001))).toBe(24_000);
    expect(interestTaxForMonth(rupiah(240_005))).toBe(24_001);
    expect(interestTaxForMonth(rupiah(300_000))).toBe(30_000);
  });

  it("withholds nothing at the threshold exactly and the whole tax one Rupiah above it", () => {
    expect(withholdOnPosting(EMPTY_MONTH_WITHHOLDING, rupiah(240_000)).withheld).toBe(0);
    expect(withholdOnPosting(EMPTY_MONTH_WITHHOLDING, rupiah(240_001)).withheld).toBe(24_000);
  });

  it("two accounts adding past the threshold: the second posting withholds the tax on both", () => {
    const first = withholdOnPosting(EMPTY_MONTH_WITHHOLDING, rupiah(200_000));
    expect(first.withheld).toBe(0);
    const second = withholdOnPosting(first.month, rupiah(100_000));
    expect(second.withheld).toBe(30_000);
    expect(second.outstanding).toBe(0);
    expect(second.month).toEqual({ interest: 300_000, withheld: 30_000 });
    expect(monthEndCatchUp(second.month)).toBe(0);
  });

  it("a later posting too small to carry the tax on earlier ones leaves the rest for the month-end catch-up", () => {
    const first = withholdOnPosting(EMPTY_MONTH_WITHHOLDING, rupiah(239_000));
    const second = withholdOnPosting(first.month, rupiah(2_000));
    // 241.000 → Rp24.100 owed; the posting pays out Rp2.000, all of it withheld.
    expect(second.withheld).toBe(2_000);
    expect(second.outstanding).toBe(22_100);
    expect(monthEndCatchUp(second.month)).toBe(22_100);
  });

  it("once over the threshold each posting withholds 10% of the month so far less what was withheld", () => {
    const first = withholdOnPosting(EMPTY_MONTH_WITHHOLDING, rupiah(250_000));
    expect(first.withheld).toBe(25_000);
    const second = withholdOnPosting(first.month, rupiah(15));
    // 250.015 → 25.001,5 → Rp25.002: Rp2 more.
    expect(second.withheld).toBe(2);
  });

  it("whatever the postings, what they withhold plus the catch-up is the month's tax", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400_000 }), { maxLength: 8 }), (postings) => {
        let month: MonthWithholding = EMPTY_MONTH_WITHHOLDING;
        for (const posting of postings) {
          const result = withholdOnPosting(month, rupiah(posting));
          expect(result.withheld).toBeLessThanOrEqual(posting);
          expect(result.withheld).toBeGreaterThanOrEqual(0);
          month = result.month;
        }
        expect(month.withheld + monthEndCatchUp(month)).toBe(interestTaxForMonth(month.interest));
      }),
    );
  });

  it("refuses negative interest", () => {
    expectDomainError(() => interestTaxForMonth(rupiah(-1)), "amount_invalid");
    expectDomainError(() => withholdOnPosting(EMPTY_MONTH_WITHHOLDING, rupiah(-1)), "amount_invalid");
  });
});
