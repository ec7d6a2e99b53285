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
  /** The first start, and every restart after a kill: spawn until /readyz answers. */
  firstStartMs: number;
  restartMs: number[];
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
  let server: ServerProcess | undefined;
  try {
    db = await createTestDatabase();
    if (!db.url) throw new Error("the bank workload needs PostgreSQL (KOPERASI_TEST_DB=postgres)");
    const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, WEB_DIST: join(dataDir, "no-web"), LOG_LEVEL: "silent" }), {
      database: db.database,
    });
    const bank = await setUpBank(ctx, options.bank, random.fork());

    server = new ServerProcess({ runner: options.runner, databaseUrl: db.url, port: await freePort(), dataDir });
    const firstStartMs = await server.start();
    log(`server ready in ${Math.round(firstStartMs)} ms`);
    const cookies = [];
    for (const teller of bank.tellers) cookies.push(await signIn(server.baseUrl, teller));

    const started = performance.now();
    const traffic = { answers: 0 };
    let stopping = false;
    let giveUpAt = Number.POSITIVE_INFINITY;
    const workload = runBankWorkload({
      baseUrl: server.baseUrl,
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
    let restartMs: number[] = [];
    let failure: unknown;
    try {
      restartMs = await chaos(server, traffic, options, random.fork(), log);
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
      figures: figuresOf(options, bank, history, { elapsedMs, firstStartMs, restartMs }),
      checks,
      ok: checks.every((c) => c.ok),
      serverOutput: server.recentOutput(),
    };
  } finally {
    await server?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Longest wait for the first answer after a (re)start before killing anyway. */
const TRAFFIC_WAIT_MS = 60_000;

/**
 * Kills the server `options.kills` times and starts it again; the restart
 * times. Each kill waits until the server has answered a transfer since it
 * started (so every kill lands on a server under traffic, however slow the
 * machine), then a random uptime.
 */
async function chaos(
  server: ServerProcess,
  traffic: { answers: number },
  options: BankRunOptions,
  random: ReturnType<typeof seededRandom>,
  log: (line: string) => void,
): Promise<number[]> {
  const restartMs: number[] = [];
  for (let kill = 1; kill <= options.kills; kill += 1) {
    const before = traffic.answers;
    const deadline = performance.now() + TRAFFIC_WAIT_MS;
    while (traffic.answers === before && performance.now() < deadline) await sleep(20);
    await sleep(random.int(options.uptimeMs.min, options.uptimeMs.max));
    await server.kill();
    const ms = await server.start();
    restartMs.push(ms);
    log(`kill ${kill}/${options.kills}: back in ${Math.round(ms)} ms`);
  }
  return restartMs;
}

function figuresOf(
  options: BankRunOptions,
  bank: Bank,
  workload: Workload,
  timing: { elapsedMs: number; firstStartMs: number; restartMs: number[] },
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
    firstStartMs: timing.firstStartMs,
    restartMs: timing.restartMs,
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
  const restart = f.restartMs.length > 0 ? `restart p50 ${ms(percentile(f.restartMs, 50))}, p95 ${ms(percentile(f.restartMs, 95))}, max ${ms(Math.max(...f.restartMs))}` : "no restarts";
  return [
    `seed ${f.seed} (replay: SEED=${f.seed}), ${f.clients} clients, ${f.members} members, ${ms(f.elapsedMs)}`,
    `transfers ${f.transfers}: acknowledged ${f.acknowledged}, refused ${f.refused}, unsettled ${f.unsettled}`,
    `requests ${f.requests}: replayed answers ${f.replays}, other-body reuses ${f.reuses}, 409 in progress ${f.inProgress}, 5xx ${f.serverErrors}`,
    `no answer: ${f.timeouts} timed out, ${f.cutConnections} cut off by a kill, ${f.refusedConnections} refused (server down); afterwards ${f.recoveredByReplay} transfers got their stored answer, ${f.rerunAfterInterruption} ran afresh`,
    `kills ${f.kills}; first start ${ms(f.firstStartMs)}; ${restart}`,
    ...report.checks.map((c) => `${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`),
  ].join("\n");
}

function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}
