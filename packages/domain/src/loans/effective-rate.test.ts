import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { rupiah, type Rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { disbursementCharges } from "./charges";
import { effectiveRate, effectiveRateOfSchedule } from "./effective-rate";
import { parsePercent } from "./ratio";
import { INTEREST_METHODS, repaymentSchedule, type InterestMethod, type LoanTerms } from "./schedule";

const EXAMPLE = { principal: rupiah(10_000_000), installments: 12, monthlyRate: parsePercent("1.5") } as const;

/**
 * An independent IRR in floating point (bisection on the present value),
 * good to ~1e-12: the exact answer, rounded to 3 decimals of a percent, must
 * lie within half a unit of it.
 */
function floatIrr(received: number, installments: readonly number[]): number {
  const presentValue = (rate: number) => installments.reduce((sum, amount, index) => sum + amount / (1 + rate) ** (index + 1), -received);
  let low = 0;
  let high = 1;
  while (presentValue(high) > 0) high *= 2;
  for (let i = 0; i < 200; i += 1) {
    const middle = (low + high) / 2;
    if (presentValue(middle) > 0) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

describe("effective rate, the worked example", () => {
  it("flat 1,5% a month is 2,643% a month effective and 31,72% a year (12 × the monthly rate)", () => {
    const schedule = repaymentSchedule({ ...EXAMPLE, method: "flat" });
    expect(effectiveRateOfSchedule(schedule)).toEqual({ monthlyPercent: "2.643", annualPercent: "31.72" });
    // Compounded it would be 36,8% (DOMAIN.md): the disclosure is the nominal 12 × monthly.
    const monthly = floatIrr(10_000_000, schedule.installments.map((row) => row.installment));
    expect(((1 + monthly) ** 12 - 1) * 100).toBeCloseTo(36.8, 1);
  });

  it("annuity and menurun charge interest on the balance: their effective rate is the contract rate, 1,500% and 18,00%", () => {
    for (const method of ["annuity", "equal_principal"] as const) {
      expect(effectiveRateOfSchedule(repaymentSchedule({ ...EXAMPLE, method }))).toEqual({ monthlyPercent: "1.500", annualPercent: "18.00" });
    }
  });

  it("counts charges the member pays at disbursement: provisi 1% raises flat's effective rate", () => {
    const schedule = repaymentSchedule({ ...EXAMPLE, method: "flat" });
    const { netReceived } = disbursementCharges(EXAMPLE.principal, [{ kind: "provisi", amount: { type: "percent", rate: parsePercent("1") }, collection: "deducted" }]);
    expect(netReceived).toBe(9_900_000);
    const withCharge = effectiveRateOfSchedule(schedule, "monthly", netReceived);
    const expected = floatIrr(9_900_000, schedule.installments.map((row) => row.installment)) * 100;
    expect(Math.abs(Number(withCharge.monthlyPercent) - expected)).toBeLessThanOrEqual(0.0005);
    expect(Number(withCharge.monthlyPercent)).toBeGreaterThan(2.643);
  });

  it("a weekly loan's weekly rate converts to a month × 52/12: a weekly annuity at 1,5% a month is 1,500% a month", () => {
    const schedule = repaymentSchedule({ ...EXAMPLE, installments: 52, method: "annuity", frequency: "weekly" });
    expect(effectiveRateOfSchedule(schedule, "weekly")).toEqual({ monthlyPercent: "1.500", annualPercent: "18.00" });
  });

  it("is zero when she repays exactly what she received", () => {
    expect(effectiveRate(rupiah(1_200_000), Array<Rupiah>(12).fill(rupiah(100_000)))).toEqual({ monthlyPercent: "0.000", annualPercent: "0.00" });
  });

  it("rounds an exact tie half-up: Rp200.000 repaid as Rp200.001 a month later is 0,0005% → 0,001%", () => {
    // One period: the rate is exactly (repaid − received) / received.
    expect(effectiveRate(rupiah(200_000), [rupiah(200_001)])).toEqual({ monthlyPercent: "0.001", annualPercent: "0.01" }); // 0,0005% → 0,001%
    expect(effectiveRate(rupiah(2_000_000), [rupiah(2_000_009)])).toEqual({ monthlyPercent: "0.000", annualPercent: "0.01" }); // 0,00045%; 12 × = 0,0054%
    expect(effectiveRate(rupiah(1_000_000), [rupiah(1_500_000)])).toEqual({ monthlyPercent: "50.000", annualPercent: "600.00" });
  });

  it("refuses cash flows that have no non-negative rate", () => {
    expectDomainError(() => effectiveRate(rupiah(1_000_000), [rupiah(500_000)]), "loan_repays_less_than_received");
    expectDomainError(() => effectiveRate(rupiah(0), [rupiah(500_000)]), "loan_principal_invalid");
    expectDomainError(() => effectiveRate(rupiah(1_000), []), "loan_tenor_invalid");
    expectDomainError(() => effectiveRate(rupiah(1_000), [rupiah(2_000), rupiah(-1)]), "amount_invalid");
  });
});

/** The schedule, or the one refusal a long, dear annuity on a small principal may meet. */
function scheduleOrRefusal(terms: LoanTerms) {
  try {
    return repaymentSchedule(terms);
  } catch (error) {
    if (error instanceof DomainError && error.code === "loan_principal_too_small") return error.code;
    throw error;
  }
}

describe("effective rate over random products", () => {
  const product = fc.record({
    principal: fc.integer({ min: 1_000_000, max: 2_000_000_000 }),
    method: fc.constantFrom<InterestMethod>(...INTEREST_METHODS),
    weekly: fc.boolean(),
    installments: fc.integer({ min: 1, max: 240 }),
    hundredths: fc.integer({ min: 0, max: 1000 }),
  });

  it("agrees with an independent floating-point IRR to within half of the last decimal", () => {
    fc.assert(
      fc.property(product, (p) => {
        const frequency = p.weekly ? "weekly" : "monthly";
        const schedule = scheduleOrRefusal({
          principal: rupiah(p.principal),
          installments: p.installments,
          monthlyRate: parsePercent((p.hundredths / 100).toFixed(2)),
          method: p.method,
          frequency,
        });
        // A high rate over a long term compounds the annuity's half-Rupiah
        // rounding until it repays a small principal early: refused, no rate to check.
        if (schedule === "loan_principal_too_small") return;
        const rate = effectiveRateOfSchedule(schedule, frequency);
        const perPeriod = floatIrr(p.principal, schedule.installments.map((row) => row.installment));
        const periodsPerYear = p.weekly ? 52 : 12;
        expect(Math.abs(Number(rate.monthlyPercent) - (perPeriod * periodsPerYear * 100) / 12)).toBeLessThanOrEqual(0.0005 + 1e-9);
        expect(Math.abs(Number(rate.annualPercent) - perPeriod * periodsPerYear * 100)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(rate.monthlyPercent).toMatch(/^\d+\.\d{3}$/);
        expect(rate.annualPercent).toMatch(/^\d+\.\d{2}$/);
        // Flat over more than one period always costs more than its contract rate.
        if (p.method === "flat" && p.installments > 1 && p.hundredths > 0) expect(Number(rate.monthlyPercent)).toBeGreaterThan(p.hundredths / 100);
      }),
      { numRuns: 150 },
    );
  });
});
