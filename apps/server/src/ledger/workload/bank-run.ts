import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@koperasi/db/testing";
import { loadConfig } from "../../config";
import { createContext } from "../../server";
import { checkBank, type CheckResult } from "./bank-checks";
import { setUpBank, signIn, type Bank, type BankShape } from "./bank-setup";
import { DEFAULT_MIX, outcomeOf, runBankWorkload, type Workload, type WorkloadMix } from "./bank-workload";
import { seededRandom } from "./random";
import { freePort, ServerProcess, sleep, type ServerRunner } from "./server-process";

// One run of the bank workload, end to end: a fresh PostgreSQL database, the
// bank set up in it, the real server started as a child process, concurrent
// clients over HTTP — optionally while a chaos loop kills the server with
// SIGKILL and starts it again — and then the checks. Used by
// bank-workload.pg.test.ts, bank-kill.pg.test.ts and `npm run soak`.

export interface BankRunOptions {
  seed: number;
  /** How the server process runs main.ts (server-process.ts). */
  runner: ServerRunner;
  bank: BankShape;
  clients: number;
  /** The workload runs at least this long (and until the last kill's restart). */
  durationMs: number;
  /** SIGKILLs of the server process during the run; 0 for none. */
  kills: number;
  /** How long the server serves, once it has answered a transfer after a restart, before the next kill. */
  uptimeMs: { min: number; max: number };
  /**
   * 0: a killed server is started again on its port, and clients see it down
   * meanwhile. n > 0: n replacement processes are kept starting ahead (each
   * on its own port, as behind a load balancer); a kill moves the clients to
   * the next one. Kills then come as fast as starts complete in parallel,
   * for long runs on a busy machine.
   */
  standbys?: number;
  /** After the run, how long clients may keep retrying keys still without a definite answer. */
  settleMs: number;
  mix?: Partial<WorkloadMix>;
  /** Progress lines (a kill, a restart). */
  log?: (line: string) => void;
}

export interface BankRunFigures {
  seed: number;
  clients: number;
  members: number;
  elapsedMs: number;
  /** Distinct transfers asked for (fresh keys). */
  transfers: number;
  acknowledged: number;
  refused: number;
  /** Transfers that never got a definite answer (allowed to be posted once or not at all). */
  unsettled: number;
  requests: number;
  replays: number;
  reuses: number;
  timeouts: number;
  refusedConnections: number;
  cutConnections: number;
  /** Transfers whose request was cut off or timed out after it was committed: the retry got the stored answer. */
  recoveredByReplay: number;
  /** Transfers whose request was cut off or timed out before it committed: the retry ran it afresh. */
  rerunAfterInterruption: number;
  inProgress: number;
  serverErrors: number;
  kills: number;
  standbys: number;
  /** The first start, and every replacement process after a kill: spawn until /readyz answers. */
  firstStartMs: number;
  restartMs: number[];
  /** From each kill until a server answers /readyz again (the restart itself without standbys). */
  downtimeMs: number[];
}

export interface BankRunReport {
  figures: BankRunFigures;
  checks: CheckResult[];
  ok: boolean;
  /** The server's last lines of output, for a failed run. */
  serverOutput: string;
}

