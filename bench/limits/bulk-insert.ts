import type { Sql } from "../lib/sql";

// The database's limit for batch work: rows per second inserted with one
// statement per batch, `INSERT … SELECT * FROM unnest($1::bigint[], …)`, the
// way a bulk loader (the generator, month-end jobs) writes. The table is also
// what the bare route looks rows up in.

export const BENCH_TABLE = "bench_row";
const BATCH = 10_000;
const KOPERASI = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

export async function createBenchTable(sql: Sql): Promise<void> {
  await sql.query(`CREATE TABLE IF NOT EXISTS ${BENCH_TABLE} (id bigint PRIMARY KEY, koperasi_id uuid NOT NULL, amount bigint NOT NULL, note text NOT NULL)`);
}

export async function benchTableRows(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ n: string }>(`SELECT coalesce(max(id), 0)::text AS n FROM ${BENCH_TABLE}`);
  return Number(row?.n ?? 0);
}

/** Inserts batches for `seconds` (at most `maxRows` rows); resolves to rows per second. */
export async function bulkInsert(sql: Sql, options: { seconds: number; maxRows: number }): Promise<{ rows: number; rowsPerSecond: number }> {
  let next = (await benchTableRows(sql)) + 1;
  let rows = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  while (performance.now() < deadline && rows < options.maxRows) {
    const n = Math.min(BATCH, options.maxRows - rows);
    const ids: number[] = [];
    const koperasi: string[] = [];
    const amounts: number[] = [];
    const notes: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(next + i);
      koperasi.push(KOPERASI);
      amounts.push(((next + i) * 7919) % 5_000_000);
      notes.push(`Setoran simpanan sukarela ${next + i}`);
    }
    await sql.query(`INSERT INTO ${BENCH_TABLE} SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::bigint[], $4::text[])`, [ids, koperasi, amounts, notes]);
    next += n;
    rows += n;
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows, rowsPerSecond: rows / seconds };
}
