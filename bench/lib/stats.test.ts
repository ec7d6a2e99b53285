import { describe, expect, it } from "vitest";
import { latencySummary, median, percentile, roundForDisplay } from "./stats";

describe("median", () => {
  it("takes the middle of an odd count and the mean of the middle two of an even count", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("is NaN for no samples", () => {
    expect(median([])).toBeNaN();
  });
});

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
  it("returns an observed sample", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });
  it("refuses a percentile outside (0, 100]", () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
  it("summarises latencies the same way", () => {
    expect(latencySummary(hundred)).toEqual({ p50: 50, p95: 95, p99: 99, count: 100 });
    expect(latencySummary([]).p50).toBeNaN();
  });
});

describe("roundForDisplay", () => {
  it("keeps three significant digits for small values and whole numbers for large ones", () => {
    expect(roundForDisplay(0.123456)).toBe("0.123");
    expect(roundForDisplay(12.345)).toBe("12.3");
    expect(roundForDisplay(1234.5)).toBe("1235");
    expect(roundForDisplay(Number.NaN)).toBe("-");
  });
});
