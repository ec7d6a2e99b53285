import { describe, expect, it } from "vitest";
import { describeRun, runBank } from "./bank-run";
import { seedFrom } from "./random";
import { runnerFrom } from "./server-process";

// The bank workload while the server process (not PostgreSQL) is killed with
// SIGKILL again and again and started anew: clients keep retrying with their
// keys through the restarts. Whatever a kill cut off mid-transaction must be
// gone; whatever a client was told was posted must be there, once.
// SEED=<n> replays a run's plan; KILLS=<n> changes the number of kills.

const KILLS = Number(process.env.KILLS ?? 10);
// The next server process starts while the current one serves (one standby, as behind a load
// balancer), so after a kill the clients wait only for what is left of that start, not for a whole
// restart; `npm run soak` restarts in place by default (SOAK_STANDBYS=0), 100 times.
// Bounded by construction (each restart ≤ 2 min, each wait for traffic ≤ 1 min). The limit only
// catches a hang.
const LIMIT_MS = 30 * 60_000;

describe("the bank workload through SIGKILLs of the server", () => {
  it(`${KILLS} kills and restarts: no acknowledged transfer missing, none posted twice, books balanced`, async () => {
    const report = await runBank({
      seed: seedFrom(),
      runner: runnerFrom("bundle"),
      bank: { members: 8, tellers: 3, openingBalance: { min: 50_000, max: 2_000_000 } },
      clients: 12,
      durationMs: 0,
      kills: KILLS,
      standbys: 1,
      uptimeMs: { min: 1_000, max: 4_000 },
      settleMs: 30_000,
      log: (line) => console.log(line),
    });
    const summary = describeRun(report);
    console.log(summary);
    expect(report.checks.filter((c) => !c.ok), `${summary}\n${report.serverOutput}`).toEqual([]);
    expect(report.figures.kills).toBe(KILLS);
    // Each kill waited for the restarted server to answer; kills landed on requests in flight.
    expect(report.figures.acknowledged).toBeGreaterThan(0);
    expect(report.figures.cutConnections).toBeGreaterThan(0);
  }, LIMIT_MS);
});
