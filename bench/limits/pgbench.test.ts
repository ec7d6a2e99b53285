import { describe, expect, it } from "vitest";
import { parsePgbenchTps } from "./pgbench";

describe("parsePgbenchTps", () => {
  it("reads the figure without connection time (PostgreSQL 14+)", () => {
    const output = [
      "transaction type: <builtin: TPC-B (sort of)>",
      "number of transactions actually processed: 12345",
      "latency average = 19.4 ms",
      "initial connection time = 12.3 ms",
      "tps = 411.512345 (without initial connection time)",
    ].join("\n");
    expect(parsePgbenchTps(output)).toBeCloseTo(411.512345);
  });
  it("reads the older wording too", () => {
    expect(parsePgbenchTps("tps = 99.5 (including connections establishing)\ntps = 100.25 (excluding connections establishing)\n")).toBe(100.25);
  });
  it("fails loudly on output without a figure", () => {
    expect(() => parsePgbenchTps("pgbench: error: connection failed")).toThrow(/no tps/);
  });
});
