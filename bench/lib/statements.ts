// Round trips per request, from the server's own count of the statements it
// sent to the database (`koperasi_db_statements_total` on /metrics, BEGIN and
// COMMIT included). Requests go one at a time; what the server sends on its
// own meanwhile (the log publisher's rounds) is measured over an idle window
// of the same length and taken off.

import { BENCH_METRICS_TOKEN } from "./app-server";

export async function statementCount(url: string): Promise<number> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` }, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`metrics: ${res.status}`);
  const line = (await res.text()).split("\n").find((l) => l.startsWith("koperasi_db_statements_total "));
  if (!line) throw new Error("metrics: no koperasi_db_statements_total");
  return Number(line.split(" ")[1]);
}

export interface RequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Statements per request over `count` sequential requests made by `next(i)`, less the idle background. */
export async function statementsPerRequest(url: string, count: number, next: (i: number) => RequestSpec): Promise<number> {
  const start = await statementCount(url);
  const began = performance.now();
  for (let i = 0; i < count; i++) {
    const spec = next(i);
    const res = await fetch(`${url}${spec.path}`, { method: spec.method, headers: spec.headers, body: spec.body, signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`statement count: ${spec.method} ${spec.path} answered ${res.status}`);
  }
  const elapsed = performance.now() - began;
  const busy = (await statementCount(url)) - start;
  const idleStart = await statementCount(url);
  await new Promise((resolve) => setTimeout(resolve, elapsed));
  const idle = (await statementCount(url)) - idleStart;
  return Math.max(0, busy - idle) / count;
}
