import { createHash, timingSafeEqual } from "node:crypto";
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { AppContext } from "../context";
import type { ZodApp } from "../http/zod-app";
import { AppError } from "../errors/app-error";
import { installHttpMetrics } from "../monitoring/http-metrics";
import { processMetrics } from "../monitoring/process-metrics";
import { LOG_STALE_AFTER_SECONDS, readFailingJobs, readLastBackupAt, readLastBackupFailed, readLatestVerify, readLogBacklog } from "../monitoring/database-snapshot";

// Prometheus metrics for whoever watches the deployment: the process's own
// (CPU, memory, event-loop lag), requests by route and status with their
// latency, postings, the transparency log's backlog, jobs, backups,
// verification and the database pool. Only for a scraper holding
// METRICS_TOKEN: without the setting the address does not exist (404), and
// nobody else learns how busy a deployment is (401).

const unauthorized = () =>
  new AppError(401, "metrics_unauthorized", "Metrik hanya untuk pemegang METRICS_TOKEN (Authorization: Bearer …).", "Metrics need the METRICS_TOKEN bearer token.");

/** Compared as digests, so neither the length nor the content of the token shows in the time taken. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function bearerOf(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? "";
}

export async function metricsRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const token = ctx.config.metricsToken;
  if (token === undefined) return;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  installHttpMetrics(app, registry);
  const readings: DatabaseReadings = {
    backlog: { leaves: 0, cooperatives: 0, stale: 0, oldest: 0 },
    failingJobs: new Map(),
    backupAgeSeconds: Number.POSITIVE_INFINITY,
    backupLastFailed: false,
    verify: { failed: 0, at: 0 },
    ownStatements: 0,
  };
  registerDatabaseMetrics(registry, ctx, readings);
  const served = Registry.merge([registry, processMetrics]);
  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    if (!sameToken(bearerOf(request.headers.authorization), token)) {
      reply.header("www-authenticate", 'Bearer realm="metrics"');
      throw unauthorized();
    }
    await refreshReadings(readings, ctx, request.log);
    return reply.type(served.contentType).send(await served.metrics());
  });
}

type Logger = { error(details: object, message: string): void };

/** What the database says at one scrape, read before the registry is asked (prom-client collects metrics concurrently). */
interface DatabaseReadings {
  backlog: { leaves: number; cooperatives: number; stale: number; oldest: number };
  failingJobs: ReadonlyMap<string, number>;
  backupAgeSeconds: number;
  backupLastFailed: boolean;
  verify: { failed: number; at: number };
  /** Statements the scrapes' own reads sent: left out of the count, so a scrape does not count itself. */
  ownStatements: number;
}

/** Each reading on its own: one that cannot be read keeps its last value (and is logged) rather than failing the scrape. */
async function refreshReadings(readings: DatabaseReadings, ctx: AppContext, log: Logger): Promise<void> {
  const statementsBefore = ctx.database.statements.count;
  const now = ctx.now();
  const guarded = async (name: string, read: () => Promise<void>) => {
    try {
      await read();
    } catch (error) {
      log.error({ err: error, metric: name }, "metric could not be read");
    }
  };
  await guarded("log backlog", async () => {
    const read = await readLogBacklog(ctx.database);
    readings.backlog = { leaves: read.leavesWaiting, cooperatives: read.cooperativesWaiting, stale: read.staleCooperatives, oldest: read.oldestCheckpointAgeSeconds };
  });
  await guarded("failing jobs", async () => {
    readings.failingJobs = await readFailingJobs(ctx.database);
  });
  await guarded("backup age", async () => {
    const at = await readLastBackupAt(ctx.database);
    readings.backupAgeSeconds = at ? Math.max(0, (now.getTime() - at.getTime()) / 1000) : Number.POSITIVE_INFINITY;
    readings.backupLastFailed = await readLastBackupFailed(ctx.database);
  });
  await guarded("verify", async () => {
    const latest = await readLatestVerify(ctx.database);
    readings.verify = { failed: latest?.failed ?? 0, at: latest ? latest.finishedAt.getTime() / 1000 : 0 };
  });
  readings.ownStatements += ctx.database.statements.count - statementsBefore;
}

function registerDatabaseMetrics(registry: Registry, ctx: AppContext, readings: DatabaseReadings): void {
  const registers = [registry];
  new Counter({
    name: "koperasi_db_statements_total",
    help: "Statements this process sent to the database, BEGIN and COMMIT included (not those of /metrics itself).",
    registers,
    collect() {
      this.reset();
      this.inc(ctx.database.statements.count - readings.ownStatements);
    },
  });
  new Gauge({
    name: "koperasi_db_pool_connections",
    help: "Database connections of this process by state: busy, idle, and max (the pool's size).",
    labelNames: ["state"] as const,
    registers,
    collect() {
      const use = ctx.database.poolUse();
      this.set({ state: "busy" }, use.busy);
      this.set({ state: "idle" }, use.idle);
      this.set({ state: "max" }, use.max);
    },
  });
  new Gauge({
    name: "koperasi_db_pool_waiting",
    help: "Callers waiting for a database connection of this process.",
    registers,
    collect() {
      this.set(ctx.database.poolUse().waiting);
    },
  });
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(value());
      },
    });
  gauge("koperasi_log_leaves_waiting", "Postings waiting for a checkpoint of their cooperative's transparency log; their receipts wait with them.", () => readings.backlog.leaves);
  gauge("koperasi_log_cooperatives_waiting", "Cooperatives with postings waiting for a checkpoint.", () => readings.backlog.cooperatives);
  gauge(
    "koperasi_log_stale_cooperatives",
    `Cooperatives whose oldest waiting posting has waited longer than ${LOG_STALE_AFTER_SECONDS} seconds for a checkpoint.`,
    () => readings.backlog.stale,
  );
  gauge(
    "koperasi_log_oldest_checkpoint_age_seconds",
    "How long the posting waiting longest (of any cooperative) has waited for its checkpoint; 0 when none waits.",
    () => readings.backlog.oldest,
  );
  new Gauge({
    name: "koperasi_log_failing_cooperatives",
    help: "Cooperatives whose checkpoints this process's publisher cannot make (e.g. a log key that does not open), retried with a growing wait.",
    registers,
    collect() {
      this.set(ctx.transparency.failures().length);
    },
  });
  new Gauge({
    name: "koperasi_jobs_failing",
    help: "End-of-day job-dates whose last run failed and are not yet done, per job (over every cooperative).",
    labelNames: ["job"] as const,
    registers,
    collect() {
      this.reset();
      for (const [job, failing] of readings.failingJobs) this.set({ job }, failing);
    },
  });
  gauge("koperasi_backup_age_seconds", "Seconds since the last good backup finished; +Inf when none is recorded.", () => readings.backupAgeSeconds);
  gauge("koperasi_backup_last_failed", "1 when the latest backup attempt failed (its error is on the operator's console), else 0.", () => (readings.backupLastFailed ? 1 : 0));
  gauge("koperasi_verify_failed_cooperatives", "Cooperatives whose books and log did not check out in the latest `koperasi verify --all`.", () => readings.verify.failed);
  gauge("koperasi_verify_last_run_timestamp_seconds", "When the latest `koperasi verify --all` finished (Unix time); 0 when none has run.", () => readings.verify.at);
}
