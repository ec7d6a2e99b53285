// Transfers per second through HTTP on PostgreSQL, beside pgbench TPC-B on the
// same server:
//
//   npx tsx apps/server/src/ledger/load/measure-transfers.ts [--seconds 20] [--concurrency 16] [--members 1000] [--pgbench]
//
// Works on a throwaway database cloned from the migrated template
// (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and
// drops it afterwards; with --pgbench, also a scratch scale-10 pgbench
// database (`pgbench -c 8 -j 2 -T 30 -M prepared`). Load targets 127.0.0.1 only.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase, TEST_DATABASE_URL } from "@koperasi/db/testing";
import { buildApp } from "../../app";
import { loadConfig } from "../../config";
import { createContext } from "../../server";
import { driveTransfers, prepareTransferScenario } from "./transfer-load";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    concurrency: { type: "string", default: "16" },
    members: { type: "string", default: "1000" },
    pgbench: { type: "boolean", default: false },
  },
});

process.env.KOPERASI_TEST_DB = "postgres";
const dataDir = mkdtempSync(join(tmpdir(), "koperasi-measure-"));
const db = await createTestDatabase();
const ctx = await createContext({ ...loadConfig({ DATA_DIR: dataDir, WEB_DIST: join(dataDir, "no-web") }), logLevel: "silent" }, { database: db.database });
const app = await buildApp(ctx, { logger: false });
try {
  const baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
  const scenario = await prepareTransferScenario(ctx, { members: Number(values.members) });
  await driveTransfers({ baseUrl, scenario, concurrency: 8, durationMs: 3000 }); // warm-up
  const result = await driveTransfers({ baseUrl, scenario, concurrency: Number(values.concurrency), durationMs: Number(values.seconds) * 1000 });
  console.log(
    `transfers/s ${result.perSecond.toFixed(0)}  posted ${result.posted} refused ${result.refused} failed ${result.failed}  ` +
      `p50 ${result.p50Ms.toFixed(1)} ms p95 ${result.p95Ms.toFixed(1)} ms p99 ${result.p99Ms.toFixed(1)} ms`,
  );
  if (values.pgbench) {
    const tps = pgbenchTps();
    console.log(`pgbench tps ${tps.toFixed(0)}  ratio ${(result.perSecond / tps).toFixed(2)}`);
  }
} finally {
  await app.close();
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

function pgbenchTps(): number {
  const name = `pgbench_scratch_${process.pid}`;
  const url = new URL(TEST_DATABASE_URL);
  const admin = url.toString();
  url.pathname = `/${name}`;
  execFileSync("psql", [admin, "-qc", `CREATE DATABASE ${name}`]);
  try {
    execFileSync("pgbench", ["-i", "-s", "10", "-q", url.toString()], { stdio: "ignore" });
    const out = execFileSync("pgbench", ["-c", "8", "-j", "2", "-T", "30", "-M", "prepared", url.toString()], { encoding: "utf8" });
    const match = /tps = ([\d.]+)/.exec(out);
    if (!match) throw new Error(`pgbench printed no tps:\n${out}`);
    return Number(match[1]);
  } finally {
    execFileSync("psql", [admin, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  }
}
