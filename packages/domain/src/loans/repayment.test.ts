import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { dendaCaughtUp, dendaDue, dendaFromDecimal, dendaToDecimal } from "./denda-catch-up";
import { dendaAccrued, type LatePenaltyRule } from "./denda";
import { installmentDueDates } from "./due-dates";
import { parsePercent, ratio, ZERO_RATIO } from "./ratio";
import { allocateRepayment, payoffQuote, type InstallmentOwed } from "./repayment";

const owed = (period: number, dueDate: string, denda: number, interest: number, principal: number): InstallmentOwed => ({
  period,
  dueDate,
  denda: rupiah(denda),
  interest: rupiah(interest),
  principal: rupiah(principal),
});

// Flat Rp10.000.000, 12 × 1,5%: installment 1 is 10 days late with Rp9.833 denda, 2 is due today, 3 is next month's.
const loan = [owed(2, "2026-03-01", 0, 150_000, 833_333), owed(1, "2026-02-01", 9_833, 150_000, 833_333), owed(3, "2026-04-01", 0, 150_000, 833_334)];
const today = "2026-03-01";

describe("repayment allocation: denda, then interest, then principal, oldest installment first", () => {
  it("takes denda before the interest and principal of the oldest installment", () => {
    const split = allocateRepayment(loan, rupiah(100_000), today);
    expect(split.installments).toEqual([{ period: 1, denda: 9_833, interest: 90_167, principal: 0 }]);
  });

  it("takes every due installment's interest before any principal", () => {
    const split = allocateRepayment(loan, rupiah(400_000), today);
    expect(split).toMatchObject({ denda: 9_833, interest: 300_000, principal: 90_167, total: 400_000 });
    expect(split.installments).toEqual([
      { period: 1, denda: 9_833, interest: 150_000, principal: 90_167 },
      { period: 2, denda: 0, interest: 150_000, principal: 0 },
    ]);
  });

  it("pays principal oldest first, and no interest of an installment not yet due", () => {
    const split = allocateRepayment(loan, rupiah(9_833 + 300_000 + 1_000_000), today);
    expect(split.installments).toEqual([
      { period: 1, denda: 9_833, interest: 150_000, principal: 833_333 },
      { period: 2, denda: 0, interest: 150_000, principal: 166_667 },
    ]);
  });

  it("the payoff is denda + interest already due + all principal outstanding, and pays everything but later interest", () => {
    const quote = payoffQuote(loan, today);
    expect(quote).toEqual({ denda: 9_833, interest: 300_000, principal: 2_500_000, total: 2_809_833 });
    const split = allocateRepayment(loan, quote.total, today);
    expect(split).toMatchObject({ denda: 9_833, interest: 300_000, principal: 2_500_000 });
    expect(split.installments.find((row) => row.period === 3)).toEqual({ period: 3, denda: 0, interest: 0, principal: 833_334 });
  });

  it("refuses a rupiah above the payoff, zero, a negative or a fractional amount", () => {
    for (const amount of [2_809_834, 0, -1, 1.5]) expectDomainError(() => allocateRepayment(loan, amount as never, today), "allocation_invalid");
  });

  it("always splits exactly the amount, never more than owed on any part, in the order (property)", () => {
    const row = fc.record({ denda: fc.nat(50_000), interest: fc.nat(500_000), principal: fc.nat(5_000_000), dueOffset: fc.integer({ min: -3, max: 3 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (rows, share) => {
        const installments = rows.map((r, i) => owed(i + 1, `2026-0${5 + r.dueOffset}-01`, r.denda, r.interest, r.principal));
        const quote = payoffQuote(installments, "2026-05-01");
        fc.pre(quote.total > 0);
        const amount = Math.max(1, Math.floor(quote.total * share));
        const split = allocateRepayment(installments, rupiah(amount), "2026-05-01");
        expect(split.denda + split.interest + split.principal).toBe(amount);
        for (const part of split.installments) {
          const source = installments[part.period - 1];
          expect(part.denda).toBeLessThanOrEqual(source?.denda ?? 0);
          expect(part.interest).toBeLessThanOrEqual(source?.interest ?? 0);
          expect(part.principal).toBeLessThanOrEqual(source?.principal ?? 0);
        }
        // Interest only once every denda is paid; principal only once every due interest is.
        if (split.interest > 0) expect(split.denda).toBe(quote.denda);
        if (split.principal > 0) expect(split.interest).toBe(quote.interest);
      }),
    );
  });
});

describe("installment due dates", () => {
  it("monthly on the day of disbursement, the month's last day where it lacks one; weekly every seven days", () => {
    expect(installmentDueDates("2026-01-31", 3, "monthly")).toEqual(["2026-02-28", "2026-03-31", "2026-04-30"]);
    expect(installmentDueDates("2026-01-31", 2, "weekly")).toEqual(["2026-02-07", "2026-02-14"]);
  });
});

describe("denda brought up to date", () => {
  const rule: LatePenaltyRule = { basis: { type: "percent_per_day", rate: parsePercent("0.1") }, graceDays: 3 };

  it("0,1% a day of Rp983.333, 10 days late with 3 grace days: Rp9.833, counted from the due date", () => {
    const state = dendaCaughtUp(rule, "2026-02-01", rupiah(983_333), { accrued: ZERO_RATIO, through: null }, "2026-02-11");
    expect(state).toEqual({ accrued: ratio(983_333n, 100n), through: "2026-02-11" });
    expect(dendaDue(state.accrued)).toBe(9_833);
  });

  it("nothing within the grace days", () => {
    expect(dendaCaughtUp(rule, "2026-02-01", rupiah(983_333), { accrued: ZERO_RATIO, through: null }, "2026-02-04").accrued).toEqual(ZERO_RATIO);
  });

  it("caught up in steps equals caught up at once, and agrees with the whole-period formula", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 5_000_000 }), (first, more, overdue) => {
        const due = "2026-01-01";
        const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
        const once = dendaCaughtUp(rule, due, rupiah(overdue), { accrued: ZERO_RATIO, through: null }, day(first + more));
        const stepped = dendaCaughtUp(rule, due, rupiah(overdue), dendaCaughtUp(rule, due, rupiah(overdue), { accrued: ZERO_RATIO, through: null }, day(first)), day(first + more));
        expect(stepped.accrued).toEqual(once.accrued);
        expect(once.accrued).toEqual(dendaAccrued(rule, rupiah(overdue), first + more));
      }),
    );
  });

  it("stores exactly as six-decimal text and reads back", () => {
    const value = ratio(983_333n, 100n);
    expect(dendaToDecimal(value)).toBe("9833.330000");
    expect(dendaFromDecimal("9833.330000")).toEqual(value);
  });
});
