import { fileURLToPath } from "node:url";
import type { Recorder } from "../lib/figures";
import { failureShare, runLoad } from "../lib/load";
import type { BenchSettings } from "../lib/options";
import { freePort, startTsChild, waitForHttp, type Child } from "../lib/processes";
import { bareRouteRequests } from "../scenarios/requests";

// The bare route's limits: its peak rate, and its latency at the same fixed
// rate the app's routes are measured at. Served by servers/bare-route.ts in a
// child process, like the app.

const ENTRY = fileURLToPath(new URL("../servers/bare-route.ts", import.meta.url));

export interface BareRoute {
  url: string;
  rows: number;
  child: Child;
}

export async function startBareRoute(env: { BENCH_DB_URL: string } | { BENCH_PGLITE_ROWS: string }): Promise<BareRoute> {
  const port = await freePort();
  const child = startTsChild(ENTRY, { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, child, 300_000);
    const { rows } = (await (await fetch(`${url}/healthz`)).json()) as { rows: number };
    return { url, rows, child };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

export function bareRouteLimitNames(kind: "pg" | "pglite") {
  return {
    peak: `${kind}.limit.bare_route.peak`,
    latency: (p: "p50" | "p95" | "p99") => `${kind}.limit.bare_route.${p}`,
  };
}

export async function measureBareRoute(kind: "pg" | "pglite", bare: BareRoute, settings: BenchSettings, rec: Recorder): Promise<void> {
  const { http } = settings;
  const names = bareRouteLimitNames(kind);
  const requests = bareRouteRequests(bare.rows);
  await runLoad({ url: bare.url, connections: http.peakConnections, durationSeconds: http.warmupSeconds, maxResponses: 1_000_000, requests });
  const peak = await runLoad({ url: bare.url, connections: http.peakConnections, durationSeconds: http.peakSeconds, maxResponses: 5_000_000, requests });
  if (failureShare(peak) > 0) rec.warn(`${names.peak}: responses not 2xx ${JSON.stringify(peak.statuses)}`);
  rec.record({ name: names.peak, unit: "req/s", better: "higher", note: "Fastify, one primary-key SELECT per request" }, peak.okPerSecond);
  const atRate = await runLoad({
    url: bare.url,
    connections: http.rateConnections,
    durationSeconds: http.rateSeconds,
    rate: http.rate,
    maxResponses: Math.ceil(http.rate * http.rateSeconds * 1.5),
    requests,
  });
  for (const p of ["p50", "p95", "p99"] as const) {
    rec.record({ name: names.latency(p), unit: "ms", better: "lower", note: `at ${http.rate} req/s` }, atRate.latency[p]);
  }
}
