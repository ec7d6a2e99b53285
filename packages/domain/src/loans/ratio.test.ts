import { describe, expect, it } from "vitest";
import { rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { periodicRate, PERIODS_PER_YEAR } from "./rate";
import {
  addRatio,
  applyRate,
  compareRatio,
  formatRatioAsPercent,
  mulRatio,
  parsePercent,
  ratio,
  roundRatio,
  scaledToDecimal,
  subRatio,
} from "./ratio";

describe("ratio", () => {
  it("keeps lowest terms with a positive denominator", () => {
    expect(ratio(6n, 8n)).toEqual({ numerator: 3n, denominator: 4n });
    expect(ratio(3n, -6n)).toEqual({ numerator: -1n, denominator: 2n });
    expect(ratio(0n, 7n)).toEqual({ numerator: 0n, denominator: 1n });
    expectDomainError(() => ratio(1n, 0n), "rounding_invalid");
  });

  it("adds, subtracts, multiplies and compares exactly", () => {
    const third = ratio(1n, 3n);
    const sixth = ratio(1n, 6n);
    expect(addRatio(third, sixth)).toEqual(ratio(1n, 2n));
    expect(subRatio(sixth, third)).toEqual(ratio(-1n, 6n));
    expect(mulRatio(third, ratio(3n, 5n))).toEqual(ratio(1n, 5n));
    expect(compareRatio(third, sixth)).toBe(1);
    expect(compareRatio(sixth, third)).toBe(-1);
    expect(compareRatio(ratio(2n, 6n), third)).toBe(0);
  });

  it("rounds once, half-up away from zero", () => {
    expect(roundRatio(ratio(5n, 2n))).toBe(3);
    expect(roundRatio(ratio(-5n, 2n))).toBe(-3);
    expect(roundRatio(ratio(7n, 3n))).toBe(2);
    expect(roundRatio(ratio(7n, 3n), "up")).toBe(3);
    // 9.166.667 × 1,5% = 137.500,005 → Rp137.500 (menurun, month 2).
    expect(applyRate(rupiah(9_166_667), parsePercent("1.5"))).toBe(137_500);
  });
});

describe("parsePercent", () => {
  it("reads a decimal percentage as the exact fraction, with a point or an Indonesian comma", () => {
    expect(parsePercent("1.5")).toEqual(ratio(3n, 200n));
    expect(parsePercent("1,5")).toEqual(ratio(3n, 200n));
    expect(parsePercent("0.1")).toEqual(ratio(1n, 1000n));
    expect(parsePercent("2")).toEqual(ratio(1n, 50n));
    expect(parsePercent(" 0.000001 ")).toEqual(ratio(1n, 100_000_000n));
    expect(parsePercent("0")).toEqual(ratio(0n));
  });

  it("refuses what is not a plain non-negative decimal", () => {
    for (const text of ["", "-1", "1.", ".5", "1.2.3", "1e2", "abc", "1.0000001", "0x10", "1 5", "Infinity", "NaN"]) {
      expectDomainError(() => parsePercent(text), "percent_invalid");
    }
  });
});

describe("formatting", () => {
  it("writes a fraction as a percentage with fixed decimals, half-up", () => {
    expect(formatRatioAsPercent(ratio(3n, 200n), 3)).toBe("1.500");
    expect(formatRatioAsPercent(ratio(1n, 3n), 2)).toBe("33.33");
    expect(formatRatioAsPercent(ratio(2n, 3n), 2)).toBe("66.67");
    expect(formatRatioAsPercent(ratio(1n, 200_000n), 3)).toBe("0.001");
    expect(scaledToDecimal(2643n, 3)).toBe("2.643");
    expect(scaledToDecimal(5n, 3)).toBe("0.005");
    expect(scaledToDecimal(-5n, 2)).toBe("-0.05");
    expect(scaledToDecimal(12n, 0)).toBe("12");
  });
});

describe("periodicRate", () => {
  it("is the monthly rate for a monthly loan", () => {
    expect(periodicRate(parsePercent("1.5"), "monthly")).toEqual(ratio(3n, 200n));
  });

  it("converts a monthly rate to a week as Fineract does: × 12 for the nominal year, ÷ 52 weeks", () => {
    expect(PERIODS_PER_YEAR.weekly).toBe(52);
    // 1,5% × 12 / 52 = 18% / 52 = 9/2600.
    expect(periodicRate(parsePercent("1.5"), "weekly")).toEqual(ratio(9n, 2600n));
    expect(formatRatioAsPercent(periodicRate(parsePercent("1.5"), "weekly"), 6)).toBe("0.346154");
  });
});
