import pg from "pg";
import { bareRouteLimitNames, measureBareRoute, startBareRoute, type BareRoute } from "../limits/bare-route";
import { bulkInsert, createBenchTable } from "../limits/bulk-insert";
import { findPgbench, pgbenchInit, pgbenchRun } from "../limits/pgbench";
import type { Recorder } from "../lib/figures";
import type { BenchSettings } from "../lib/options";
import { createScratchDatabase, postgresUnavailable, type ScratchDatabase } from "../lib/postgres";
import { pgSql } from "../lib/sql";
import { calibrateRate, measureCooperative, measureTransfers, prepareCooperative, type CooperativeUnderTest } from "../scenarios/cooperative";
import { measureBackupRestore } from "../scenarios/backup";
import { measureRestartToReady } from "../scenarios/restart";
import { prepareSpreadTransfers, type SpreadTransfers } from "../scenarios/spread-transfers";
import { measureTlogStore } from "./tlog";

// Everything on PostgreSQL, limits and scenarios in the same benchmark run:
// each run measures pgbench, the unnest insert and the bare route, then every
// cooperative size, so a ratio compares figures taken minutes apart on the
// same, equally busy machine.

export async function benchPostgres(settings: BenchSettings, rec: Recorder, log: (line: string) => void): Promise<void> {
  const unavailable = await postgresUnavailable(settings.postgresUrl);
  if (unavailable) {
    rec.skip("pg", `PostgreSQL ${unavailable}; PostgreSQL figures not measured`);
    return;
  }
  const { rows } = await pgQuery(settings.postgresUrl, "SHOW server_version");
  rec.info("postgres", String(rows[0]?.server_version ?? "?"));
  const pgbench = findPgbench();
  if (!pgbench) rec.skip("pg.limit.tpcb", "pgbench not found (PATH, /usr/lib/postgresql/*/bin); transfer ratios not computed");

  const databases: ScratchDatabase[] = [];
  const cooperatives: CooperativeUnderTest[] = [];
  let spread: SpreadTransfers | undefined;
  let bare: BareRoute | undefined;
  let pool: pg.Pool | undefined;
  try {
    let tpcb: ScratchDatabase | undefined;
    if (pgbench) {
      tpcb = await createScratchDatabase(settings.postgresUrl, "pgbench");
      databases.push(tpcb);
      log(`pg: pgbench -i -s ${settings.pgbench.scale}`);
      await pgbenchInit(pgbench, tpcb.url, settings.pgbench.scale);
    }
    const limits = await createScratchDatabase(settings.postgresUrl, "limits");
    databases.push(limits);
    pool = new pg.Pool({ connectionString: limits.url, max: 2 });
    pool.on("error", () => {});
    const sql = pgSql(pool);
    await createBenchTable(sql);
    await bulkInsert(sql, { seconds: 600, maxRows: settings.bareRows });
    await sql.query("VACUUM ANALYZE bench_row");
    bare = await startBareRoute({ BENCH_DB_URL: limits.url });

    const tlogStore = settings.targets.has("tlog") ? await createScratchDatabase(settings.postgresUrl, "tlog", { migrated: true }) : undefined;
    if (tlogStore) databases.push(tlogStore);

    let firstDatabase: ScratchDatabase | undefined;
    let lastDatabase: ScratchDatabase | undefined;
    for (const members of settings.pgSizes) {
      const db = await createScratchDatabase(settings.postgresUrl, `m${members}`, { migrated: true });
      databases.push(db);
      firstDatabase ??= db;
      lastDatabase = db;
      cooperatives.push(await prepareCooperative("pg", members, settings, rec, { databaseUrl: db.url, log }));
    }

    const spreadMembers = settings.pgSizes[0];
    if (settings.spreadCooperatives > 1 && spreadMembers !== undefined) {
      const db = await createScratchDatabase(settings.postgresUrl, `spread${settings.spreadCooperatives}`, { migrated: true });
      databases.push(db);
      spread = await prepareSpreadTransfers(settings.spreadCooperatives, spreadMembers, settings, { databaseUrl: db.url, log });
    }

    log("pg: calibrating the latency rate");
    const measured = await calibrateRate(cooperatives[0], settings, rec);
    for (let round = 1; round <= settings.runs; round++) {
      if (pgbench && tpcb) {
        const { scale, clients, threads, seconds } = settings.pgbench;
        log(`pg run ${round}/${settings.runs}: pgbench -c ${clients} -j ${threads} -T ${seconds} -M prepared (scale ${scale})`);
        rec.record(
          { name: "pg.limit.tpcb", unit: "tps", better: "higher", note: `pgbench TPC-B, scale ${scale}, -c ${clients} -j ${threads} -T ${seconds} -M prepared` },
          await pgbenchRun(pgbench, tpcb.url, settings.pgbench),
        );
      }
      log(`pg run ${round}/${settings.runs}: unnest insert, bare route`);
      const inserted = await bulkInsert(sql, settings.bulkInsert);
      rec.record({ name: "pg.limit.unnest_insert", unit: "rows/s", better: "higher", note: "INSERT … SELECT FROM unnest(4 arrays), 10,000 rows per statement" }, inserted.rowsPerSecond);
      await measureBareRoute("pg", bare, measured, rec);
      for (const c of cooperatives) {
        log(`pg run ${round}/${settings.runs}: ${c.label} dashboard and transfers`);
        await measureCooperative(c, measured, rec, { ...bareRouteLimitNames("pg"), tpcb: "pg.limit.tpcb" }, round);
      }
      if (firstDatabase && cooperatives[0]) {
        // The first size's server restarted beside itself: same database, same secrets (its DATA_DIR).
        log(`pg run ${round}/${settings.runs}: restart to ready`);
        await measureRestartToReady(firstDatabase.url, cooperatives[0].dataDir, rec, settings.mode === "quick" ? 1 : 3);
      }
      if (spread) {
        log(`pg run ${round}/${settings.runs}: ${spread.label} transfers`);
        await measureTransfers(spread, measured, rec, "pg.limit.tpcb", round);
      }
      if (tlogStore) {
        log(`pg run ${round}/${settings.runs}: log through the node store, ${settings.tlog.pgStoreLeaves} leaves`);
        await measureTlogStore("pg", tlogStore.url, settings.tlog.pgStoreLeaves, settings, rec);
      }
    }
    // Backup and restore once per run, of the largest cooperative (its server stays up: a backup runs beside it).
    const largest = cooperatives.at(-1);
    if (largest && lastDatabase) {
      log(`pg: ${largest.label} backup and restore`);
      await measureBackupRestore({ kind: "pg", label: largest.label.replace(/^pg\./, ""), dataDir: largest.dataDir, databaseUrl: lastDatabase.url, adminUrl: settings.postgresUrl }, rec);
    }
  } finally {
    for (const c of cooperatives) await c.close().catch(() => {});
    await spread?.close().catch(() => {});
    await bare?.child.stop();
    await pool?.end();
    for (const db of databases) await db.drop().catch(() => {});
  }
}

async function pgQuery(url: string, text: string): Promise<pg.QueryResult<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}
