import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// PostgreSQL only (PGlite is one connection and cannot race): registrations
// of one NIK at the same moment — one succeeds, the others are told the NIK
// is taken; heirs' shares added together never pass 100%.

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAs(t.ctx, ["admin"]);
});
afterAll(async () => {
  await t?.close();
});

const base = () => `/api/v1/koperasi/${admin.koperasiId}/members`;

it("registers a NIK once however many requests race for it", async () => {
  const spellings = ["3515140508680001", "3515 1405 0868 0001", "3515-1405-0868-0001", "3515.1405.0868.0001"];
  const responses = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      t.app.inject({ method: "POST", url: base(), headers: { cookie: admin.cookie }, payload: { fullName: `Budi Santoso ${i}`, nik: spellings[i % spellings.length] } }),
    ),
  );
  const statuses = responses.map((r) => r.statusCode).sort();
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(responses.filter((r) => r.statusCode !== 201).map((r) => r.json().code)).toEqual(Array(11).fill("nik_taken"));
  const rows = await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) => trx.selectFrom("member").select(["member_number"]).execute());
  // One member, and the losers gave their numbers back.
  expect(rows.map((r) => r.member_number)).toEqual(["AGT-000001"]);
});

it("keeps heirs' shares within 100% when added at the same moment", async () => {
  const member = await t.app.inject({ method: "POST", url: base(), headers: { cookie: admin.cookie }, payload: { fullName: "Siti Aminah" } });
  const url = `${base()}/${member.json().id}/heirs`;
  const responses = await Promise.all(
    Array.from({ length: 6 }, (_, i) => t.app.inject({ method: "POST", url, headers: { cookie: admin.cookie }, payload: { fullName: `Anak ${i + 1}`, relationship: "anak", shareBp: 3000 } })),
  );
  expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(3);
  expect(responses.filter((r) => r.statusCode === 400).map((r) => r.json().code)).toEqual(Array(3).fill("heir_shares_exceed"));
});
