import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { summarise, type CpuProfile, type ProfileSummary } from "./lib/cpu-profile";
import { CpuMeter } from "./lib/cpu-time";
import { Recorder } from "./lib/figures";
import { parseOptions } from "./lib/options";
import { createScratchDatabase, DEFAULT_POSTGRES_URL, dropAllScratchDatabases, postgresUnavailable, type ScratchDatabase } from "./lib/postgres";
import { stopAllChildren } from "./lib/processes";
import { statementsPerRequest as countStatements, type RequestSpec } from "./lib/statements";
import { prepareCooperative, type CooperativeUnderTest } from "./scenarios/cooperative";
import { dashboardPaths } from "./scenarios/requests";

// `npm run bench:profile [-- --db pg|pglite --members 200 --requests 400]`:
// where a request's time goes. A cooperative is generated, the real server
// started with a CPU profiler it starts and stops on a signal (so start-up
// is left out), and two scenarios are sent one request at a time, after a
// warm-up: the member's dashboard (its four GETs in turn) and transfers.
// Printed as Markdown: CPU time per request (the server's sampled busy
// time / requests), statements per request, the top functions by self time
// and the time by package. docs/performance.md keeps the results.

const PRELOAD = fileURLToPath(new URL("./lib/cpu-profile-preload.mjs", import.meta.url));

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pg" },
    members: { type: "string", default: "200" },
    requests: { type: "string", default: "400" },
    "postgres-url": { type: "string", default: process.env.BENCH_POSTGRES_URL ?? DEFAULT_POSTGRES_URL },
  },
});

const log = (line: string) => process.stderr.write(`[profile] ${line}\n`);

