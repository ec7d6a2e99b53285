import { bareRouteLimitNames, measureBareRoute, startBareRoute, type BareRoute } from "../limits/bare-route";
import { bulkInsert, createBenchTable } from "../limits/bulk-insert";
import { startTpcbPglite, type TpcbPglite } from "../limits/tpcb-pglite";
import type { Recorder } from "../lib/figures";
import type { BenchSettings } from "../lib/options";
import { pgliteSql } from "../lib/sql";
import { measureBackupRestore } from "../scenarios/backup";
import { calibrateRate, measureCooperative, prepareCooperative, type CooperativeUnderTest } from "../scenarios/cooperative";
import { measureTlogStore } from "./tlog";

// The embedded database (`npm start` without DATABASE_URL), at smaller
// sizes. PGlite has no pgbench, so its TPC-B limit is the same transaction
// from Node (limits/tpcb-pglite.ts); the bare route runs on PGlite too.

export async function benchPglite(settings: BenchSettings, rec: Recorder, log: (line: string) => void): Promise<void> {
  const cooperatives: CooperativeUnderTest[] = [];
  let bare: BareRoute | undefined;
  let tpcb: TpcbPglite | undefined;
  try {
    log("pglite: TPC-B tables, bare route");
    tpcb = await startTpcbPglite(settings.pgliteTpcb.accounts);
    // The unnest inserts go to the same in-memory PGlite, a table of their own.
    const sql = pgliteSql(tpcb.db);
    await createBenchTable(sql);
    bare = await startBareRoute({ BENCH_PGLITE_ROWS: String(settings.bareRows) });
    for (const members of settings.pgliteSizes) cooperatives.push(await prepareCooperative("pglite", members, settings, rec, { log }));

    log("pglite: calibrating the latency rate");
    const measured = await calibrateRate(cooperatives[0], settings, rec);
    for (let round = 1; round <= settings.runs; round++) {
      log(`pglite run ${round}/${settings.runs}: TPC-B, unnest insert, bare route`);
      rec.record(
        { name: "pglite.limit.tpcb", unit: "tps", better: "higher", note: `pgbench's TPC-B transaction from Node, ${settings.pgliteTpcb.accounts} accounts, PGlite's one connection` },
        await tpcb.run(settings.pgliteTpcb.seconds, 1_000_000),
      );
      const inserted = await bulkInsert(sql, settings.bulkInsert);
      rec.record({ name: "pglite.limit.unnest_insert", unit: "rows/s", better: "higher", note: "INSERT … SELECT FROM unnest(4 arrays), 10,000 rows per statement" }, inserted.rowsPerSecond);
      await measureBareRoute("pglite", bare, measured, rec);
      for (const c of cooperatives) {
        log(`pglite run ${round}/${settings.runs}: ${c.label} dashboard and transfers`);
        await measureCooperative(c, measured, rec, { ...bareRouteLimitNames("pglite"), tpcb: "pglite.limit.tpcb" }, round);
      }
      if (settings.targets.has("tlog") && settings.tlog.pgliteStoreLeaves > 0) {
        log(`pglite run ${round}/${settings.runs}: log through the node store, ${settings.tlog.pgliteStoreLeaves} leaves`);
        await measureTlogStore("pglite", undefined, settings.tlog.pgliteStoreLeaves, settings, rec);
      }
    }
    // Backup and restore once per run, of the largest cooperative, its server stopped first (PGlite is one process's).
    const largest = cooperatives.at(-1);
    if (largest) {
      log(`pglite: ${largest.label} backup and restore`);
      await largest.server.stop();
      await measureBackupRestore({ kind: "pglite", label: largest.label.replace(/^pglite\./, ""), dataDir: largest.dataDir }, rec);
    }
  } finally {
    for (const c of cooperatives) await c.close().catch(() => {});
    await bare?.child.stop();
    await tpcb?.close();
  }
}
