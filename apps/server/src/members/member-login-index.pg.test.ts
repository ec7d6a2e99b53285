import { CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToKoperasi, createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";

// PostgreSQL only: the lookups every signed-in request makes by her login —
// her member record (for her terms of office and the cooperatives she
// belongs to) and her accounts — start from the login's index, not from a
// scan of a cooperative's member book, at several thousand members each.

const PER_KOPERASI = 4000;
let t: TestApp;
let k: string[];
let userId: string;

beforeAll(async () => {
  t = await createTestApp();
  userId = (await createUser(t.ctx)).userId;
  k = [];
  for (let i = 0; i < 3; i += 1) k.push((await createKoperasi(t.ctx, userId)).koperasiId);
  for (const koperasiId of k) await addToKoperasi(t.ctx, koperasiId, userId, ["anggota"]);
  for (const koperasiId of k) {
    await t.db.superuser.query(
      `INSERT INTO member (koperasi_id, id, member_number, full_name, joined_on)
       SELECT $1::uuid, gen_random_uuid(), 'AGT-' || lpad(n::text, 6, '0'), 'Anggota ' || n, DATE '2025-01-01'
       FROM generate_series(1, $2::int) AS n`,
      [koperasiId, PER_KOPERASI],
    );
  }
  await t.db.superuser.query(`UPDATE member SET user_id = $1 WHERE koperasi_id = $2 AND member_number = 'AGT-000777'`, [userId, k[1]]);
  await t.db.superuser.query("ANALYZE member");
}, 120_000);
afterAll(async () => {
  await t?.close();
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

async function plan(text: string, parameters: unknown[], koperasiId?: string) {
  const run = async (trx: Parameters<Parameters<TestApp["ctx"]["database"]["platform"]>[0]>[0]) => {
    const explained = await trx.executeQuery<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${text}`, parameters));
    const found = await trx.executeQuery(CompiledQuery.raw(text, parameters));
    const all = nodes(explained.rows[0]!["QUERY PLAN"][0].Plan);
    return { rows: found.rows.length, seqScans: all.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "member").length, indexes: all.map((n) => n["Index Name"]).filter(Boolean) };
  };
  return koperasiId ? t.ctx.database.tenant({ koperasiId, userId }, run) : t.ctx.database.platform(run, { userId });
}

describe("lookups by the signed-in login", () => {
  it("her member record in each cooperative she belongs to (the session, her terms)", async () => {
    const result = await plan(
      `SELECT ku.koperasi_id, m.id FROM koperasi_user ku LEFT JOIN member m ON m.koperasi_id = ku.koperasi_id AND m.user_id = ku.user_id WHERE ku.user_id = $1`,
      [userId],
    );
    expect(result.rows).toBe(3);
    expect(result.seqScans).toBe(0);
    expect(result.indexes).toContain("member_user_idx");
  });

  it("her own member record inside one cooperative (her accounts, her terms of office)", async () => {
    const result = await plan(`SELECT m.id FROM member m WHERE m.koperasi_id = $1 AND m.user_id = $2 AND m.status = 'aktif'`, [k[1], userId], k[1]);
    expect(result.rows).toBe(1);
    expect(result.seqScans).toBe(0);
    expect(result.indexes).toContain("member_user_idx");
  });
});
