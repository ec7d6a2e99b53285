// `npm run soak`: the bank workload for a long while, the server process
// killed with SIGKILL (100 times unless SOAK_KILLS says otherwise) and
// restarted, then every invariant checked. Prints the figures and writes them
// to docs/soak.md (SOAK_REPORT=<path> elsewhere, SOAK_REPORT=- nowhere).
// Exits 1 when an invariant fails. PostgreSQL: TEST_DATABASE_URL, as for
// `npm run test:pg`.
//
//   SEED=<n>            replay a run's plan
//   SOAK_KILLS=<n>      number of kills (default 100)
//   SOAK_CLIENTS=<n>    concurrent clients (default 12)
//   SOAK_MEMBERS=<n>    member accounts (default 10)
//   SOAK_UPTIME_MS=a-b  how long the server serves between its first answer and the kill (default 1000-4000)
//   SOAK_STANDBYS=<n>   replacement processes kept starting ahead (default 0: restart in place)
//   SERVER_RUNNER=tsx|bundle  how main.ts runs (default bundle)

import { writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { TEST_DATABASE_URL } from "@koperasi/db/testing";
import { describeRun, percentile, runBank, type BankRunReport } from "./bank-run";
import { seedFrom } from "./random";
import { runnerFrom } from "./server-process";

process.env.KOPERASI_TEST_DB ??= "postgres";
const DEFAULT_REPORT = fileURLToPath(new URL("../../../../../docs/soak.md", import.meta.url));

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} harus bilangan bulat ≥ 0: ${raw}`);
  return value;
}

function range(name: string, fallback: { min: number; max: number }): { min: number; max: number } {
  const raw = process.env[name];
  if (!raw) return fallback;
  const match = /^(\d+)-(\d+)$/.exec(raw);
  if (!match || Number(match[1]) > Number(match[2])) throw new Error(`${name} berformat min-max (milidetik): ${raw}`);
  return { min: Number(match[1]), max: Number(match[2]) };
}

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]?.server_version ?? "?";
  } finally {
    await client.end();
  }
}

function machine(postgres: string): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Linux ${release()}, Node.js ${process.version}, PostgreSQL ${postgres}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The 1-minute load average: start times say little without it on a shared machine. */
function load(): string {
  return (loadavg()[0] ?? 0).toFixed(1);
}

function markdown(report: BankRunReport, when: Date, onMachine: string): string {
  const f = report.figures;
  const rows: [string, string][] = [
    ["seed", `${f.seed} (replay with \`SEED=${f.seed} npm run soak\`)`],
    ["clients / member accounts", `${f.clients} / ${f.members}`],
    ["duration", seconds(f.elapsedMs)],
    ["server kills (SIGKILL) and restarts", String(f.kills)],
    ["how a killed server is replaced", f.standbys === 0 ? "started again on its port" : `the next of ${f.standbys} processes kept starting ahead, each on its own port`],
    ["first start, spawn to /readyz", seconds(f.firstStartMs)],
    ["start of a replacement process p50 / p95 / max", `${seconds(percentile(f.restartMs, 50))} / ${seconds(percentile(f.restartMs, 95))} / ${seconds(Math.max(...f.restartMs, 0))}`],
    ["down after a kill p50 / p95 / max", `${seconds(percentile(f.downtimeMs, 50))} / ${seconds(percentile(f.downtimeMs, 95))} / ${seconds(Math.max(...f.downtimeMs, 0))}`],
    ["transfers attempted (distinct keys)", String(f.transfers)],
    ["acknowledged (201)", `${f.acknowledged} (${(f.acknowledged / (f.elapsedMs / 1000)).toFixed(1)}/s over the whole run)`],
    ["refused (409 insufficient_balance)", String(f.refused)],
    ["never answered", String(f.unsettled)],
    ["HTTP requests, retries included", String(f.requests)],
    ["replayed answers (duplicates and resends)", String(f.replays)],
    ["same key, other body (422)", String(f.reuses)],
    ["409 idempotency_in_progress", String(f.inProgress)],
    ["requests cut off by a kill / timed out / refused while down", `${f.cutConnections} / ${f.timeouts} / ${f.refusedConnections}`],
    ["interrupted transfers that had committed (stored answer on retry)", String(f.recoveredByReplay)],
    ["interrupted transfers that had not (ran afresh on retry)", String(f.rerunAfterInterruption)],
    ["5xx answers", String(f.serverErrors)],
  ];
  return [
    "# Soak: the bank workload through server kills",
    "",
    "`npm run soak` runs the bank workload (Jepsen style, `apps/server/src/ledger/workload/`) against the real",
    "server process on PostgreSQL and kills that process with SIGKILL again and again, starting it anew each",
    "time; PostgreSQL keeps running. Concurrent clients, each signed in as a bendahara, post random transfers",
    "between member accounts with an `Idempotency-Key`; a request without an answer (timeout, connection cut",
    "or refused) is retried with the same key and body until a definite answer comes. Some transfers are sent",
    "two or three times at once, settled keys are sent again (the stored answer must return) or with another",
    "body (422), and some amounts exceed all the money in the bank. Afterwards the clients' history is checked",
    "against the database: the invariants below. `bank-kill.pg.test.ts` runs the same with 10 kills and one standby in CI.",
    "",
    "Each kill waits until the serving process has answered a transfer, then a random 1–4 s, so every kill",
    "lands on a server under traffic. Settings: `SOAK_KILLS` (100), `SOAK_CLIENTS` (12), `SOAK_MEMBERS` (10),",
    "`SOAK_UPTIME_MS` (1000-4000), `SOAK_STANDBYS` (0: a killed server is started again on its port; n: n",
    "replacement processes are kept starting ahead on their own ports and a kill moves the clients to the next,",
    "as behind a load balancer — kills then come as fast as parallel starts complete), `SERVER_RUNNER`",
    "(`bundle`: main.ts compiled once by esbuild, about 40% less CPU per start than `tsx`), `SEED`,",
    "`TEST_DATABASE_URL`. This file is rewritten by each run.",
    "",
    `## Last run: ${when.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${onMachine}.`,
    "",
    "| figure | value |",
    "|---|---|",
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    "",
    "| invariant | result |",
    "|---|---|",
    ...report.checks.map((c) => `| ${c.name} | ${c.ok ? "holds" : "**FAILS**"}: ${c.detail.replace(/\|/g, "\\|")} |`),
    "",
    "A start is timed from spawning the process until `/readyz` answers; it is CPU-bound (module loading),",
    "so on a busy machine it dominates the run time.",
    "",
  ].join("\n");
}

const seed = seedFrom();
const kills = positiveInt("SOAK_KILLS", 100);
console.log(`soak: seed ${seed} (replay: SEED=${seed}), ${kills} kills`);
const when = new Date();
const loadAtStart = load();
const postgres = await postgresVersion();
const report = await runBank({
  seed,
  runner: runnerFrom("bundle"),
  bank: { members: positiveInt("SOAK_MEMBERS", 10), tellers: 3, openingBalance: { min: 50_000, max: 2_000_000 } },
  clients: positiveInt("SOAK_CLIENTS", 12),
  durationMs: 0,
  kills,
  uptimeMs: range("SOAK_UPTIME_MS", { min: 1_000, max: 4_000 }),
  standbys: positiveInt("SOAK_STANDBYS", 0),
  settleMs: 60_000,
  log: (line) => console.log(line),
});
console.log(describeRun(report));
const target = process.env.SOAK_REPORT ?? DEFAULT_REPORT;
if (target !== "-") {
  writeFileSync(target, markdown(report, when, `${machine(postgres)}; load average ${loadAtStart} at the start, ${load()} at the end`));
  console.log(`figures written to ${target}`);
}
if (!report.ok) console.error(report.serverOutput);
process.exit(report.ok ? 0 : 1);
