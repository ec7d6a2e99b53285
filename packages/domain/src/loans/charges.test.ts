import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { disbursementCharges, type DisbursementChargeRule } from "./charges";
import { parsePercent } from "./ratio";

const provisi1: DisbursementChargeRule = { kind: "provisi", amount: { type: "percent", rate: parsePercent("1") }, collection: "deducted" };

describe("disbursement charges", () => {
  it("provisi 1% of Rp10.000.000 is Rp100.000; deducted, the member receives Rp9.900.000", () => {
    expect(disbursementCharges(rupiah(10_000_000), [provisi1])).toEqual({
      charges: [{ kind: "provisi", amount: 100_000, collection: "deducted" }],
      deducted: 100_000,
      paidInCash: 0,
      total: 100_000,
      netDisbursed: 9_900_000,
      netReceived: 9_900_000,
    });
  });

  it("adds flat and percentage charges; one paid in cash is not deducted but still lowers what she is left with", () => {
    const result = disbursementCharges(rupiah(7_500_000), [
      provisi1,
      { kind: "administrasi", amount: { type: "flat", amount: rupiah(25_000) }, collection: "deducted" },
      { kind: "asuransi", amount: { type: "percent", rate: parsePercent("0.35") }, collection: "cash" },
    ]);
    // 1% = 75.000; 0,35% = 26.250.
    expect(result.charges.map((charge) => charge.amount)).toEqual([75_000, 25_000, 26_250]);
    expect(result.deducted).toBe(100_000);
    expect(result.paidInCash).toBe(26_250);
    expect(result.netDisbursed).toBe(7_400_000);
    expect(result.netReceived).toBe(7_373_750);
  });

  it("rounds a percentage half-up to the Rupiah: 0,125% of Rp1.234.567 = 1.543,2 → Rp1.543; of Rp1.234.800 = 1.543,5 → Rp1.544", () => {
    const rule: DisbursementChargeRule = { kind: "administrasi", amount: { type: "percent", rate: parsePercent("0.125") }, collection: "cash" };
    expect(disbursementCharges(rupiah(1_234_567), [rule]).total).toBe(1_543);
    expect(disbursementCharges(rupiah(1_234_800), [rule]).total).toBe(1_544);
  });

  it("with no charges she receives the whole principal", () => {
    expect(disbursementCharges(rupiah(1_000_000), [])).toMatchObject({ total: 0, netDisbursed: 1_000_000, netReceived: 1_000_000 });
  });

  it("refuses charges that take the whole principal, a negative flat amount, or a principal of zero", () => {
    const flat = (amount: number): DisbursementChargeRule => ({ kind: "administrasi", amount: { type: "flat", amount: rupiah(amount) }, collection: "deducted" });
    expectDomainError(() => disbursementCharges(rupiah(50_000), [flat(50_000)]), "loan_charges_exceed_principal");
    expectDomainError(() => disbursementCharges(rupiah(50_000), [flat(30_000), { ...flat(20_000), collection: "cash" }]), "loan_charges_exceed_principal");
    expectDomainError(() => disbursementCharges(rupiah(50_000), [flat(-1)]), "amount_invalid");
    expectDomainError(() => disbursementCharges(rupiah(0), []), "loan_principal_invalid");
  });

  it("always: deducted + paid in cash = total, and principal = net disbursed + deducted = net received + total", () => {
    const rule = fc.record({
      kind: fc.constantFrom("provisi" as const, "administrasi" as const, "asuransi" as const),
      collection: fc.constantFrom("deducted" as const, "cash" as const),
      flat: fc.option(fc.integer({ min: 0, max: 50_000 })),
      thousandths: fc.integer({ min: 0, max: 3000 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 1_000_000_000 }), fc.array(rule, { maxLength: 3 }), (principal, rules) => {
        const result = disbursementCharges(
          rupiah(principal),
          rules.map((r) => ({
            kind: r.kind,
            collection: r.collection,
            amount: r.flat === null ? { type: "percent", rate: parsePercent((r.thousandths / 1000).toFixed(3)) } : { type: "flat", amount: rupiah(r.flat) },
          })),
        );
        expect(result.deducted + result.paidInCash).toBe(result.total);
        expect(result.netDisbursed + result.deducted).toBe(principal);
        expect(result.netReceived + result.total).toBe(principal);
        expect(result.charges.reduce((sum, charge) => sum + charge.amount, 0)).toBe(result.total);
      }),
    );
  });
});
