import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import { blindIndex } from "./member-pii";
import { filteredMembers, MEMBER_LIST_COLUMNS, searchMembers, textSearchPage } from "./member-search";

// PostgreSQL only: the search plans at a few thousand members in each of
// several cooperatives start from a tenant-scoped index — never a scan of
// the members or of the name index.

const PER_KOPERASI = 4000;
let t: TestApp;
let k: string[];

beforeAll(async () => {
  t = await createTestApp();
  const { userId } = await createUser(t.ctx);
  k = [];
  for (let i = 0; i < 3; i += 1) k.push((await createKoperasi(t.ctx, userId)).koperasiId);
  const keys = t.ctx.secrets.memberDataKeys;
  const first = ["Siti", "Budi", "Dewi", "Agus", "Wayan", "Made", "Joko", "Sri", "Rina", "Hendra", "Putu", "Nyoman"];
  const last = ["Aminah", "Santoso", "Lestari", "Salim", "Sudarta", "Wijaya", "Susanto", "Rahayu", "Hidayat", "Kusuma"];
  for (const koperasiId of k) {
    const rows = Array.from({ length: PER_KOPERASI }, (_, i) => ({
      id: crypto.randomUUID(),
      number: `AGT-${String(i + 1).padStart(6, "0")}`,
      name: `${first[i % first.length]} ${last[(i * 7) % last.length]} ${i}`,
      nikIndex: blindIndex(keys, koperasiId, "nik", `3515${String(i).padStart(12, "0")}`),
      phoneIndex: blindIndex(keys, koperasiId, "phone", `+62812${String(i).padStart(8, "0")}`),
    }));
    await t.db.superuser.query(
      `INSERT INTO member (koperasi_id, id, member_number, full_name, joined_on, nik_sealed, nik_index, phone_sealed, phone_index, pii_key_id)
       SELECT $1::uuid, r.id, r.number, r.name, DATE '2025-01-01' + (r.ord % 600)::int, 'v1.x.y', r.nik, 'v1.x.y', r.phone, 'x'
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS r (id, number, name, nik, phone, ord)`,
      [koperasiId, rows.map((r) => r.id), rows.map((r) => r.number), rows.map((r) => r.name), rows.map((r) => r.nikIndex), rows.map((r) => r.phoneIndex)],
    );
  }
  await t.db.superuser.query("ANALYZE member");
  await t.db.superuser.query("ANALYZE member_name_token");
}, 120_000);
afterAll(async () => {
  await t?.close();
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Actual Rows"?: number; "Actual Loops"?: number; "Index Name"?: string; "Index Cond"?: string; "Rows Removed by Filter"?: number; Plans?: PlanNode[] };

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function planOf(filters: Parameters<typeof filteredMembers>[3]) {
  const koperasiId = k[1]!;
  return t.ctx.database.tenant({ koperasiId }, async (trx) => {
    const query = filteredMembers(trx, t.ctx.secrets.memberDataKeys, koperasiId, filters)
      .select([...MEMBER_LIST_COLUMNS, sql<string>`to_char(member.joined_on, 'YYYY-MM-DD')`.as("joined_on")])
      .orderBy("member.member_number")
      .limit(20)
      .compile();
    const result = await trx.executeQuery<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]));
    const plan = nodes(result.rows[0]!["QUERY PLAN"][0].Plan);
    const found = await trx.executeQuery(CompiledQuery.raw(query.sql, [...query.parameters]));
    if (process.env.SHOW_PLANS) console.log(JSON.stringify(result.rows[0]!["QUERY PLAN"][0].Plan, null, 1));
    // The index must narrow by the searched value itself, not only by cooperative.
    const narrowed = plan.filter((n) => n["Index Cond"] && /~>=~|= ANY|nik_index|phone_index/.test(n["Index Cond"])).map((n) => n["Index Name"]);
    return { plan, narrowed, indexes: plan.map((n) => n["Index Name"]).filter(Boolean), seqScans: plan.filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"]), rows: found.rows.length };
  });
}

describe("member search plans at several thousand members per cooperative", () => {
  it("name-word prefix: the token index, no scan", async () => {
    const { narrowed, seqScans, rows } = await planOf({ q: "sudar" });
    expect(seqScans).toEqual([]);
    expect(narrowed).toContain("member_name_token_prefix_idx");
    expect(rows).toBe(20);
  });

  it("two words and a member-number prefix", async () => {
    const words = await planOf({ q: "siti ami" });
    expect(words.seqScans).toEqual([]);
    expect(words.narrowed).toContain("member_name_token_prefix_idx");
    expect(words.rows).toBeGreaterThan(0);
    const number = await planOf({ q: "AGT-0012" });
    expect(number.seqScans).toEqual([]);
    expect(number.narrowed).toContain("member_number_prefix_idx");
    expect(number.rows).toBe(20);
  });

  it("NIK and phone through their blind indexes", async () => {
    const nik = await planOf({ nik: `3515${String(1234).padStart(12, "0")}` });
    expect(nik.seqScans).toEqual([]);
    expect(nik.narrowed).toContain("member_nik_index_key");
    expect(nik.rows).toBe(1);
    const phone = await planOf({ phone: `0812${String(77).padStart(8, "0")}` });
    expect(phone.seqScans).toEqual([]);
    expect(phone.narrowed).toContain("member_phone_index_idx");
    expect(phone.rows).toBe(1);
  });

  it("the plain list and filters walk an index in member-number order", async () => {
    const list = await planOf({});
    expect(list.seqScans).toEqual([]);
    expect(list.rows).toBe(20);
    const filtered = await planOf({ status: "aktif", joinedFrom: "2025-03-01", joinedTo: "2025-03-31" });
    expect(filtered.seqScans).toEqual([]);
    expect(filtered.rows).toBe(20);
  });
});

describe("a search by name alone at several thousand members", () => {
  it("sorts and counts a common prefix from the name index and reads only the page's member rows", async () => {
    const koperasiId = k[1]!;
    await t.ctx.database.tenant({ koperasiId }, async (trx) => {
      // "Sudarta" is the family name of one member in ten: 400 matches.
      const query = textSearchPage(trx, koperasiId, "sudar", 3, 20).compile();
      const result = await trx.executeQuery<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, [...query.parameters]));
      const plan = nodes(result.rows[0]!["QUERY PLAN"][0].Plan);
      const memberRowsRead = plan.filter((n) => n["Relation Name"] === "member").reduce((sum, n) => sum + (n["Actual Rows"] ?? 0) * (n["Actual Loops"] ?? 1), 0);
      expect(memberRowsRead).toBeLessThanOrEqual(20);
      expect(plan.filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"])).toEqual([]);

      // The same page and total as the members filtered and sorted the long way.
      const found = await searchMembers(trx, t.ctx.secrets.memberDataKeys, koperasiId, { q: "sudar", page: 3, pageSize: 20 });
      const longWay = await filteredMembers(trx, t.ctx.secrets.memberDataKeys, koperasiId, { q: "sudar" }).select(["member.id"]).orderBy("member.member_number").execute();
      expect(found.total).toBe(400);
      expect(found.total).toBe(longWay.length);
      expect(found.rows.map((r) => r.id)).toEqual(longWay.slice(40, 60).map((r) => r.id));
    });
  });
});
