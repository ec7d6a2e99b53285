import { describe, expect, it } from "vitest";
import { expectDomainError } from "../test-support";
import { lastDayOfYear, periodEndOf, periodsOfYear, periodStartFromLabel } from "./period";

describe("month periods", () => {
  it("end on the month's last day, leap years included", () => {
    expect(periodEndOf("2026-02-10")).toBe("2026-02-28");
    expect(periodEndOf("2028-02-01")).toBe("2028-02-29");
    expect(periodEndOf("2026-12-31")).toBe("2026-12-31");
    expect(lastDayOfYear(2026)).toBe("2026-12-31");
  });

  it("are chosen as YYYY-MM", () => {
    expect(periodStartFromLabel("2026-03")).toBe("2026-03-01");
    for (const bad of ["2026-13", "2026-00", "2026-3", "2026-03-01", "maret"]) expectDomainError(() => periodStartFromLabel(bad), "date_invalid");
  });

  it("make a book year of twelve", () => {
    const months = periodsOfYear(2026);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2026-01-01");
    expect(months[11]).toBe("2026-12-01");
  });
});
