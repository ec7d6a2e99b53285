import { describe, expect, it } from "vitest";
import { describeRun, runBank } from "./bank-run";
import { seedFrom } from "./random";
import { runnerFrom } from "./server-process";

// The bank workload (Jepsen style) against the real server process on
// PostgreSQL: concurrent transfers with retries, short timeouts, duplicate
// and reused keys; then the books and the clients' history must agree.
// SEED=<n> replays a run's plan.

describe("the bank workload over HTTP", () => {
  it("concurrent transfers with retries and duplicate keys: balances conserved, every acknowledged transfer posted once, books balanced, one leaf per entry", async () => {
    const report = await runBank({
      seed: seedFrom(),
      runner: runnerFrom("tsx"),
      bank: { members: 8, tellers: 3, openingBalance: { min: 50_000, max: 2_000_000 } },
      clients: 12,
      durationMs: 15_000,
      kills: 0,
      uptimeMs: { min: 0, max: 0 },
      settleMs: 30_000,
    });
    const summary = describeRun(report);
    console.log(summary);
    expect(report.checks.filter((c) => !c.ok), `${summary}\n${report.serverOutput}`).toEqual([]);
    // Every client opens with one operation of each kind, so each kind happened, however slow the machine.
    expect(report.figures.acknowledged).toBeGreaterThan(0);
    expect(report.figures.refused).toBeGreaterThanOrEqual(12); // the opening overdrafts
    expect(report.figures.replays).toBeGreaterThanOrEqual(12);
    expect(report.figures.reuses).toBeGreaterThanOrEqual(12);
  }, 180_000);
});
