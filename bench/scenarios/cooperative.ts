import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CpuMeter } from "../lib/cpu-time";
import { statementsPerRequest } from "../lib/statements";
import { signIn, startAppServer, type AppServer, type AppServerOptions } from "../lib/app-server";
import type { Recorder } from "../lib/figures";
import { failureShare, runLoad, type LoadResult } from "../lib/load";
import type { BenchSettings } from "../lib/options";
import { PeakRss, runWorker } from "../lib/processes";
import { dashboardPaths, dashboardRequests, registryPaths, registryRequests, transferRequests, type DashboardMember } from "./requests";
import type { SeededCooperative } from "./seed";
import { measureSignInTiming } from "./sign-in-timing";

// One cooperative of a given size on one database, served by the real app
// in a child process: seeded once, then measured once per run — member
// dashboard reads (peak rate, and latency at the fixed rate) and transfers
// through HTTP — with the server's peak RSS during each.

export type DatabaseKind = "pg" | "pglite";

export interface CooperativeUnderTest {
  /** Figure prefix, e.g. `pg.m10000`. */
  label: string;
  kind: DatabaseKind;
  server: AppServer;
  seeded: SeededCooperative;
  members: DashboardMember[];
  bendaharaCookie: string;
  dataDir: string;
  /** The PostgreSQL database serving it (undefined on PGlite, which runs inside the server). */
  databaseName: string | undefined;
  close(): Promise<void>;
}

const SEED_WORKER = fileURLToPath(new URL("./seed-worker.ts", import.meta.url));
const GENERATE_WORKER = fileURLToPath(new URL("./generate-worker.ts", import.meta.url));

interface SeedContext {
  databaseUrl?: string | undefined;
  log: (line: string) => void;
}

/**
 * `koperasi generate` in a worker process: one cooperative with its history
 * in the database (several with distinct seeds may share one), a bendahara
 * and the first members' logins.
 */
export function runGenerator(
  members: number,
  settings: BenchSettings,
  dataDir: string,
  databaseUrl: string | undefined,
  seed = "bench",
  months = settings.seed.months,
): Promise<SeededCooperative & { logSeconds: number; peakRssMiB: number }> {
  return runWorker<SeededCooperative & { logSeconds: number }>(
    GENERATE_WORKER,
    {
      GEN_DATA_DIR: dataDir,
      GEN_DATABASE_URL: databaseUrl ?? "",
      GEN_MEMBERS: String(members),
      GEN_MONTHS: String(months),
      GEN_LOGINS: String(settings.seed.logins),
      GEN_SEED: seed,
    },
    // A bound, not an estimate: generous for a busy machine.
    300_000 + members * 100,
  );
}

/** The data generator, as `koperasi generate` runs it: members/s for a cooperative with its history, entries/s of the bulk write. */
async function generate(label: string, kind: DatabaseKind, members: number, settings: BenchSettings, rec: Recorder, dataDir: string, options: SeedContext): Promise<SeededCooperative> {
  options.log(`${label}: koperasi generate --members ${members} --months ${settings.seed.months}`);
  const generated = await runGenerator(members, settings, dataDir, options.databaseUrl);
  const seconds = generated.memberSeconds + generated.entrySeconds + generated.logSeconds;
  const note = `koperasi generate, ${settings.seed.months} months, ${generated.entries} entries`;
  rec.record({ name: `${label}.generate.seconds`, unit: "s", better: "lower", note: `${note}: members, postings and log` }, seconds);
  rec.record({ name: `${label}.generate.members_per_s`, unit: "members/s", better: "higher", note: `${note}: members with their year, per second of the whole run` }, members / seconds);
  rec.record({ name: `${label}.generate.entries_per_s`, unit: "entries/s", better: "higher", limit: `${kind}.limit.unnest_insert`, note: `${note}: the bulk posting phase` }, generated.entries / generated.entrySeconds);
  if (generated.logSeconds > 0) {
    rec.record({ name: `${label}.generate.log_leaves_per_s`, unit: "leaves/s", better: "higher", note: `${note}: sequencing and checkpoints` }, generated.entries / generated.logSeconds);
  }
  rec.record({ name: `${label}.generate.rss`, unit: "MiB", better: "lower", note: "generator process, getrusage maxrss" }, generated.peakRssMiB);
  return generated;
}

