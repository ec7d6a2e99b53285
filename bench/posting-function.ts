import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { APP_ROLE, openDatabase } from "@koperasi/db";
import { loadConfig } from "../apps/server/src/config";
import { seedChartOfAccounts } from "../apps/server/src/ledger/chart";
import { createContext } from "../apps/server/src/server";
import { createKoperasi, createUser } from "../apps/server/src/testing/harness";
import { findPgbench, parsePgbenchTps, pgbenchInit } from "./limits/pgbench";
import { createScratchDatabase, DEFAULT_POSTGRES_URL, dropAllScratchDatabases, loopbackUrl } from "./lib/postgres";

// `npx tsx bench/posting-function.ts [seconds]`: the posting function alone
// (`ledger_post_entry()`, no HTTP, no gate), driven by pgbench as the
// application role, against pgbench's TPC-B in the same run. It isolates
// what a cooperative's gap-free voucher counter costs (docs/adr/
// 0005-voucher-numbers.md):
// - `single`: one posting per transaction, every client in ONE cooperative
//   (all draw from one counter row, held through each commit's WAL flush);
// - `spread`: the same, clients spread over 8 cooperatives (8 counters);
// - `grouped`: B postings of one cooperative per transaction, each in its
//   own savepoint (group commit: one counter hold and one flush for B).
// - `no flush`: `single` with synchronous_commit off — never for postings;
//   here only to show how much of the counter's hold is the WAL flush.
// Each posting is Kas 1-1100 debit / Pendapatan Denda 4-1300 credit, so no
// member account lock interferes: only the counter and the commit remain.
// Figures are postings per second. BENCH_DATABASE_URL as for `npm run bench`.

const run = promisify(execFile);
const seconds = Number(process.argv[2] ?? 15);
const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL;
const COOPERATIVES = 8;

function pgEnv(url: string, asApp: boolean): NodeJS.ProcessEnv {
  const u = loopbackUrl(url);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username || "postgres"),
    PGDATABASE: u.pathname.slice(1),
    ...(asApp ? { PGOPTIONS: `-c role=${APP_ROLE}` } : {}),
  };
}

/** One posting of cooperative :c (bench_coop row), inside the caller's transaction. */
const POST = `SELECT (ledger_post_entry(k.koperasi_id, gen_random_uuid(), false, 'transfer', NULL, current_date, 'posting function bench', k.user_id, NULL, NULL,
  date_trunc('milliseconds', clock_timestamp()), 'TRF', false, ARRAY[k.kas, k.income], ARRAY[NULL, NULL]::uuid[], ARRAY[1000, 0]::bigint[], ARRAY[0, 1000]::bigint[],
  sha256(random()::text::bytea))).refusal FROM bench_coop k WHERE k.n = :c;`;
const SELECT_TENANT = `SELECT set_config('app.koperasi_id', k.koperasi_id::text, true), set_config('app.user_id', k.user_id, true) FROM bench_coop k WHERE k.n = :c;`;

function script(cooperatives: number, batch: number, flush = true): string {
  const lines = [`\\set c :client_id % ${cooperatives}`, "BEGIN;", ...(flush ? [] : ["SET LOCAL synchronous_commit = off;"]), SELECT_TENANT];
  for (let i = 0; i < batch; i++) lines.push(...(batch > 1 ? [`SAVEPOINT p${i};`, POST, `RELEASE SAVEPOINT p${i};`] : [POST]));
  lines.push("COMMIT;");
  return `${lines.join("\n")}\n`;
}

async function pgbench(binary: string, url: string, file: string | null, clients: number): Promise<number> {
  const args = ["-n", "-c", String(clients), "-j", String(Math.min(2, clients)), "-T", String(seconds), ...(file ? ["-f", file] : ["-M", "prepared"])];
  const { stdout } = await run(binary, args, { env: pgEnv(url, file !== null), timeout: (seconds + 120) * 1000, maxBuffer: 16 << 20 });
  return parsePgbenchTps(stdout);
}

