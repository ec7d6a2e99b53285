import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

/** What these tests read of an answer: its status and body. */
type Answer = Pick<Awaited<ReturnType<TestApp["app"]["inject"]>>, "statusCode" | "json">;

// PostgreSQL only: appointments arriving together. Each takes the
// cooperative's structure lock before reading the terms it checks against,
// so two requests for the same post, or for the same person in both bodies,
// cannot both see the structure without the other's term.

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let approver: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAs(t.ctx, ["admin"]);
  approver = await signedInAs(t.ctx, ["admin"], { koperasiId: admin.koperasiId });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function addMembers(count: number, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: count }, () => uuidv7());
  await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
    trx
      .insertInto("member")
      .values(ids.map((id, i) => ({ koperasi_id: admin.koperasiId, id, member_number: `${prefix}-${i}`, full_name: `Anggota ${prefix} ${i}`, joined_on: "2025-01-02" })))
      .execute(),
  );
  return ids;
}

/**
 * An appointment as it takes effect: a pengurus term waits for a second
 * person, who approves it at once, so the checks that race are those of the
 * approval (under the same structure lock); answered as the appointment.
 */
async function appoint(payload: Record<string, unknown>): Promise<Answer> {
  const res = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${admin.koperasiId}/structure/terms`, headers: { cookie: admin.cookie }, payload });
  if (res.statusCode !== 202) return res;
  const requestId = (res.json() as { request: { id: string } }).request.id;
  const decided = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${admin.koperasiId}/role-grants/${requestId}/approve`, headers: { cookie: approver.cookie } });
  if (decided.statusCode !== 200) return decided;
  return { statusCode: 201, json: <T,>() => (decided.json() as { term: T }).term };
}

const term = { startOn: "2026-01-01", endOn: "2030-12-31" };

describe("appointments, concurrently", () => {
  it("8 members appointed ketua at once: one holds the post, seven are told it is taken", async () => {
    const members = await addMembers(8, "KETUA");
    const responses = await Promise.all(members.map((memberId) => appoint({ memberId, body: "pengurus", position: "ketua", ...term })));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of responses.filter((r) => r.statusCode === 409)) expect(r.json()).toMatchObject({ code: "position_taken" });
    const rows = await t.db.superuser.query(`SELECT member_id FROM structure_term WHERE koperasi_id = $1 AND position = 'ketua'`, [admin.koperasiId]);
    expect(rows).toHaveLength(1);
  });

  it("one member appointed to the pengurus and the pengawas at once ends up in one body only", async () => {
    for (let round = 0; round < 5; round += 1) {
      const [memberId] = await addMembers(1, `DUA-${round}`);
      const requests = Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? appoint({ memberId, body: "pengurus", position: `Seksi ${round}-${i}`, ...term })
          : appoint({ memberId, body: "pengawas", position: "anggota_pengawas", ...term }),
      );
      const responses = await Promise.all(requests);
      const created = responses.filter((r) => r.statusCode === 201);
      expect(created.length).toBeGreaterThan(0);
      for (const r of responses.filter((r) => r.statusCode !== 201)) {
        expect(r.statusCode).toBe(409);
        expect(["holds_other_body", "already_holds_position", "one_pengawas_post"]).toContain(r.json().code);
      }
      const rows = await t.db.superuser.query<{ body: string }>(`SELECT body FROM structure_term WHERE koperasi_id = $1 AND member_id = $2`, [admin.koperasiId, memberId]);
      expect(rows).toHaveLength(created.length);
      expect(new Set(rows.map((r) => r.body)).size).toBe(1);
      if (rows[0]?.body === "pengawas") expect(rows).toHaveLength(1);
    }
  });

  it("the database alone keeps two writers that skip the server's check from both taking the post", async () => {
    const [first, second] = await addMembers(2, "LANGSUNG");
    // Each transaction inserts a bendahara straight away and holds its
    // transaction open a moment; without the trigger's lock both would commit.
    const insertAndLinger = (memberId: string | undefined) =>
      t.ctx.database.tenant({ koperasiId: admin.koperasiId }, async (trx) => {
        await sql`INSERT INTO structure_term (koperasi_id, id, member_id, body, position, start_on, end_on)
                  VALUES (${admin.koperasiId}, ${uuidv7()}, ${memberId}, 'pengurus', 'bendahara', '2026-01-01', '2030-12-31')`.execute(trx);
        await sql`SELECT pg_sleep(0.3)`.execute(trx);
      });
    const results = await Promise.allSettled([insertAndLinger(first), insertAndLinger(second)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failure?.reason).toMatchObject({ code: "23P01", constraint: "structure_term_sole_position" });
    const rows = await t.db.superuser.query(`SELECT id FROM structure_term WHERE koperasi_id = $1 AND position = 'bendahara'`, [admin.koperasiId]);
    expect(rows).toHaveLength(1);
  });
});
