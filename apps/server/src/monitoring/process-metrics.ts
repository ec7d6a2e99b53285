import { Counter, Registry } from "prom-client";

// Counters that code anywhere in the process adds to (the posting path, the
// job runners); /metrics serves them beside each app's own. One registry per
// process: a posting is counted once however many apps a process builds.

export const processMetrics = new Registry();

export const postingsTotal = new Counter({
  name: "koperasi_postings_total",
  help: "Journal entries posted by this process through the one posting path (an entry whose transaction then rolls back is counted too).",
  registers: [processMetrics],
});

export const jobRunsTotal = new Counter({
  name: "koperasi_job_runs_total",
  help: "Job runs by this process: end-of-day jobs per cooperative and date, cleanup jobs per round; outcome succeeded, skipped or failed.",
  labelNames: ["job", "outcome"] as const,
  registers: [processMetrics],
});

export const signInFailuresTotal = new Counter({
  name: "koperasi_sign_in_failures_total",
  help: "Sign-ins refused: a wrong password or code, or an account made to wait or locked after failures.",
  labelNames: ["reason"] as const,
  registers: [processMetrics],
});
