import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  commissionFee,
  commissionRateFromPercent,
  commissionRateInForce,
  commissionRateIssues,
  commissionRatePercent,
  earliestCommissionDate,
  MAX_COMMISSION_RATE,
  MIN_COMMISSION_RATE,
  quoteTotal,
} from "./commission";
import { rupiah } from "./money";

const rp = rupiah;

describe("the commission on an amount", () => {
  it("follows the worked examples: 0,5 % of Rp500.000 and 1 % of Rp1.234.567", () => {
    expect(commissionFee(rp(500_000), MIN_COMMISSION_RATE)).toBe(2_500);
    expect(commissionFee(rp(1_234_567), MAX_COMMISSION_RATE)).toBe(12_346);
  });

  it("rounds half a Rupiah up and just under half down", () => {
    // 0,5 % of 100 is exactly 0,5; of 99 is 0,495; of 101 is 0,505.
    expect(commissionFee(rp(100), 5_000)).toBe(1);
    expect(commissionFee(rp(99), 5_000)).toBe(0);
    expect(commissionFee(rp(101), 5_000)).toBe(1);
    // 0,75 % of 333 333 = 2 499,9975 → 2 500; of 200 = 1,5 → 2; of 199 = 1,4925 → 1.
    expect(commissionFee(rp(333_333), 7_500)).toBe(2_500);
    expect(commissionFee(rp(200), 7_500)).toBe(2);
    expect(commissionFee(rp(199), 7_500)).toBe(1);
  });

  it("has no minimum: a tiny amount carries no fee", () => {
    expect(commissionFee(rp(1), MAX_COMMISSION_RATE)).toBe(0);
    expect(commissionFee(rp(49), MAX_COMMISSION_RATE)).toBe(0);
    expect(commissionFee(rp(50), MAX_COMMISSION_RATE)).toBe(1);
  });

  it("stops at the maximum, and only there", () => {
    expect(commissionFee(rp(10_000_000), 7_500, rp(50_000))).toBe(50_000);
    expect(commissionFee(rp(6_666_666), 7_500, rp(50_000))).toBe(50_000); // exactly 49 999,995 → 50 000
    expect(commissionFee(rp(6_666_000), 7_500, rp(50_000))).toBe(49_995);
    expect(commissionFee(rp(100_000_000), 7_500, rp(50_000))).toBe(50_000);
  });

  it("is never above the rate shown (beyond the half Rupiah of rounding) nor above the maximum", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.integer({ min: MIN_COMMISSION_RATE, max: MAX_COMMISSION_RATE }),
        fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: null }),
        (amount, rate, maximum) => {
          const fee = commissionFee(rp(amount), rate, maximum === null ? null : rp(maximum));
          const exactTimesMillion = BigInt(amount) * BigInt(rate);
          // fee ≤ amount × rate + ½, in millionths to stay exact.
          expect(BigInt(fee) * 1_000_000n * 2n <= exactTimesMillion * 2n + 1_000_000n).toBe(true);
          // and no lower than the exact share less ½, unless the cap took it.
          if (maximum === null || fee < maximum) expect(BigInt(fee) * 2_000_000n + 1_000_000n > exactTimesMillion * 2n).toBe(true);
          if (maximum !== null) expect(fee).toBeLessThanOrEqual(maximum);
          expect(fee).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("what the payer gives up", () => {
  it("is amount plus fee when she bears it, and only the amount when the cooperative does", () => {
    expect(quoteTotal(rp(333_333), rp(2_500), "member")).toBe(335_833);
    expect(quoteTotal(rp(333_333), rp(2_500), "koperasi")).toBe(333_333);
  });
});

describe("rates as people write them", () => {
  it("reads a percent with up to four decimals and writes it back the same", () => {
    expect(commissionRateFromPercent("0.75")).toBe(7_500);
    expect(commissionRateFromPercent("0.5")).toBe(5_000);
    expect(commissionRateFromPercent("1")).toBe(10_000);
    expect(commissionRateFromPercent("0.6125")).toBe(6_125);
    expect(commissionRateFromPercent("0,75")).toBeUndefined();
    expect(commissionRateFromPercent("0.75001")).toBeUndefined();
    expect(commissionRateFromPercent("abc")).toBeUndefined();
    expect(commissionRatePercent(7_500)).toBe("0.75");
    expect(commissionRatePercent(10_000)).toBe("1");
    expect(commissionRatePercent(6_125)).toBe("0.6125");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (rate) => {
        expect(commissionRateFromPercent(commissionRatePercent(rate))).toBe(rate);
      }),
    );
  });
});

describe("setting a rate", () => {
  const today = "2026-12-08";
  const ok = { kind: "qr_transfer", rate: 7_500, maximumFee: null, effectiveFrom: "2027-01-07", today };

  it("takes a rate from 0,5 % to 1 %, starting 30 days ahead or later", () => {
    expect(earliestCommissionDate(today)).toBe("2027-01-07");
    expect(commissionRateIssues(ok)).toEqual({});
    expect(commissionRateIssues({ ...ok, rate: MIN_COMMISSION_RATE, maximumFee: 25_000 })).toEqual({});
    expect(commissionRateIssues({ ...ok, rate: MAX_COMMISSION_RATE, effectiveFrom: "2027-06-01" })).toEqual({});
  });

  it("refuses a rate outside the band, a start sooner than 30 days, a maximum that is no amount, a kind with no name", () => {
    expect(commissionRateIssues({ ...ok, rate: MIN_COMMISSION_RATE - 1 })).toEqual({ ratePercent: "rate_out_of_band" });
    expect(commissionRateIssues({ ...ok, rate: MAX_COMMISSION_RATE + 1 })).toEqual({ ratePercent: "rate_out_of_band" });
    expect(commissionRateIssues({ ...ok, rate: undefined })).toEqual({ ratePercent: "rate_out_of_band" });
    expect(commissionRateIssues({ ...ok, effectiveFrom: "2027-01-06" })).toEqual({ effectiveFrom: "too_soon" });
    expect(commissionRateIssues({ ...ok, maximumFee: 0 })).toEqual({ maximumFee: "maximum_invalid" });
    expect(commissionRateIssues({ ...ok, maximumFee: 1.5 })).toEqual({ maximumFee: "maximum_invalid" });
    expect(commissionRateIssues({ ...ok, kind: "QR Transfer" })).toEqual({ kind: "kind_invalid" });
  });
});

describe("the rate in force", () => {
  const history = [
    { effectiveFrom: "2027-02-01", rate: 8_000 },
    { effectiveFrom: "2026-01-01", rate: 7_500 },
  ];
  it("is the latest that has started, and none before the first", () => {
    expect(commissionRateInForce(history, "2025-12-31")).toBeUndefined();
    expect(commissionRateInForce(history, "2026-12-08")?.rate).toBe(7_500);
    expect(commissionRateInForce(history, "2027-01-31")?.rate).toBe(7_500);
    expect(commissionRateInForce(history, "2027-02-01")?.rate).toBe(8_000);
  });
});