async function waitForLine(c: CooperativeUnderTest, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(c.server.child.stderr());
    if (match) return match;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server did not print ${pattern} within ${timeoutMs} ms`);
}

async function send(url: string, spec: RequestSpec): Promise<void> {
  const res = await fetch(`${url}${spec.path}`, { method: spec.method, headers: spec.headers, body: spec.body, signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`${spec.method} ${spec.path} answered ${res.status}`);
}

interface Profiled {
  name: string;
  requests: number;
  statementsPerRequest: number;
  wallMsPerRequest: number;
  /** CPU time from /proc per request: the server process, and the database's backends (PostgreSQL). */
  cpuMsPerRequest: { server: number; database: number };
  summary: ProfileSummary;
}

let profiles = 0;

/** Warm-up, then `count` requests one at a time under the profiler. */
async function profile(c: CooperativeUnderTest, database: string | undefined, name: string, count: number, next: (i: number) => RequestSpec): Promise<Profiled> {
  // The statement count's pass (requests one at a time, less the idle background) is also the warm-up.
  // A server without /metrics (older versions) is warmed up without the count.
  const statementsPerRequest = await countStatements(c.server.url, Math.min(200, count), (i) => next(count + i)).catch(async () => {
    for (let i = 0; i < Math.min(200, count); i++) await send(c.server.url, next(count + i));
    return Number.NaN;
  });
  process.kill(c.server.child.pid, "SIGUSR2");
  await waitForLine(c, /cpu-profile started/);
  const meter = new CpuMeter(c.server.child.pid, database).start();
  const began = performance.now();
  for (let i = 0; i < count; i++) await send(c.server.url, next(i));
  const wall = performance.now() - began;
  const cpu = meter.stop();
  process.kill(c.server.child.pid, "SIGUSR2");
  const written = await waitForLine(c, new RegExp(`cpu-profile (\\S+/${++profiles}\\.cpuprofile)`));
  const path = written[1]!;
  log(`${name}: profile in ${path}`);
  const summary = summarise(JSON.parse(readFileSync(path, "utf8")) as CpuProfile);
  return { name, requests: count, statementsPerRequest, wallMsPerRequest: wall / count, cpuMsPerRequest: { server: (1000 * cpu.server) / count, database: (1000 * cpu.database) / count }, summary };
}

function markdown(p: Profiled): string {
  // The profile says how the server's time divides; /proc says how much CPU it was (sampled time also counts a thread waiting for a core on a busy machine).
  const ms = (micros: number) => ((p.cpuMsPerRequest.server * micros) / p.summary.busyMicros).toFixed(3);
  const share = (micros: number) => `${((100 * micros) / p.summary.busyMicros).toFixed(1)} %`;
  const lines = [
    `### ${p.name}`,
    `${p.requests} requests one at a time: ${p.cpuMsPerRequest.server.toFixed(2)} ms of server CPU per request, ${Number.isNaN(p.cpuMsPerRequest.database) ? "database CPU not measured" : `${p.cpuMsPerRequest.database.toFixed(2)} ms of PostgreSQL CPU`} (/proc), ${p.wallMsPerRequest.toFixed(2)} ms wall per request, ${Number.isNaN(p.statementsPerRequest) ? "statements not counted (no /metrics)" : `${p.statementsPerRequest.toFixed(2)} statements per request (BEGIN and COMMIT included)`}.`,
    "",
    "| by package (self time) | ms/request | share |",
    "|---|---:|---:|",
    ...p.summary.packages.map((s) => `| ${s.name} | ${ms(s.micros)} | ${share(s.micros)} |`),
    "",
    "| top functions (self time) | ms/request | share |",
    "|---|---:|---:|",
    ...p.summary.topFunctions.map((s) => `| \`${s.name}\` | ${ms(s.micros)} | ${share(s.micros)} |`),
    "",
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const kind = values.db === "pglite" ? "pglite" : "pg";
  const members = Number(values.members);
  const count = Number(values.requests);
  const settings = parseOptions(["--quick"]);
  if (settings === "help") throw new Error("unreachable");
  const rec = new Recorder();
  let scratch: ScratchDatabase | undefined;
  if (kind === "pg") {
    const unavailable = await postgresUnavailable(values["postgres-url"]!);
    if (unavailable) throw new Error(`PostgreSQL: ${unavailable}`);
    scratch = await createScratchDatabase(values["postgres-url"]!, "profile", { migrated: true });
  }
  const profileDir = mkdtempSync(join(tmpdir(), "koperasi-profile-"));
  const c = await prepareCooperative(kind, members, { ...settings, seed: { ...settings.seed, logins: 20 } }, rec, {
    databaseUrl: scratch?.url,
    log,
    server: { nodeArgs: ["--import", PRELOAD], env: { BENCH_CPU_PROFILE_DIR: profileDir } },
  });
  try {
    const paths = dashboardPaths(c.seeded.koperasiId);
    const dashboard = await profile(c, scratch?.name, `${kind}: member dashboard (4 GETs in turn)`, count, (i) => {
      const member = c.members[Math.floor(i / paths.length) % c.members.length]!;
      return { method: "GET", path: paths[i % paths.length]!(member), headers: { cookie: member.cookie } };
    });
    const accounts = c.seeded.members.map((m) => m.memberAccountId);
    const run = Date.now().toString(36);
    const transfers = await profile(c, scratch?.name, `${kind}: transfer between two members`, count, (i) => ({
      method: "POST",
      path: `/api/v1/koperasi/${c.seeded.koperasiId}/transfers`,
      headers: { cookie: c.bendaharaCookie, "content-type": "application/json", "idempotency-key": `profile-${run}-${i}` },
      body: JSON.stringify({ fromMemberAccountId: accounts[i % accounts.length], toMemberAccountId: accounts[(i + 1) % accounts.length], amount: 1000 }),
    }));
    process.stdout.write(`${markdown(dashboard)}\n${markdown(transfers)}`);
  } finally {
    await c.close();
    await scratch?.drop();
  }
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAllChildren();
    await dropAllScratchDatabases();
  });
