import { describe, expect, it } from "vitest";
import {
  ZERO_RUPIAH,
  absRupiah,
  addRupiah,
  allocateLargestRemainder,
  compareRupiah,
  divideRounded,
  fractionOf,
  isRupiah,
  multiplyRupiah,
  negateRupiah,
  percentOf,
  roundToMultiple,
  rupiah,
  rupiahFromBigInt,
  rupiahToBigInt,
  subRupiah,
  sumRupiah,
  type RoundingMode,
  type Rupiah,
} from "./money";
import { expectDomainError } from "./test-support";

const MAX = Number.MAX_SAFE_INTEGER;

describe("rupiah", () => {
  it("accepts safe integers, negative and zero", () => {
    expect(rupiah(1_250_000)).toBe(1_250_000);
    expect(rupiah(-5)).toBe(-5);
    expect(rupiah(MAX)).toBe(MAX);
    expect(rupiah(-MAX)).toBe(-MAX);
  });

  it("normalises negative zero", () => {
    expect(Object.is(rupiah(-0), 0)).toBe(true);
    expect(Object.is(negateRupiah(ZERO_RUPIAH), 0)).toBe(true);
  });

  it("refuses fractions, NaN and infinities", () => {
    for (const bad of [0.5, 1.000001, -2.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expectDomainError(() => rupiah(bad), "amount_not_integer");
    }
  });

  it("refuses integers beyond the safe range", () => {
    expectDomainError(() => rupiah(MAX + 1), "amount_unsafe");
    expectDomainError(() => rupiah(-MAX - 1), "amount_unsafe");
    expectDomainError(() => rupiah(1e20), "amount_unsafe");
  });

  it("refuses non-numbers from untyped input", () => {
    expectDomainError(() => rupiah("100" as unknown as number), "amount_not_integer");
  });

  it("isRupiah tells safe integers apart", () => {
    expect(isRupiah(10)).toBe(true);
    expect(isRupiah(1.5)).toBe(false);
    expect(isRupiah("10")).toBe(false);
    expect(isRupiah(MAX + 1)).toBe(false);
  });

  it("refuses bare numbers at type level", () => {
    const amount = rupiah(100);
    // @ts-expect-error a bare number is not a Rupiah
    const bare: Rupiah = 100;
    // @ts-expect-error add refuses a bare number
    addRupiah(amount, 5);
    // @ts-expect-error sub refuses a bare number
    subRupiah(5, amount);
    // @ts-expect-error negate refuses a bare number
    negateRupiah(5);
    expect(bare).toBe(100);
  });
});

describe("bigint conversion", () => {
  it("reads database int8 values", () => {
    expect(rupiahFromBigInt(1_250_000n)).toBe(1_250_000);
    expect(rupiahFromBigInt("-42")).toBe(-42);
    expect(rupiahFromBigInt(String(MAX))).toBe(MAX);
    expect(rupiahToBigInt(rupiah(7))).toBe(7n);
  });

  it("refuses malformed or unsafe values", () => {
    for (const bad of ["", " 12", "0x10", "1.5", "1e3", "abc"]) expectDomainError(() => rupiahFromBigInt(bad), "amount_not_integer");
    expectDomainError(() => rupiahFromBigInt("9007199254740992"), "amount_unsafe");
    expectDomainError(() => rupiahFromBigInt(-(2n ** 60n)), "amount_unsafe");
  });
});

describe("arithmetic", () => {
  const a = rupiah(1_000);
  const b = rupiah(250);

  it("adds, subtracts, negates, sums", () => {
    expect(addRupiah(a, b)).toBe(1_250);
    expect(subRupiah(b, a)).toBe(-750);
    expect(negateRupiah(a)).toBe(-1_000);
    expect(absRupiah(rupiah(-9))).toBe(9);
    expect(sumRupiah([a, b, rupiah(-50)])).toBe(1_200);
    expect(sumRupiah([])).toBe(0);
    expect(multiplyRupiah(rupiah(916_800), 11)).toBe(10_084_800);
  });

  it("compares", () => {
    expect(compareRupiah(a, b)).toBe(1);
    expect(compareRupiah(b, a)).toBe(-1);
    expect(compareRupiah(a, rupiah(1_000))).toBe(0);
  });

  it("refuses results beyond the safe range", () => {
    const max = rupiah(MAX);
    expectDomainError(() => addRupiah(max, rupiah(1)), "amount_unsafe");
    expectDomainError(() => subRupiah(negateRupiah(max), rupiah(1)), "amount_unsafe");
    expectDomainError(() => multiplyRupiah(max, 2), "amount_unsafe");
    expectDomainError(() => multiplyRupiah(a, 1.5), "amount_not_integer");
  });

  it("sums exactly even when an intermediate total passes the safe range", () => {
    const max = rupiah(MAX);
    expect(sumRupiah([max, rupiah(10), rupiah(-10)])).toBe(MAX);
    expectDomainError(() => sumRupiah([max, max]), "amount_unsafe");
  });
});

describe("divideRounded", () => {
  // [numerator, denominator, half_up, down, up]
  const cases: Array<[bigint, bigint, bigint, bigint, bigint]> = [
    [10n, 4n, 3n, 2n, 3n], // 2.5
    [9n, 4n, 2n, 2n, 3n], // 2.25
    [11n, 4n, 3n, 2n, 3n], // 2.75
    [8n, 4n, 2n, 2n, 2n], // exact
    [0n, 7n, 0n, 0n, 0n],
    [-10n, 4n, -3n, -2n, -3n], // symmetric around zero
    [-9n, 4n, -2n, -2n, -3n],
    [10n, -4n, -3n, -2n, -3n], // negative denominator
    [-10n, -4n, 3n, 2n, 3n],
    [1n, 3n, 0n, 0n, 1n],
    [2n, 3n, 1n, 0n, 1n],
  ];
  it.each(cases)("%s / %s", (numerator, denominator, halfUp, down, up) => {
    expect(divideRounded(numerator, denominator, "half_up")).toBe(halfUp);
    expect(divideRounded(numerator, denominator, "down")).toBe(down);
    expect(divideRounded(numerator, denominator, "up")).toBe(up);
  });

  it("refuses division by zero and unknown modes", () => {
    expectDomainError(() => divideRounded(1n, 0n, "half_up"), "rounding_invalid");
    expectDomainError(() => divideRounded(1n, 2n, "half_even" as RoundingMode), "rounding_invalid");
  });

  it("is exact far beyond float precision", () => {
    const huge = 10n ** 30n + 5n;
    expect(divideRounded(huge, 10n, "half_up")).toBe(10n ** 29n + 1n);
    expect(divideRounded(huge, 10n, "down")).toBe(10n ** 29n);
  });
});

describe("percentOf (basis points)", () => {
  it("commission examples from DOMAIN.md", () => {
    expect(percentOf(rupiah(500_000), 50)).toBe(2_500); // 0,5%
    expect(percentOf(rupiah(1_234_567), 100)).toBe(12_346); // 1%, 12.345,67 → 12.346
  });

  it("charges and tax examples from DOMAIN.md", () => {
    expect(percentOf(rupiah(10_000_000), 100)).toBe(100_000); // provisi 1%
    expect(percentOf(rupiah(10_000_000), 150)).toBe(150_000); // 1,5% monthly interest
    expect(percentOf(rupiah(240_001), 1_000)).toBe(24_000); // PPh 10%
    expect(percentOf(rupiah(300_000), 1_000)).toBe(30_000);
  });

  it("rounds per mode", () => {
    // 1% of 1.234.550 = 12.345,5
    expect(percentOf(rupiah(1_234_550), 100, "half_up")).toBe(12_346);
    expect(percentOf(rupiah(1_234_550), 100, "down")).toBe(12_345);
    expect(percentOf(rupiah(1_234_550), 100, "up")).toBe(12_346);
    // 1% of 1.234.549 = 12.345,49
    expect(percentOf(rupiah(1_234_549), 100, "half_up")).toBe(12_345);
    expect(percentOf(rupiah(1_234_549), 100, "up")).toBe(12_346);
    // 1% of 1.234.500 = exact
    expect(percentOf(rupiah(1_234_500), 100, "up")).toBe(12_345);
  });

  it("defaults to half-up", () => {
    expect(percentOf(rupiah(150), 100)).toBe(2); // 1,5 → 2
    expect(percentOf(rupiah(149), 100)).toBe(1);
  });

  it("mirrors a reversal exactly", () => {
    for (const amount of [1, 49, 50, 51, 149, 150, 1_234_567]) {
      for (const mode of ["half_up", "down", "up"] as const) {
        expect(percentOf(rupiah(-amount), 100, mode)).toBe(negateRupiah(percentOf(rupiah(amount), 100, mode)));
      }
    }
  });

  it("handles 0 bp, 100% and rates above 100%", () => {
    expect(percentOf(rupiah(777), 0)).toBe(0);
    expect(percentOf(rupiah(777), 10_000)).toBe(777);
    expect(percentOf(rupiah(777), 20_000)).toBe(1_554);
  });

  it("stays exact where a float product would not", () => {
    // 9.007.199.254.740.991 × 1% = 90.071.992.547.409,91 → ...410 half-up
    expect(percentOf(rupiah(MAX), 100)).toBe(90_071_992_547_410);
    expect(percentOf(rupiah(MAX), 100, "down")).toBe(90_071_992_547_409);
  });

  it("refuses negative or fractional rates", () => {
    expectDomainError(() => percentOf(rupiah(100), -1), "rate_invalid");
    expectDomainError(() => percentOf(rupiah(100), 1.5), "rate_invalid");
    expectDomainError(() => percentOf(rupiah(100), Number.NaN), "rate_invalid");
  });
});

describe("fractionOf", () => {
  it("applies an exact fraction with one rounding", () => {
    expect(fractionOf(rupiah(10_000_000), 1, 12, "down")).toBe(833_333);
    expect(fractionOf(rupiah(10_000_000), 1, 12)).toBe(833_333);
    expect(fractionOf(rupiah(100), 2n, 3n)).toBe(67);
    expect(fractionOf(rupiah(100), 2, 3, "down")).toBe(66);
  });

  it("refuses a zero or non-integer denominator", () => {
    expectDomainError(() => fractionOf(rupiah(100), 1, 0), "rounding_invalid");
    expectDomainError(() => fractionOf(rupiah(100), 1, 0.5), "rounding_invalid");
    expectDomainError(() => fractionOf(rupiah(100), 0.5, 1), "rounding_invalid");
  });
});

describe("roundToMultiple", () => {
  it("rounds to Rp100 and Rp1.000 by mode", () => {
    expect(roundToMultiple(rupiah(916_849), 100)).toBe(916_800);
    expect(roundToMultiple(rupiah(916_850), 100)).toBe(916_900);
    expect(roundToMultiple(rupiah(916_801), 1_000, "up")).toBe(917_000);
    expect(roundToMultiple(rupiah(916_999), 1_000, "down")).toBe(916_000);
    expect(roundToMultiple(rupiah(-150), 100)).toBe(-200);
    expect(roundToMultiple(rupiah(123), 1)).toBe(123);
  });

  it("refuses a non-positive multiple", () => {
    expectDomainError(() => roundToMultiple(rupiah(1), 0), "rounding_invalid");
    expectDomainError(() => roundToMultiple(rupiah(1), -100), "rounding_invalid");
  });
});

describe("allocateLargestRemainder", () => {
  it("splits evenly with the remainder to the earliest parts", () => {
    expect(allocateLargestRemainder(rupiah(100), [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(rupiah(10_000_000), [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual([
      833_334, 833_334, 833_334, 833_334, 833_333, 833_333, 833_333, 833_333, 833_333, 833_333, 833_333, 833_333,
    ]);
  });

  it("gives leftovers to the largest remainders first", () => {
    // exact shares 1,4 / 2,6 / 6,0 → floors 1, 2, 6 (sum 9); remainder to .6
    expect(allocateLargestRemainder(rupiah(10), [14, 26, 60])).toEqual([1, 3, 6]);
  });

  it("splits SHU by percentage weights", () => {
    // SHU Rp12.345.679 by 40% / 25% / 20% / 10% / 5%
    const parts = allocateLargestRemainder(rupiah(12_345_679), [4_000, 2_500, 2_000, 1_000, 500]);
    expect(parts).toEqual([4_938_271, 3_086_420, 2_469_136, 1_234_568, 617_284]);
    expect(sumRupiah(parts)).toBe(12_345_679);
  });

  it("handles zero weights, a zero total and a single part", () => {
    expect(allocateLargestRemainder(rupiah(7), [0, 1, 0])).toEqual([0, 7, 0]);
    expect(allocateLargestRemainder(rupiah(0), [1, 2])).toEqual([0, 0]);
    expect(allocateLargestRemainder(rupiah(5), [3])).toEqual([5]);
  });

  it("splits a negative total as the negation of the positive split", () => {
    expect(allocateLargestRemainder(rupiah(-100), [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it("works with weights whose sum passes the safe range", () => {
    const parts = allocateLargestRemainder(rupiah(1_000), [MAX, MAX, MAX]);
    expect(parts).toEqual([334, 333, 333]);
  });

  it("always adds back to the total and stays within Rp1 of each exact share", () => {
    let seed = 42;
    const next = (limit: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % limit;
    };
    for (let round = 0; round < 500; round += 1) {
      const total = next(2_000_000_000) - 1_000_000_000;
      const weights = Array.from({ length: 1 + next(12) }, () => next(1_000_000));
      if (!weights.some((w) => w > 0)) weights.push(1);
      const parts = allocateLargestRemainder(rupiah(total), weights);
      expect(sumRupiah(parts)).toBe(total);
      const weightSum = weights.reduce((s, w) => s + w, 0);
      parts.forEach((part, i) => {
        const exact = (total * (weights[i] ?? 0)) / weightSum;
        expect(Math.abs(part - exact)).toBeLessThan(1 + 1e-6);
      });
    }
  });

  it("refuses empty, negative, fractional or all-zero weights", () => {
    expectDomainError(() => allocateLargestRemainder(rupiah(10), []), "allocation_invalid");
    expectDomainError(() => allocateLargestRemainder(rupiah(10), [1, -1]), "allocation_invalid");
    expectDomainError(() => allocateLargestRemainder(rupiah(10), [0.5, 1]), "allocation_invalid");
    expectDomainError(() => allocateLargestRemainder(rupiah(10), [0, 0]), "allocation_invalid");
    expectDomainError(() => allocateLargestRemainder(rupiah(10), [Number.NaN]), "allocation_invalid");
  });
});
