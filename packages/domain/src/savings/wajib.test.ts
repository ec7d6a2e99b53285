import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { allocateWajibPayment, wajibArrears, wajibAutoDebitAmount, wajibPeriodsToBill, type WajibBill } from "./wajib";

const bill = (period: string, amount: number, paid: number): WajibBill => ({ period, amount: rupiah(amount), paid: rupiah(paid) });

describe("simpanan wajib", () => {
  it("bills each month of membership whose month-end has come, from the joining month, not twice", () => {
    expect(wajibPeriodsToBill("2026-03-15", "2026-06-30", [])).toEqual(["2026-03", "2026-04", "2026-05", "2026-06"]);
    expect(wajibPeriodsToBill("2026-03-15", "2026-06-29", [])).toEqual(["2026-03", "2026-04", "2026-05"]);
    expect(wajibPeriodsToBill("2026-03-15", "2026-06-30", ["2026-03", "2026-05"])).toEqual(["2026-04", "2026-06"]);
    expect(wajibPeriodsToBill("2026-12-01", "2027-01-31", [])).toEqual(["2026-12", "2027-01"]);
    expect(wajibPeriodsToBill("2026-06-15", "2026-06-29", [])).toEqual([]);
  });

  it("arrears are the unpaid part of each month billed, oldest first", () => {
    const history = [bill("2026-03", 50_000, 50_000), bill("2026-04", 50_000, 20_000), bill("2026-05", 50_000, 0)];
    expect(wajibArrears(history)).toEqual({ total: 80_000, periods: ["2026-04", "2026-05"] });
    expect(wajibArrears([])).toEqual({ total: 0, periods: [] });
  });

  it("a payment settles the oldest months first and leaves what exceeds the arrears", () => {
    const history = [bill("2026-03", 50_000, 50_000), bill("2026-04", 50_000, 20_000), bill("2026-05", 50_000, 0)];
    expect(allocateWajibPayment(history, rupiah(100_000))).toEqual({
      allocations: [
        { period: "2026-04", amount: 30_000 },
        { period: "2026-05", amount: 50_000 },
      ],
      unallocated: 20_000,
    });
    expect(allocateWajibPayment(history, rupiah(10_000)).allocations).toEqual([{ period: "2026-04", amount: 10_000 }]);
  });

  it("allocations never exceed the payment or any month's arrears", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 200_000 })), { maxLength: 12 }), fc.integer({ min: 0, max: 3_000_000 }), (pairs, payment) => {
        const history = pairs.map(([amount, paid], index) => bill(`2026-${String(index + 1).padStart(2, "0")}`, Math.max(amount, paid), Math.min(amount, paid)));
        const { allocations, unallocated } = allocateWajibPayment(history, rupiah(payment));
        const allocated = allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
        expect(allocated + unallocated).toBe(payment);
        expect(allocated).toBe(Math.min(payment, wajibArrears(history).total));
      }),
    );
  });

  it("auto-debit takes the arrears as far as the available sukarela reaches", () => {
    expect(wajibAutoDebitAmount(rupiah(80_000), rupiah(30_000))).toBe(30_000);
    expect(wajibAutoDebitAmount(rupiah(80_000), rupiah(500_000))).toBe(80_000);
    expect(wajibAutoDebitAmount(rupiah(80_000), rupiah(0))).toBe(0);
    expect(wajibAutoDebitAmount(rupiah(80_000), rupiah(-5))).toBe(0);
  });

  it("refuses a history out of order, paid beyond its bill or with a negative amount", () => {
    expectDomainError(() => wajibArrears([bill("2026-04", 1, 0), bill("2026-03", 1, 0)]), "wajib_billing_invalid");
    expectDomainError(() => wajibArrears([bill("2026-04", 1, 0), bill("2026-04", 1, 0)]), "wajib_billing_invalid");
    expectDomainError(() => wajibArrears([bill("2026-04", 1, 2)]), "wajib_billing_invalid");
    expectDomainError(() => wajibArrears([bill("2026-04", -1, 0)]), "wajib_billing_invalid");
  });
});
