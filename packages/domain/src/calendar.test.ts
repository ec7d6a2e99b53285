import { describe, expect, it } from "vitest";
import { expectDomainError } from "./test-support";
import { addDays, addMonths, addMonthsToMonth, datesFromTo, daysBetween, isLastDayOfMonth, lastDayOfMonth, monthOf, parseBusinessMonth } from "./calendar";

describe("calendar", () => {
  it("counts days between dates across months and leap days", () => {
    expect(daysBetween("2026-06-01", "2026-06-01")).toBe(0);
    expect(daysBetween("2026-01-31", "2026-04-30")).toBe(89);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-03-01", "2026-02-28")).toBe(-1);
  });

  it("adds days over a month and a year end", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("a month later is the same day, or the month's last when it has fewer days", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2026-01-31", 2)).toBe("2026-03-31");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
  });

  it("knows a month's last day and the month of a date", () => {
    expect(lastDayOfMonth("2026-02")).toBe("2026-02-28");
    expect(lastDayOfMonth("2028-02")).toBe("2028-02-29");
    expect(isLastDayOfMonth("2026-06-30")).toBe(true);
    expect(isLastDayOfMonth("2026-07-30")).toBe(false);
    expect(monthOf("2026-07-30")).toBe("2026-07");
    expect(addMonthsToMonth("2026-12", 1)).toBe("2027-01");
  });

  it("lists every date of a range, both ends included", () => {
    expect(datesFromTo("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(datesFromTo("2026-12-30", "2026-12-29")).toEqual([]);
  });

  it("refuses what is not a date or a month", () => {
    expectDomainError(() => daysBetween("2026-02-30", "2026-03-01"), "date_invalid");
    expectDomainError(() => parseBusinessMonth("2026-13"), "date_invalid");
    expectDomainError(() => addDays("2026-01-01", 0.5), "date_invalid");
  });
});
