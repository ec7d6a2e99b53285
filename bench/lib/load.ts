import autocannon from "autocannon";
import { loopbackUrl } from "./postgres";
import { latencySummary, type LatencySummary } from "./stats";

// HTTP load with autocannon, on loopback only, bounded in time and in count.
// Latency is taken from every response (`response` event) so any percentile
// can be reported (autocannon's own table has no p95).

export interface LoadOptions {
  /** Base URL of the server (http://127.0.0.1:<port>). */
  url: string;
  connections: number;
  durationSeconds: number;
  /** Requests per second over all connections; unset = as fast as it answers (peak). */
  rate?: number | undefined;
  /** Stops early after this many responses. */
  maxResponses: number;
  /** The request cycle each connection repeats. */
  requests: autocannon.Request[];
}

export interface LoadResult {
  responses: number;
  /** 2xx responses. */
  ok: number;
  /** Responses by status code, and `errors` for connection errors and timeouts. */
  statuses: Record<string, number>;
  seconds: number;
  /** 2xx responses per second. */
  okPerSecond: number;
  /** Latency of 2xx responses, ms. */
  latency: LatencySummary;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  loopbackUrl(options.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let responses = 0;
  const started = performance.now();
  let instance: autocannon.Instance | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        ...(options.rate ? { overallRate: options.rate } : {}),
        requests: options.requests,
        timeout: 10,
      },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      responses += 1;
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      if (responses >= options.maxResponses) instance?.stop();
    });
  });
  const seconds = Math.min((performance.now() - started) / 1000, Math.max(result.duration, 0.001));
  const errors = result.errors + result.timeouts;
  if (errors > 0) statuses.errors = errors;
  return { responses, ok: latencies.length, statuses, seconds, okPerSecond: latencies.length / seconds, latency: latencySummary(latencies) };
}

/** The share of responses that were not 2xx (including connection errors). */
export function failureShare(result: LoadResult): number {
  const total = result.responses + (result.statuses.errors ?? 0);
  return total === 0 ? 1 : (total - result.ok) / total;
}
