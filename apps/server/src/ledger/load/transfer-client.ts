// The HTTP side of the transfer load, run in its own process (forked by
// transfer-load.ts) so that making requests does not take the event loop of
// the server it measures. Each of `concurrency` loops posts one transfer at a
// time over a kept-alive connection, with a fresh Idempotency-Key, between two
// random member accounts, until the time or the request budget is spent.

import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";

export interface TransferClientJob {
  baseUrl: string;
  koperasiId: string;
  cookie: string;
  memberAccountIds: string[];
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** Largest amount per transfer (whole Rupiah); small against the balances, so refusals stay rare. */
  maxAmount: number;
}

export interface TransferClientResult {
  /** 201: posted. */
  posted: number;
  /** 4xx answers (insufficient balance, 409 duplicates): refused, nothing posted. */
  refused: number;
  /** 5xx or transport errors. */
  failed: number;
  elapsedMs: number;
  /** Per posted transfer, milliseconds. */
  latencies: number[];
}

export async function runTransferClient(job: TransferClientJob): Promise<TransferClientResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL(`${job.baseUrl}/api/v1/koperasi/${job.koperasiId}/transfers`);
  const result: TransferClientResult = { posted: 0, refused: 0, failed: 0, elapsedMs: 0, latencies: [] };
  const started = performance.now();
  const deadline = started + job.durationMs;
  let budget = job.maxRequests;
  const ids = job.memberAccountIds;

  const once = () =>
    new Promise<number>((resolve) => {
      const from = ids[Math.floor(Math.random() * ids.length)] ?? "";
      let to = from;
      while (to === from) to = ids[Math.floor(Math.random() * ids.length)] ?? "";
      const body = JSON.stringify({ fromMemberAccountId: from, toMemberAccountId: to, amount: 1 + Math.floor(Math.random() * job.maxAmount) });
      const req = request(
        url,
        {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie: job.cookie, "idempotency-key": randomUUID() },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", () => resolve(0));
      req.end(body);
    });

  const loop = async () => {
    while (budget > 0 && performance.now() < deadline) {
      budget -= 1;
      const t0 = performance.now();
      const status = await once();
      if (status === 201) {
        result.posted += 1;
        result.latencies.push(performance.now() - t0);
      } else if (status >= 400 && status < 500) result.refused += 1;
      else result.failed += 1;
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, loop));
  result.elapsedMs = performance.now() - started;
  agent.destroy();
  return result;
}

// Forked: take the job from the parent, answer with the result.
if (process.send) {
  process.once("message", (job: TransferClientJob) => {
    void runTransferClient(job).then((result) => {
      process.send?.(result, () => process.exit(0));
    });
  });
}
