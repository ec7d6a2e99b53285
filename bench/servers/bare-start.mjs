// The bare start: what any Node.js server on Fastify and pg must do before
// it can answer — start Node, load the two, connect, listen — and nothing
// else (no migrations check, no auth, no routes of ours). The app's
// restart-to-ready is compared with it. Plain JavaScript, run with plain
// `node`, as the built app is. Env: BENCH_DB_URL, PORT.
import Fastify from "fastify";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.BENCH_DB_URL, max: 10 });
const app = Fastify({ logger: false });
app.get("/readyz", async () => {
  await pool.query("SELECT 1");
  return { ok: true };
});
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
process.once("SIGTERM", async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
