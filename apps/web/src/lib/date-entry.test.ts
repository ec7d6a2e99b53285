import { describe, expect, it } from "vitest";
import { parseDateEntry } from "./date-entry";

describe("parseDateEntry", () => {
  it("reads the day first, with slashes, dashes or dots, and ISO", () => {
    expect(parseDateEntry("05/05/2024")).toBe("2024-05-05");
    expect(parseDateEntry("5-5-2024")).toBe("2024-05-05");
    expect(parseDateEntry(" 31.12.2025 ")).toBe("2025-12-31");
    expect(parseDateEntry("2024-02-29")).toBe("2024-02-29");
    // Never month first: 03/04 is the third of April.
    expect(parseDateEntry("03/04/2026")).toBe("2026-04-03");
  });

  it("refuses what is no calendar date", () => {
    for (const text of ["", "31/02/2024", "29/02/2025", "13/13/2024", "2024/05/05", "5 Mei 2024", "05/05/24"]) expect(parseDateEntry(text), text).toBeNull();
  });
});