/** Every entry through postEntry: the posting path's speed in batches. */
async function seedThroughPostings(label: string, kind: DatabaseKind, members: number, settings: BenchSettings, rec: Recorder, dataDir: string, options: SeedContext): Promise<SeededCooperative> {
  const transfers = Math.round(members * settings.seed.transfersPerMember);
  options.log(`${label}: seeding ${members} members, ${members + transfers} entries through the posting path`);
  // Roughly 100 postings/s on a busy two-core machine; the bound leaves room.
  const timeoutMs = 120_000 + (members + transfers) * 50;
  const seeded = await runWorker<SeededCooperative>(
    SEED_WORKER,
    {
      SEED_DATA_DIR: dataDir,
      SEED_DATABASE_URL: options.databaseUrl ?? "",
      SEED_MEMBERS: String(members),
      SEED_TRANSFERS_PER_MEMBER: String(settings.seed.transfersPerMember),
      SEED_LOGINS: String(settings.seed.logins),
    },
    timeoutMs,
  );
  const seedSeconds = seeded.memberSeconds + seeded.entrySeconds;
  const note = "posting path (postEntry per entry, 250 per transaction), not the bulk generator";
  rec.record({ name: `${label}.seed.members_per_s`, unit: "members/s", better: "higher", note }, members / seedSeconds);
  rec.record({ name: `${label}.seed.entries_per_s`, unit: "entries/s", better: "higher", limit: `${kind}.limit.unnest_insert`, note }, seeded.entries / seeded.entrySeconds);
  rec.record({ name: `${label}.seed.rss`, unit: "MiB", better: "lower", note: "seeding process, getrusage maxrss" }, seeded.peakRssMiB);
  return seeded;
}

export function prepareCooperative(
  kind: DatabaseKind,
  members: number,
  settings: BenchSettings,
  rec: Recorder,
  options: { databaseUrl?: string | undefined; log: (line: string) => void; server?: Pick<AppServerOptions, "nodeArgs" | "env"> },
): Promise<CooperativeUnderTest> {
  const label = `${kind}.m${members}`;
  return startSeededServer(
    label,
    options,
    (dataDir) => (settings.seeder === "generate" ? generate(label, kind, members, settings, rec, dataDir, options) : seedThroughPostings(label, kind, members, settings, rec, dataDir, options)),
    async (server, seeded, dataDir) => {
      const memberCookies: DashboardMember[] = [];
      for (const login of seeded.memberLogins) {
        memberCookies.push({ cookie: await signIn(server.url, login), memberId: login.memberId, memberAccountId: login.memberAccountId });
      }
      const bendaharaCookie = await signIn(server.url, seeded.bendahara);
      await checkDashboard(server.url, seeded.koperasiId, memberCookies[0]!);
      await checkRegistry(server.url, seeded.koperasiId, bendaharaCookie, seeded.members.map((m) => m.memberId));
      return { label, kind, server, seeded, members: memberCookies, bendaharaCookie, dataDir, databaseName: databaseNameOf(options.databaseUrl) };
    },
  );
}

/**
 * A fresh data directory, seeded, then the app server on it: what `ready`
 * returns, with a close() that stops the server and removes the directory.
 * If seeding or `ready` fails, both are cleaned up before the error goes on.
 */
