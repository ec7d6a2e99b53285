import { describe, expect, it } from "vitest";
import { formatFigure, Recorder } from "./figures";

describe("Recorder", () => {
  it("reports the median of the runs and its ratio to the limit's median", () => {
    const r = new Recorder();
    for (const tps of [900, 1000, 1100]) r.record({ name: "pg.tpcb.tps", unit: "tps", better: "higher" }, tps);
    for (const tps of [400, 600, 500]) r.record({ name: "pg.transfers.tps", unit: "tps", better: "higher", limit: "pg.tpcb.tps" }, tps);
    const transfers = r.figures().find((f) => f.name === "pg.transfers.tps");
    expect(transfers).toMatchObject({ value: 500, limitValue: 1000, ratio: 0.5, samples: [400, 600, 500] });
    expect(formatFigure(transfers!).split(/\s+/)).toEqual(["pg.transfers.tps", "500", "tps", "1000", "0.500"]);
  });

  it("leaves the ratio empty when the limit was not measured", () => {
    const r = new Recorder();
    r.record({ name: "pg.transfers.tps", unit: "tps", better: "higher", limit: "pg.tpcb.tps" }, 10);
    const [figure] = r.figures();
    expect(figure).toMatchObject({ limitValue: null, ratio: null });
    expect(formatFigure(figure!).split(/\s+/).slice(3)).toEqual(["-", "-"]);
  });

  it("refuses one name with two units", () => {
    const r = new Recorder();
    r.record({ name: "x", unit: "ms", better: "lower" }, 1);
    expect(() => r.record({ name: "x", unit: "s", better: "lower" }, 1)).toThrow(/two different units/);
  });
});
