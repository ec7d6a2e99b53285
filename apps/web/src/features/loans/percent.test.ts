import { describe, expect, it } from "vitest";
import { formatRatePercent, rateFromInput } from "./percent";

describe("rates on the simulator page", () => {
  it("shows the server's decimal text with the language's separator", () => {
    expect(formatRatePercent("2.643", "id")).toBe("2,643%");
    expect(formatRatePercent("31.72", "en")).toBe("31.72%");
    expect(formatRatePercent("0.000", "id")).toBe("0,000%");
  });

  it("sends a typed Indonesian comma as a point, without spaces", () => {
    expect(rateFromInput(" 1,5 ")).toBe("1.5");
    expect(rateFromInput("1.25")).toBe("1.25");
    expect(rateFromInput("")).toBe("");
  });
});
