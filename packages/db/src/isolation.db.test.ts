import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing";
import { seedTenantRows } from "./tenant-fixtures";

// Tables that mention a cooperative but are platform data (no RLS): each is
// reached only through routes that check platform permissions. screening_run
// is the operator's record of which cooperatives a list version has screened.
const PLATFORM_TABLES_WITH_KOPERASI_ID = ["registration", "outbound_message", "screening_run"];

let t: TestDatabase;
let a: { koperasiId: string; userId: string };
let b: { koperasiId: string; userId: string };
let tenantTables: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  a = await seedTenantRows(t.superuser, "a");
  b = await seedTenantRows(t.superuser, "b");
  // A tenant table is one whose primary key starts with koperasi_id.
  const rows = await t.superuser.query<{ table_name: string }>(`
    SELECT c.relname AS table_name
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute att ON att.attrelid = c.oid AND att.attnum = k.conkey[1]
    WHERE k.contype = 'p' AND att.attname = 'koperasi_id'
    ORDER BY 1`);
  tenantTables = rows.map((r) => r.table_name);
});

afterAll(async () => {
  await t?.drop();
});

describe("tenant tables in the catalog", () => {
  it("finds the foundation's tenant tables", () => {
    expect(tenantTables).toEqual(
      expect.arrayContaining(["audit_log", "invitation", "koperasi_module", "koperasi_user", "member", "stored_file", "tenant_sequence"]),
    );
  });

  it("has row-level security enabled AND forced on every tenant table", async () => {
    const rows = await t.superuser.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1) AND relkind = 'r'`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    for (const row of rows) {
      expect({ table: row.relname, enabled: row.relrowsecurity, forced: row.relforcerowsecurity }).toEqual({
        table: row.relname,
        enabled: true,
        forced: true,
      });
    }
  });

  it("keys every table that names a cooperative as tenant data, or lists it as platform data", async () => {
    const rows = await t.superuser.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'koperasi_id'`,
    );
    const unexplained = rows.map((r) => r.table_name).filter((n) => !tenantTables.includes(n) && !PLATFORM_TABLES_WITH_KOPERASI_ID.includes(n));
    expect(unexplained).toEqual([]);
  });

  it("serves as a role that is neither superuser nor able to bypass RLS, and owns no table", async () => {
    const [role] = await sql<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>`
      SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`.execute(t.database.db).then((r) => r.rows);
    expect(role).toEqual({ rolname: "koperasi_app", rolsuper: false, rolbypassrls: false });
    const owned = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_tables WHERE tableowner = current_user`.execute(t.database.db);
    expect(owned.rows[0]?.n).toBe(0);
  });
});

describe("a transaction opened for cooperative A", () => {
  it("has fixture rows for both cooperatives in every tenant table", async () => {
    for (const table of tenantTables) {
      const rows = await t.superuser.query<{ koperasi_id: string }>(`SELECT DISTINCT koperasi_id::text FROM ${table}`);
      expect({ table, ids: rows.map((r) => r.koperasi_id).sort() }).toEqual({ table, ids: [a.koperasiId, b.koperasiId].sort() });
    }
  });

  it("reads only A's rows from every tenant table", async () => {
    for (const table of tenantTables) {
      const seen = await t.database.tenant({ koperasiId: a.koperasiId }, (trx) =>
        sql<{ koperasi_id: string }>`SELECT koperasi_id::text FROM ${sql.table(table)}`.execute(trx),
      );
      expect({ table, count: seen.rows.length }).toEqual({ table, count: 1 });
      expect(seen.rows.every((r) => r.koperasi_id === a.koperasiId)).toBe(true);
    }
  });

  it("cannot update or delete B's rows in any tenant table", async () => {
    // Each attempt in its own transaction: on PostgreSQL a refused statement aborts the rest.
    const attempt = (statement: ReturnType<typeof sql>) =>
      t.database
        .tenant({ koperasiId: a.koperasiId }, (trx) => statement.execute(trx))
        .then((r) => Number(r.numAffectedRows ?? 0n))
        .catch(() => "refused" as const);
    for (const table of tenantTables) {
      const upd = await attempt(sql`UPDATE ${sql.table(table)} SET koperasi_id = koperasi_id WHERE koperasi_id = ${b.koperasiId}::uuid`);
      const del = await attempt(sql`DELETE FROM ${sql.table(table)} WHERE koperasi_id = ${b.koperasiId}::uuid`);
      // 0 rows touched, or refused outright (audit_log grants no UPDATE/DELETE at all).
      expect({ table, upd: upd === 0 || upd === "refused", del: del === 0 || del === "refused" }).toEqual({ table, upd: true, del: true });
    }
    for (const table of tenantTables) {
      const rows = await t.superuser.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE koperasi_id = $1`, [b.koperasiId]);
      expect({ table, n: rows[0]?.n }).toEqual({ table, n: 1 });
    }
  });

  it("cannot insert a row belonging to B into any tenant table", async () => {
    for (const table of tenantTables) {
      const [original] = await t.superuser.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE koperasi_id = $1`, [b.koperasiId]);
      expect(original).toBeDefined();
      const copy = rewriteUnique({ ...original });
      // A generated column takes no value of its own (member_number_folded).
      const generated = await t.superuser.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'ALWAYS'`,
        [table],
      );
      for (const { column_name } of generated) delete copy[column_name];
      const columns = Object.keys(copy);
      const attempt = t.database.tenant({ koperasiId: a.koperasiId }, (trx) =>
        sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
            SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM json_populate_record(NULL::${sql.table(table)}, ${JSON.stringify(copy)}::json)`.execute(trx),
      );
      await expect(attempt, table).rejects.toThrow(/row-level security|permission denied/);
    }
  });

  it("also refuses B's rows to a transaction with no cooperative selected", async () => {
    for (const table of tenantTables) {
      const seen = await t.database.platform((trx) => sql`SELECT 1 FROM ${sql.table(table)}`.execute(trx));
      expect({ table, count: seen.rows.length }).toEqual({ table, count: 0 });
    }
  });

  it("lets a person list her own memberships across cooperatives, and nobody else's", async () => {
    const mine = await t.database.platform((trx) => trx.selectFrom("koperasi_user").select(["koperasi_id", "user_id"]).execute(), {
      userId: a.userId,
    });
    expect(mine).toEqual([{ koperasi_id: a.koperasiId, user_id: a.userId }]);
    await expect(
      t.database.platform(
        (trx) => trx.updateTable("koperasi_user").set({ roles: ["admin", "pengurus"] }).where("user_id", "=", a.userId).executeTakeFirst(),
        { userId: a.userId },
      ),
    ).resolves.toMatchObject({ numUpdatedRows: 0n });
  });
});

function rewriteUnique(row: Record<string, unknown>): Record<string, unknown> {
  // A fresh id (and token) so only the tenant policy, not a key, can refuse it.
  if (typeof row.id === "string" && /^[0-9a-f-]{36}$/.test(row.id)) row.id = randomUUID();
  if ("token_hash" in row) row.token_hash = `hash-${randomUUID()}`;
  return row;
}
