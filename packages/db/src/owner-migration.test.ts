import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations, type SqlRunner } from "./migrate";

// In production the schema owner that runs migrations is not a superuser, so
// the row-level security every tenant table forces applies to it too: a
// migration that reads or rewrites tenant rows as the owner sees none unless
// it sets the cooperative first. PGlite and a default PostgreSQL run as a
// superuser and would hide that, so here the migrations run as a plain owner
// role over a database that already holds members of two cooperatives.

const OWNER = "koperasi_owner_uji";
const FIRST_WITH_MEMBER_BACKFILL = "20261128009000_member_registry.sql";
const KOPERASI = ["0190a000-0000-7000-8000-0000000000a1", "0190a000-0000-7000-8000-0000000000b2"];

let client: PGlite;

/** Statements as the owner role (no superuser, no BYPASSRLS), or as the cluster's superuser for fixtures and checks. */
function runnerAs(role: string | null): SqlRunner {
  const enter = role ? `SET ROLE ${role}` : "RESET ROLE";
  return {
    exec: async (text) => {
      await client.exec(`${enter}; ${text}`);
    },
    query: async <R>(text: string, params?: unknown[]) => {
      await client.exec(enter);
      return (await client.query<R>(text, params ?? [])).rows;
    },
  };
}

const owner = runnerAs(OWNER);
const superuser = runnerAs(null);

beforeAll(async () => {
  client = await PGlite.create();
  await client.exec(`
    CREATE ROLE ${OWNER} NOSUPERUSER NOBYPASSRLS CREATEROLE;
    GRANT CREATE, USAGE ON SCHEMA public TO ${OWNER};`);
  const files = readMigrations();
  const before = files.findIndex((file) => file.name === FIRST_WITH_MEMBER_BACKFILL);
  expect(before).toBeGreaterThan(0);
  await migrate(owner, files.slice(0, before));

  // Two cooperatives with members, written before the member registry existed.
  await superuser.exec(`INSERT INTO "user" (id, name, email, "emailVerified") VALUES ('pendiri', 'Pendiri', 'pendiri@contoh.id', true)`);
  for (const [i, id] of KOPERASI.entries()) {
    await superuser.query(
      `INSERT INTO koperasi (id, slug, name, type, address, city, province, time_zone, email, phone, status, created_by)
       VALUES ($1, $2, $3, 'ksp', 'Jl. Merdeka 1', 'Malang', 'Jawa Timur', 'Asia/Jakarta', 'koperasi@contoh.id', '+6281234567890', 'approved', 'pendiri')`,
      [id, `kop-uji-${i}`, `Koperasi Uji ${i}`],
    );
    await superuser.query(
      `INSERT INTO member (koperasi_id, id, member_number, full_name, status, joined_on)
       SELECT $1, gen_random_uuid(), 'AGT-' || n, 'Siti Aminah ' || n, CASE WHEN n % 4 = 0 THEN 'calon' ELSE 'aktif' END, '2025-01-02'
       FROM generate_series(1, $2::int) AS n`,
      [id, 5 + i * 3],
    );
    // Savings controls with an account for every member, opened before savings products existed.
    await superuser.query(
      `INSERT INTO gl_account (koperasi_id, id, code, name, type, normal_balance, is_control)
       VALUES ($1, gen_random_uuid(), '3-1100', 'Simpanan Pokok', 'ekuitas', 'credit', true),
              ($1, gen_random_uuid(), '2-1100', 'Simpanan Sukarela', 'liabilitas', 'credit', true)`,
      [id],
    );
    await superuser.query(
      `INSERT INTO member_account (koperasi_id, id, member_id, account_id)
       SELECT m.koperasi_id, gen_random_uuid(), m.id, a.id FROM member m JOIN gl_account a ON a.koperasi_id = m.koperasi_id WHERE m.koperasi_id = $1`,
      [id],
    );
  }
  await migrate(owner, files);
}, 120_000);

afterAll(async () => {
  await client?.close();
});

describe("migrations run by a schema owner that is not a superuser", () => {
  it("runs them as a role without superuser or BYPASSRLS, which owns the tables", async () => {
    const [role] = await superuser.query<{ rolsuper: boolean; rolbypassrls: boolean }>("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", [OWNER]);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const [table] = await superuser.query<{ owner: string; forced: boolean }>(
      "SELECT pg_get_userbyid(relowner) AS owner, relforcerowsecurity AS forced FROM pg_class WHERE relname = 'member'",
    );
    expect(table).toEqual({ owner: OWNER, forced: true });
  });

  it("counts every cooperative's members in the member tally", async () => {
    const tally = await superuser.query<{ koperasi_id: string; status: string; n: number }>(
      "SELECT koperasi_id::text, status, n::int FROM member_tally WHERE n > 0 ORDER BY 1, 2",
    );
    expect(tally).toEqual([
      { koperasi_id: KOPERASI[0], status: "aktif", n: 4 },
      { koperasi_id: KOPERASI[0], status: "calon", n: 1 },
      { koperasi_id: KOPERASI[1], status: "aktif", n: 6 },
      { koperasi_id: KOPERASI[1], status: "calon", n: 2 },
    ]);
  });

  it("indexes every member's name for search and gives each her entry into the book", async () => {
    const [missing] = await superuser.query<{ untokened: number; without_history: number }>(
      `SELECT
         count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM member_name_token t WHERE t.koperasi_id = m.koperasi_id AND t.member_id = m.id))::int AS untokened,
         count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM member_status_change c WHERE c.koperasi_id = m.koperasi_id AND c.member_id = m.id AND c.from_status IS NULL))::int AS without_history
       FROM member m`,
    );
    expect(missing).toEqual({ untokened: 0, without_history: 0 });
    const [tokens] = await superuser.query<{ n: number }>("SELECT count(*)::int AS n FROM member_name_token WHERE token = 'aminah'");
    expect(tokens?.n).toBe(13);
  });

  it("gives every cooperative its default savings products and makes each member account an account of its product", async () => {
    const products = await superuser.query<{ koperasi_id: string; codes: string }>(
      "SELECT koperasi_id::text, string_agg(code, ',' ORDER BY code) AS codes FROM savings_product GROUP BY 1 ORDER BY 1",
    );
    // Only the controls the chart has: no Simpanan Wajib or Berjangka here.
    expect(products).toEqual(KOPERASI.map((koperasi_id) => ({ koperasi_id, codes: "SP,SS" })));
    const [accounts] = await superuser.query<{ total: number; matched: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE p.account_id = ma.account_id)::int AS matched
       FROM member_account ma LEFT JOIN savings_product p ON p.koperasi_id = ma.koperasi_id AND p.id = ma.savings_product_id`,
    );
    expect(accounts).toEqual({ total: 26, matched: 26 });
  });

  it("leaves no cooperative selected on the migrating connection", async () => {
    const [setting] = await owner.query<{ k: string | null }>("SELECT nullif(current_setting('app.koperasi_id', true), '') AS k");
    expect(setting?.k).toBeNull();
  });
});