export async function startSeededServer<S, T>(
  label: string,
  options: { databaseUrl?: string | undefined; log: (line: string) => void; server?: Pick<AppServerOptions, "nodeArgs" | "env"> },
  seed: (dataDir: string) => Promise<S>,
  ready: (server: AppServer, seeded: S, dataDir: string) => Promise<T>,
): Promise<T & { close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `koperasi-bench-${label.replace(/[^a-z0-9]+/gi, "-")}-`));
  try {
    const seeded = await seed(dataDir);
    options.log(`${label}: starting the server`);
    const server = await startAppServer({ databaseUrl: options.databaseUrl, dataDir, ...options.server });
    try {
      const result = await ready(server, seeded, dataDir);
      return {
        ...result,
        close: async () => {
          await server.stop();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await server.stop();
      throw error;
    }
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The database a postgres:// URL names; undefined for PGlite. */
export function databaseNameOf(url: string | undefined): string | undefined {
  return url ? decodeURIComponent(new URL(url).pathname.slice(1)) : undefined;
}

/** One dashboard cycle by hand: every route answers 200 with her own data, or the benchmark would measure errors. */
async function checkDashboard(url: string, koperasiId: string, member: DashboardMember): Promise<void> {
  for (const pathOf of dashboardPaths(koperasiId)) {
    const path = pathOf(member);
    const res = await fetch(`${url}${path}`, { headers: { cookie: member.cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`dashboard check: GET ${path} answered ${res.status}: ${body}`);
    if (path.includes("/member-accounts") && !body.includes(member.memberAccountId)) throw new Error(`dashboard check: GET ${path} does not show her account: ${body.slice(0, 200)}`);
  }
}

/** One registry cycle by hand: every route answers 200, and a name search finds somebody. */
async function checkRegistry(url: string, koperasiId: string, cookie: string, memberIds: readonly string[]): Promise<void> {
  let found = 0;
  for (const pathOf of registryPaths(`/api/v1/koperasi/${koperasiId}/members`)) {
    for (let i = 0; i < 5; i++) {
      const path = pathOf(Math.random, memberIds);
      const res = await fetch(`${url}${path}`, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`registry check: GET ${path} answered ${res.status}: ${body.slice(0, 300)}`);
      if (path.includes("q=")) found += (JSON.parse(body) as { total: number }).total;
    }
  }
  if (found === 0) throw new Error("registry check: five name searches found nobody");
}

/** Where a cooperative's journal is counted: the server, the cooperative, a staff session. */
export interface JournalReader {
  url: string;
  koperasiId: string;
  cookie: string;
}

function readerOf(c: CooperativeUnderTest): JournalReader {
  return { url: c.server.url, koperasiId: c.seeded.koperasiId, cookie: c.bendaharaCookie };
}

async function journalTotal(c: JournalReader): Promise<number> {
  const res = await fetch(`${c.url}/api/v1/koperasi/${c.koperasiId}/journals?pageSize=1`, { headers: { cookie: c.cookie } });
  if (!res.ok) throw new Error(`journal count: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { total: number }).total;
}

/** Entries in the journals of all the given cooperatives. */
export async function journalsTotal(readers: readonly JournalReader[]): Promise<number> {
  let total = 0;
  for (const reader of readers) total += await journalTotal(reader);
  return total;
}

/** The journal count once requests still in flight have finished (stable for 300 ms, at most 10 s). */
export async function settledJournalsTotal(readers: readonly JournalReader[]): Promise<number> {
  let last = await journalsTotal(readers);
  for (let i = 0; i < 33; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await journalsTotal(readers);
    if (now === last) return now;
    last = now;
  }
  return last;
}

function warnOnFailures(rec: Recorder, what: string, result: LoadResult): void {
  const share = failureShare(result);
  if (share > 0) rec.warn(`${what}: ${(share * 100).toFixed(2)} % of responses not 2xx ${JSON.stringify(result.statuses)}`);
}

export interface HttpLimits {
  peak: string;
  latency: (p: "p50" | "p95" | "p99") => string;
  tpcb: string;
}

/** Statements sent to the database per dashboard request and per transfer (goals: ≤ 4 and ≤ 6). */
async function measureStatements(c: CooperativeUnderTest, rec: Recorder, round: number): Promise<void> {
  const paths = dashboardPaths(c.seeded.koperasiId);
  const perRead = await statementsPerRequest(c.server.url, paths.length * 10, (i) => {
    const member = c.members[Math.floor(i / paths.length) % c.members.length]!;
    return { method: "GET", path: paths[i % paths.length]!(member), headers: { cookie: member.cookie } };
  });
  rec.record({ name: `${c.label}.statements.dashboard`, unit: "stmt/req", better: "lower", note: "per dashboard request, BEGIN and COMMIT included; goal ≤ 4" }, perRead);
  const accounts = c.seeded.members.map((m) => m.memberAccountId);
  const perTransfer = await statementsPerRequest(c.server.url, 20, (i) => ({
    method: "POST",
    path: `/api/v1/koperasi/${c.seeded.koperasiId}/transfers`,
    headers: { cookie: c.bendaharaCookie, "content-type": "application/json", "idempotency-key": `statements-${round}-${i}-${Date.now()}` },
    body: JSON.stringify({ fromMemberAccountId: accounts[(2 * i) % accounts.length], toMemberAccountId: accounts[(2 * i + 1) % accounts.length], amount: 1_000 }),
  }));
  rec.record({ name: `${c.label}.statements.transfer`, unit: "stmt/req", better: "lower", note: "per transfer, BEGIN and COMMIT included; goal ≤ 6" }, perTransfer);
}

export async function measureCooperative(c: CooperativeUnderTest, settings: BenchSettings, rec: Recorder, limits: HttpLimits, round: number): Promise<void> {
  const { http } = settings;
  await measureStatements(c, rec, round);
  const dashboard = dashboardRequests(c.seeded.koperasiId, c.members);
  const rss = new PeakRss(c.server.child.pid).start();
  await runLoad({ url: c.server.url, connections: http.peakConnections, durationSeconds: http.warmupSeconds, maxResponses: 1_000_000, requests: dashboard });
  const peak = await runLoad({ url: c.server.url, connections: http.peakConnections, durationSeconds: http.peakSeconds, maxResponses: 2_000_000, requests: dashboard });
  warnOnFailures(rec, `${c.label}.dashboard.peak`, peak);
  rec.record({ name: `${c.label}.dashboard.peak`, unit: "req/s", better: "higher", limit: limits.peak }, peak.okPerSecond);
  const atRate = await runLoad({
    url: c.server.url,
    connections: http.rateConnections,
    durationSeconds: http.rateSeconds,
    rate: http.rate,
    maxResponses: Math.ceil(http.rate * http.rateSeconds * 1.5),
    requests: dashboard,
  });
  warnOnFailures(rec, `${c.label}.dashboard.rate`, atRate);
  if (atRate.okPerSecond < http.rate * 0.9) rec.warn(`${c.label}.dashboard: ${atRate.okPerSecond.toFixed(0)} req/s answered of ${http.rate} asked (run ${round})`);
  for (const p of ["p50", "p95", "p99"] as const) {
    // The embedded default a newcomer meets: its p95 at 1,000 members has a goal of its own.
    const goal = c.kind === "pglite" && p === "p95" ? "; goal ≤ 100 ms at 1,000 members on a quiet machine" : "";
    rec.record({ name: `${c.label}.dashboard.${p}`, unit: "ms", better: "lower", limit: limits.latency(p), note: `at ${http.rate} req/s${goal}` }, atRate.latency[p]);
  }
  rec.record({ name: `${c.label}.dashboard.rss`, unit: "MiB", better: "lower", note: "server process peak RSS (VmHWM) during the dashboard load" }, rss.stop());

  // The registry as staff search it, at the same fixed rate: each figure
  // covers a list page, a name-prefix search and a member's record.
  const registryRss = new PeakRss(c.server.child.pid).start();
  const registry = await runLoad({
    url: c.server.url,
    connections: http.rateConnections,
    durationSeconds: http.rateSeconds,
    rate: http.rate,
    maxResponses: Math.ceil(http.rate * http.rateSeconds * 1.5),
    requests: registryRequests(c.seeded.koperasiId, c.bendaharaCookie, c.seeded.members.map((m) => m.memberId), round),
  });
  warnOnFailures(rec, `${c.label}.registry`, registry);
  if (registry.okPerSecond < http.rate * 0.9) rec.warn(`${c.label}.registry: ${registry.okPerSecond.toFixed(0)} req/s answered of ${http.rate} asked (run ${round})`);
  for (const p of ["p50", "p95", "p99"] as const) {
    rec.record({ name: `${c.label}.registry.${p}`, unit: "ms", better: "lower", limit: limits.latency(p), note: `list page, name-prefix search, member record; at ${http.rate} req/s; goal p95 < 100 ms` }, registry.latency[p]);
  }
  rec.record({ name: `${c.label}.registry.rss`, unit: "MiB", better: "lower", note: "server process peak RSS (VmHWM) during the registry load" }, registryRss.stop());

  await measureTransfers(
    { label: c.label, server: c.server, databaseName: c.databaseName, cooperatives: [{ reader: readerOf(c), memberAccountIds: c.seeded.members.map((m) => m.memberAccountId) }] },
    settings,
    rec,
    limits.tpcb,
    round,
  );

  await measureSignInTiming(c.server.url, c.label, c.seeded.memberLogins, rec, round);
}

/** Cooperatives served by one server, whose transfers are measured together. */
export interface TransferTarget {
  /** Figure prefix, e.g. `pg.m1000` or `pg.spread8.m1000`. */
  label: string;
  server: AppServer;
  /** The PostgreSQL database, whose backends' CPU time is counted; undefined on PGlite. */
  databaseName: string | undefined;
  cooperatives: { reader: JournalReader; memberAccountIds: string[] }[];
}

/**
 * Transfers by each cooperative's bendahara, every connection cycling
 * through the cooperatives in turn; 201s counted and checked against the
 * entries actually posted in all of them.
 */
export async function measureTransfers(target: TransferTarget, settings: BenchSettings, rec: Recorder, tpcbLimit: string, round: number): Promise<void> {
  const { label, server, cooperatives } = target;
  const readers = cooperatives.map((c) => c.reader);
  const before = await journalsTotal(readers);
  const transferRss = new PeakRss(server.child.pid).start();
  const cpu = new CpuMeter(server.child.pid, target.databaseName).start();
  const transfers = await runLoad({
    url: server.url,
    connections: settings.transfers.connections,
    durationSeconds: settings.transfers.seconds,
    maxResponses: 1_000_000,
    requests: cooperatives.flatMap((c, i) => transferRequests(c.reader.koperasiId, c.reader.cookie, c.memberAccountIds, round + 1000 * i)),
  });
  const posted = (await settledJournalsTotal(readers)) - before;
  const spent = cpu.stop();
  // Requests in flight when the window closes are abandoned by the client but
  // still posted by the server: at most one per connection more than counted.
  if (posted < transfers.ok || posted > transfers.ok + settings.transfers.connections) {
    rec.warn(`${label}.transfers: ${transfers.ok} answered 201 but ${posted} entries were posted`);
  }
  warnOnFailures(rec, `${label}.transfers`, transfers);
  const spread = cooperatives.length > 1 ? `, spread over ${cooperatives.length} cooperatives` : "";
  const note = `${settings.transfers.connections} connections, Idempotency-Key per request${spread}`;
  rec.record({ name: `${label}.transfers.tps`, unit: "tps", better: "higher", limit: tpcbLimit, note }, transfers.okPerSecond);
  rec.record({ name: `${label}.transfers.p50`, unit: "ms", better: "lower", note }, transfers.latency.p50);
  rec.record({ name: `${label}.transfers.p99`, unit: "ms", better: "lower", note }, transfers.latency.p99);
  rec.record({ name: `${label}.transfers.rss`, unit: "MiB", better: "lower", note: "server process peak RSS (VmHWM) during transfers" }, transferRss.stop());
  // Where a transfer's CPU goes: the server process, and the database's
  // backends serving it (the journal counts read around the window included).
  if (posted > 0) {
    rec.record({ name: `${label}.transfers.server_cpu`, unit: "ms/req", better: "lower", note: "server process CPU time (/proc) per entry posted" }, (spent.server * 1000) / posted);
    if (target.databaseName !== undefined) {
      rec.record({ name: `${label}.transfers.db_cpu`, unit: "ms/req", better: "lower", note: "CPU time of the PostgreSQL backends of its database (/proc) per entry posted" }, (spent.database * 1000) / posted);
    }
  }
}

/**
 * The fixed rate for this run's latency figures: the configured rate, or half
 * the dashboard's peak on the smallest cooperative when the machine cannot
 * serve that much (latency above the peak rate would measure only the queue).
 * The bare route and every size are then measured at this same rate.
 */
export async function calibrateRate(c: CooperativeUnderTest | undefined, settings: BenchSettings, rec: Recorder): Promise<BenchSettings> {
  const { http } = settings;
  if (!c) return settings;
  const requests = dashboardRequests(c.seeded.koperasiId, c.members);
  await runLoad({ url: c.server.url, connections: http.peakConnections, durationSeconds: http.warmupSeconds, maxResponses: 1_000_000, requests });
  const peak = await runLoad({ url: c.server.url, connections: http.peakConnections, durationSeconds: http.peakSeconds, maxResponses: 2_000_000, requests });
  const rate = Math.max(5, Math.min(http.rate, Math.floor(peak.okPerSecond / 2)));
  rec.info(`${c.kind}.latency_rate`, `${rate} req/s (configured ${http.rate}; ${c.label} dashboard peak ${peak.okPerSecond.toFixed(0)} req/s while calibrating)`);
  return { ...settings, http: { ...http, rate } };
}
