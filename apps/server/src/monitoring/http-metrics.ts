import { Counter, Histogram, type Registry } from "prom-client";
import type { ZodApp } from "../http/zod-app";
import { AppError } from "../errors/app-error";
import { signInFailuresTotal } from "./process-metrics";

// Every answered request, counted by its route's pattern (never the URL: ids
// and tokens would make a series per record and put secrets in the metrics)
// and timed. A URL no route matches counts as "unmatched".

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The refusals that tell of a failed sign-in: a wrong password or code, a wait or a lock after failures. */
const SIGN_IN_FAILURE_CODES = new Set(["invalid_credentials", "invalid_code", "sign_in_delayed", "account_locked"]);

export function installHttpMetrics(app: ZodApp, registry: Registry): void {
  const requests = new Counter({
    name: "koperasi_http_requests_total",
    help: "Answered HTTP requests by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "koperasi_http_request_duration_seconds",
    help: "Time from a request's arrival to its answer, by method and route pattern.",
    labelNames: ["method", "route"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.addHook("onError", async (_request, _reply, error) => {
    if (error instanceof AppError && SIGN_IN_FAILURE_CODES.has(error.code)) signInFailuresTotal.inc({ reason: error.code });
  });
}