export async function runBank(options: BankRunOptions): Promise<BankRunReport> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed);
  const dataDir = mkdtempSync(join(tmpdir(), "koperasi-bank-"));
  let db: TestDatabase | undefined;
  const servers = new Set<ServerProcess>();
  try {
    db = await createTestDatabase();
    if (!db.url) throw new Error("the bank workload needs PostgreSQL (KOPERASI_TEST_DB=postgres)");
    const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, WEB_DIST: join(dataDir, "no-web"), LOG_LEVEL: "silent" }), {
      database: db.database,
    });
    const bank = await setUpBank(ctx, options.bank, random.fork());

    const databaseUrl = db.url;
    const newServer = async () => {
      const server = new ServerProcess({ runner: options.runner, databaseUrl, port: await freePort(), dataDir });
      servers.add(server);
      return server;
    };
    const current = { server: await newServer() };
    const firstStartMs = await current.server.start();
    log(`server ready in ${Math.round(firstStartMs)} ms`);
    const cookies = [];
    for (const teller of bank.tellers) cookies.push(await signIn(current.server.baseUrl, teller));

    const started = performance.now();
    const traffic = { answers: 0 };
    let stopping = false;
    let giveUpAt = Number.POSITIVE_INFINITY;
    const workload = runBankWorkload({
      baseUrl: () => current.server.baseUrl,
      bank,
      cookies,
      clients: options.clients,
      seed: options.seed,
      mix: { ...DEFAULT_MIX, ...options.mix },
      random: random.fork(),
      stopping: () => stopping,
      giveUpAt: () => giveUpAt,
      onAnswer: () => (traffic.answers += 1),
    });
    let restarts: Restarts = { restartMs: [], downtimeMs: [] };
    let failure: unknown;
    try {
      restarts = await chaos(current, newServer, traffic, options, random.fork(), log);
      await sleep(Math.max(0, options.durationMs - (performance.now() - started)));
    } catch (error) {
      failure = error;
    }
    stopping = true;
    // The clients keep retrying what is still unanswered for a while (not when the server failed to come back).
    giveUpAt = performance.now() + (failure === undefined ? options.settleMs : 0);
    const history = await workload;
    if (failure !== undefined) throw failure;
    const elapsedMs = performance.now() - started;
    const checks = await checkBank(db.database, db.superuser, bank, history);
    return {
      figures: figuresOf(options, bank, history, { elapsedMs, firstStartMs, ...restarts }),
      checks,
      ok: checks.every((c) => c.ok),
      serverOutput: current.server.recentOutput(),
    };
  } finally {
    await Promise.all([...servers].map((server) => server.stop()));
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Longest wait for the first answer after a (re)start before killing anyway. */
const TRAFFIC_WAIT_MS = 60_000;

interface Restarts {
  restartMs: number[];
  downtimeMs: number[];
}

/**
 * Kills the serving process `options.kills` times and puts a fresh one in
 * its place (started again, or the next standby). Each kill waits until the
 * serving process has answered a transfer (so every kill lands on a server
 * under traffic, however slow the machine), then a random uptime.
 */
async function chaos(
  current: { server: ServerProcess },
  newServer: () => Promise<ServerProcess>,
  traffic: { answers: number },
  options: BankRunOptions,
  random: ReturnType<typeof seededRandom>,
  log: (line: string) => void,
): Promise<Restarts> {
  const restarts: Restarts = { restartMs: [], downtimeMs: [] };
  const standbys: { server: ServerProcess; ready: Promise<number> }[] = [];
  const launch = async () => {
    const server = await newServer();
    const ready = server.start();
    ready.catch(() => {}); // awaited when its turn comes
    standbys.push({ server, ready });
  };
  for (let i = 0; i < Math.min(options.standbys ?? 0, options.kills); i += 1) await launch();

  for (let kill = 1; kill <= options.kills; kill += 1) {
    const before = traffic.answers;
    const deadline = performance.now() + TRAFFIC_WAIT_MS;
    while (traffic.answers === before && performance.now() < deadline) await sleep(20);
    await sleep(random.int(options.uptimeMs.min, options.uptimeMs.max));
    const killedAt = performance.now();
    await current.server.kill();
    const next = standbys.shift();
    if (next) {
      const restartMs = await next.ready;
      current.server = next.server;
      restarts.restartMs.push(restartMs);
      if (kill + standbys.length < options.kills) await launch();
    } else {
      restarts.restartMs.push(await current.server.start());
    }
    restarts.downtimeMs.push(performance.now() - killedAt);
    log(`kill ${kill}/${options.kills}: serving again after ${Math.round(performance.now() - killedAt)} ms (start took ${Math.round(restarts.restartMs.at(-1) ?? 0)} ms)`);
  }
  return restarts;
}

function figuresOf(
  options: BankRunOptions,
  bank: Bank,
  workload: Workload,
  timing: { elapsedMs: number; firstStartMs: number; restartMs: number[]; downtimeMs: number[] },
): BankRunFigures {
  const outcomes = workload.records.map(outcomeOf);
  const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
  const answered = workload.records.reduce((n, r) => n + r.answers.length, 0);
  const interrupted = workload.records.filter((r) => r.interrupted > 0);
  return {
    seed: options.seed,
    clients: options.clients,
    members: bank.accounts.length,
    elapsedMs: timing.elapsedMs,
    transfers: workload.counts.transfers,
    acknowledged: count("acknowledged"),
    refused: count("refused"),
    unsettled: count("unsettled"),
    requests: workload.counts.requests,
    replays: answered - workload.records.filter((r) => r.answers.length > 0).length,
    reuses: workload.records.reduce((n, r) => n + r.reuseAnswers.length, 0),
    timeouts: workload.counts.timeouts,
    refusedConnections: workload.counts.refusedConnections,
    cutConnections: workload.counts.cutConnections,
    recoveredByReplay: interrupted.filter((r) => r.answers[0]?.replayed).length,
    rerunAfterInterruption: interrupted.filter((r) => r.answers[0] && !r.answers[0].replayed).length,
    inProgress: workload.counts.inProgress,
    serverErrors: workload.counts.serverErrors,
    kills: timing.restartMs.length,
    standbys: options.standbys ?? 0,
    firstStartMs: timing.firstStartMs,
    restartMs: timing.restartMs,
    downtimeMs: timing.downtimeMs,
  };
}

/** Nearest-rank percentile (p in 0..100) of a list of numbers; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** The figures and checks as plain lines, for a test's output or the soak's terminal. */
export function describeRun(report: BankRunReport): string {
  const f = report.figures;
  const restart =
    f.restartMs.length > 0
      ? `start of a replacement p50 ${ms(percentile(f.restartMs, 50))}, p95 ${ms(percentile(f.restartMs, 95))}, max ${ms(Math.max(...f.restartMs))}; down after a kill p50 ${ms(percentile(f.downtimeMs, 50))}, p95 ${ms(percentile(f.downtimeMs, 95))}`
      : "no restarts";
  return [
    `seed ${f.seed} (replay: SEED=${f.seed}), ${f.clients} clients, ${f.members} members, ${ms(f.elapsedMs)}`,
    `transfers ${f.transfers}: acknowledged ${f.acknowledged}, refused ${f.refused}, unsettled ${f.unsettled}`,
    `requests ${f.requests}: replayed answers ${f.replays}, other-body reuses ${f.reuses}, 409 in progress ${f.inProgress}, 5xx ${f.serverErrors}`,
    `no answer: ${f.timeouts} timed out, ${f.cutConnections} cut off by a kill, ${f.refusedConnections} refused (server down); afterwards ${f.recoveredByReplay} transfers got their stored answer, ${f.rerunAfterInterruption} ran afresh`,
    `kills ${f.kills} (standbys ${f.standbys}); first start ${ms(f.firstStartMs)}; ${restart}`,
    ...report.checks.map((c) => `${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`),
  ].join("\n");
}

function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}
