import { describe, expect, it } from "vitest";
import { rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { parsePercent } from "../loans/ratio";
import { berjangkaInterestDueOn, berjangkaInterestSchedule, berjangkaMaturityDate, type BerjangkaTerms } from "./berjangka";

const deposit = (payout: BerjangkaTerms["payout"]): BerjangkaTerms => ({
  principal: rupiah(10_000_000),
  annualRate: parsePercent("6"),
  openedOn: "2026-01-31",
  tenorMonths: 3,
  payout,
});

describe("simpanan berjangka", () => {
  it("matures the same day months later, or the month's last day", () => {
    expect(berjangkaMaturityDate("2026-01-31", 3)).toBe("2026-04-30");
    expect(berjangkaMaturityDate("2026-01-31", 1)).toBe("2026-02-28");
    expect(berjangkaMaturityDate("2026-11-10", 12)).toBe("2027-11-10");
  });

  it("pays monthly interest on the days each month covers, actual/365, each rounded half-up", () => {
    // 10.000.000 × 6% × 28/365 = 46.027,40; × 31/365 = 50.958,90; × 30/365 = 49.315,07.
    expect(berjangkaInterestSchedule(deposit("monthly"))).toEqual([
      { date: "2026-02-28", days: 28, interest: 46_027 },
      { date: "2026-03-31", days: 31, interest: 50_959 },
      { date: "2026-04-30", days: 30, interest: 49_315 },
    ]);
  });

  it("pays once at maturity on the whole term: 89 days → 146.301,37 → Rp146.301", () => {
    expect(berjangkaInterestSchedule(deposit("at_maturity"))).toEqual([{ date: "2026-04-30", days: 89, interest: 146_301 }]);
  });

  it("finds the payment due on a date, and none on other dates", () => {
    expect(berjangkaInterestDueOn(deposit("monthly"), "2026-03-31")?.interest).toBe(50_959);
    expect(berjangkaInterestDueOn(deposit("monthly"), "2026-03-30")).toBeUndefined();
  });

  it("refuses a term that is not a whole number of months and a principal of nothing", () => {
    expectDomainError(() => berjangkaMaturityDate("2026-01-31", 0), "savings_terms_invalid");
    expectDomainError(() => berjangkaInterestSchedule({ ...deposit("monthly"), tenorMonths: 1.5 }), "savings_terms_invalid");
    expectDomainError(() => berjangkaInterestSchedule({ ...deposit("monthly"), principal: rupiah(0) }), "savings_terms_invalid");
  });
});
