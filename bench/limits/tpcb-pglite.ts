import { PGlite } from "@electric-sql/pglite";

// PGlite has no pgbench, so its limit is pgbench's TPC-B-like transaction
// run the same way from Node on PGlite's one connection (full run: scale 1,
// 100,000 accounts, 10 tellers, 1 branch; --quick: fewer accounts): three
// updates, a select and an insert in a transaction, as `pgbench -M prepared`
// sends them.

export interface TpcbPglite {
  db: PGlite;
  run(seconds: number, maxTransactions: number): Promise<number>;
  close(): Promise<void>;
}

export async function startTpcbPglite(accounts = 100_000): Promise<TpcbPglite> {
  const db = await PGlite.create();
  await db.exec(`
    CREATE TABLE pgbench_branches (bid int PRIMARY KEY, bbalance int NOT NULL, filler char(88));
    CREATE TABLE pgbench_tellers (tid int PRIMARY KEY, bid int NOT NULL, tbalance int NOT NULL, filler char(84));
    CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int NOT NULL, abalance int NOT NULL, filler char(84));
    CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22));`);
  await db.exec("INSERT INTO pgbench_branches VALUES (1, 0)");
  await db.exec("INSERT INTO pgbench_tellers SELECT t, 1, 0 FROM generate_series(1, 10) AS t");
  await db.query("INSERT INTO pgbench_accounts SELECT a, 1, 0, '' FROM generate_series(1, $1::int) AS a", [accounts]);
  await db.exec("VACUUM ANALYZE");

  let seed = 12345;
  const random = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return 1 + (seed % n);
  };
  const transaction = async () => {
    const aid = random(accounts);
    const tid = random(10);
    const bid = 1;
    const delta = random(10_001) - 5001;
    await db.transaction(async (tx) => {
      await tx.query("UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2", [delta, aid]);
      await tx.query("SELECT abalance FROM pgbench_accounts WHERE aid = $1", [aid]);
      await tx.query("UPDATE pgbench_tellers SET tbalance = tbalance + $1 WHERE tid = $2", [delta, tid]);
      await tx.query("UPDATE pgbench_branches SET bbalance = bbalance + $1 WHERE bid = $2", [delta, bid]);
      await tx.query("INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)", [tid, bid, aid, delta]);
    });
  };

  return {
    db,
    async run(seconds, maxTransactions) {
      const started = performance.now();
      const deadline = started + seconds * 1000;
      let done = 0;
      while (done < maxTransactions && performance.now() < deadline) {
        await transaction();
        done += 1;
      }
      return done / ((performance.now() - started) / 1000);
    },
    close: () => db.close(),
  };
}