async function main(): Promise<void> {
  const binary = findPgbench();
  if (!binary) throw new Error("pgbench not found");
  const dir = mkdtempSync(join(tmpdir(), "posting-bench-"));
  try {
    const tpcb = await createScratchDatabase(adminUrl, "pgbench");
    await pgbenchInit(binary, tpcb.url, 10);
    const scratch = await createScratchDatabase(adminUrl, "posting", { migrated: true });
    const database = await openDatabase({ databaseUrl: scratch.url });
    const ctx = await createContext({ ...loadConfig({ DATA_DIR: dir, WEB_DIST: join(dir, "no-web") }), logLevel: "silent" }, { database });
    const owner = new pg.Client({ connectionString: scratch.url });
    await owner.connect();
    await owner.query("CREATE TABLE bench_coop (n integer PRIMARY KEY, koperasi_id uuid, user_id text, kas uuid, income uuid)");
    await owner.query(`GRANT SELECT ON bench_coop TO ${APP_ROLE}`);
    const staff = await createUser(ctx, { name: "Bendahara Uji" });
    for (let n = 0; n < COOPERATIVES; n++) {
      const { koperasiId } = await createKoperasi(ctx, staff.userId);
      await database.tenant({ koperasiId }, (trx) => seedChartOfAccounts(trx, koperasiId, "ksp"));
      await owner.query(
        `INSERT INTO bench_coop SELECT $1, $2::uuid, $3,
           (SELECT id FROM gl_account WHERE koperasi_id = $2::uuid AND code = '1-1100'),
           (SELECT id FROM gl_account WHERE koperasi_id = $2::uuid AND code = '4-1300')`,
        [n, koperasiId, staff.userId],
      );
    }
    await database.close();
    const files = {
      single: join(dir, "single.sql"),
      spread: join(dir, "spread.sql"),
      grouped8: join(dir, "grouped8.sql"),
      grouped32: join(dir, "grouped32.sql"),
      noFlush: join(dir, "no-flush.sql"),
    };
    writeFileSync(files.single, script(1, 1));
    writeFileSync(files.spread, script(COOPERATIVES, 1));
    writeFileSync(files.grouped8, script(1, 8));
    writeFileSync(files.grouped32, script(1, 32));
    writeFileSync(files.noFlush, script(1, 1, false));

    const out = (name: string, postings: number, tpcbTps: number) =>
      process.stdout.write(`${name.padEnd(44)} ${postings.toFixed(0).padStart(6)} postings/s  ${(postings / tpcbTps).toFixed(3)} of TPC-B\n`);
    const tpcbTps = await pgbench(binary, tpcb.url, null, 8);
    process.stdout.write(`${"pgbench TPC-B, scale 10, -c 8".padEnd(44)} ${tpcbTps.toFixed(0).padStart(6)} tps\n`);
    for (const clients of [8, 16, 32]) out(`one cooperative, 1 posting/tx, -c ${clients}`, await pgbench(binary, scratch.url, files.single, clients), tpcbTps);
    for (const clients of [8, 16, 32]) out(`8 cooperatives, 1 posting/tx, -c ${clients}`, await pgbench(binary, scratch.url, files.spread, clients), tpcbTps);
    for (const clients of [1, 2, 4]) out(`one cooperative, 8 postings/tx, -c ${clients}`, 8 * (await pgbench(binary, scratch.url, files.grouped8, clients)), tpcbTps);
    out("one cooperative, no flush (measurement only), -c 8", await pgbench(binary, scratch.url, files.noFlush, 8), tpcbTps);
    out("one cooperative, 32 postings/tx, -c 1", 32 * (await pgbench(binary, scratch.url, files.grouped32, 1)), tpcbTps);
    const check = await owner.query<{ gaps: string; entries: string }>(
      `SELECT count(*) AS entries, count(*) FILTER (WHERE n <> rn) AS gaps FROM (
         SELECT split_part(voucher_no, '/', 3)::bigint AS n, row_number() OVER (PARTITION BY koperasi_id, split_part(voucher_no, '/', 2) ORDER BY voucher_no) AS rn
         FROM journal_entry) v`,
    );
    process.stdout.write(`entries posted: ${check.rows[0]?.entries}, voucher numbers out of sequence: ${check.rows[0]?.gaps}\n`);
    const tpcbAgain = await pgbench(binary, tpcb.url, null, 8);
    process.stdout.write(`${"pgbench TPC-B again".padEnd(44)} ${tpcbAgain.toFixed(0).padStart(6)} tps\n`);
    await owner.end();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropAllScratchDatabases();
  }
}

await main();
process.exit(0);
