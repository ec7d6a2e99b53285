import { afterAll, beforeAll, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// PostgreSQL only: PGlite is one connection, so it cannot race. Two counters
// (or a double tap) acting on the same member at once.
let t: TestApp;
let kasir: Awaited<ReturnType<typeof signedInAs>>;
let memberId: string;

beforeAll(async () => {
  t = await createTestApp();
  kasir = await signedInAs(t.ctx, ["kasir", "admin"]);
  memberId = uuidv7();
  await t.ctx.database.tenant({ koperasiId: kasir.koperasiId }, (trx) =>
    trx.insertInto("member").values({ koperasi_id: kasir.koperasiId, id: memberId, member_number: "AGT-000001", full_name: "Siti", joined_on: "2026-01-05" }).execute(),
  );
});
afterAll(async () => {
  await t?.close();
});

const url = (suffix = "") => `/api/v1/koperasi/${kasir.koperasiId}/members/${memberId}/cards${suffix}`;
const activeCards = async () =>
  t.ctx.database.tenant({ koperasiId: kasir.koperasiId }, (trx) => trx.selectFrom("member_card").select("id").where("revoked_at", "is", null).execute());

it("issues one card when many ask at once, and revokes it once when many revoke at once", async () => {
  const issued = await Promise.all(Array.from({ length: 12 }, () => t.app.inject({ method: "POST", url: url(), headers: { cookie: kasir.cookie } })));
  expect(issued.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
  const ids = new Set(issued.map((r) => r.json().id));
  expect(ids.size).toBe(1);
  expect(await activeCards()).toHaveLength(1);

  const [cardId] = [...ids];
  const revoked = await Promise.all(
    Array.from({ length: 8 }, () => t.app.inject({ method: "POST", url: url(`/${cardId}/revoke`), headers: { cookie: kasir.cookie }, payload: { reason: "Kartu hilang" } })),
  );
  const statuses = revoked.map((r) => r.statusCode).sort();
  expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
  expect(revoked.filter((r) => r.statusCode === 409).every((r) => r.json().code === "card_revoked")).toBe(true);
  const active = await activeCards();
  expect(active).toHaveLength(1);
  expect(active[0]?.id).toBe(revoked.find((r) => r.statusCode === 200)?.json().replacement.id);
});
