import { PGlite } from "@electric-sql/pglite";
import Fastify from "fastify";
import pg from "pg";
import { createBenchTable, BENCH_TABLE } from "../limits/bulk-insert";
import { pgliteSql, pgSql, type Sql } from "../lib/sql";

// The bare route: Fastify doing one primary-key lookup per request, nothing
// else (no session, no tenant transaction, no logging, no schema). Its peak
// rate and its latency at a fixed rate are what the app's routes are compared
// with. Run as a child process by limits/bare-route-limit.ts:
//   BENCH_DB_URL=postgres://… (a pool of 10, like the app)  or  BENCH_PGLITE_ROWS=n
//   PORT=<port>

const port = Number(process.env.PORT);
let sql: Sql;
let close: () => Promise<void>;
let rows: number;

if (process.env.BENCH_DB_URL) {
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DB_URL, max: 10 });
  pool.on("error", () => {});
  sql = pgSql(pool);
  close = () => pool.end();
  const [row] = await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${BENCH_TABLE}`);
  rows = Number(row?.n ?? 0);
} else {
  const client = await PGlite.create();
  sql = pgliteSql(client);
  close = () => client.close();
  rows = Number(process.env.BENCH_PGLITE_ROWS ?? 100_000);
  await createBenchTable(sql);
  await sql.query(
    `INSERT INTO ${BENCH_TABLE} SELECT i, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', i % 5000000, 'Setoran simpanan sukarela ' || i FROM generate_series(1, $1::int) AS i`,
    [rows],
  );
}
if (rows === 0) throw new Error(`${BENCH_TABLE} is empty`);

const app = Fastify({ logger: false });
app.get("/healthz", async () => ({ ok: true, rows }));
app.get<{ Params: { id: string } }>("/pk/:id", async (request, reply) => {
  const [row] = await sql.query(`SELECT id::text, koperasi_id, amount::text, note FROM ${BENCH_TABLE} WHERE id = $1`, [request.params.id]);
  if (!row) return reply.status(404).send({ code: "not_found" });
  return row;
});
await app.listen({ port, host: "127.0.0.1" });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await app.close();
    await close();
    process.exit(0);
  });
}
