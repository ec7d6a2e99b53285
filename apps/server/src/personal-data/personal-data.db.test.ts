import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { openMemberAccount } from "../ledger/member-accounts";
import { ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { pdfText } from "../testing/pdf-text";

let t: TestApp;
let k: LedgerKoperasi;
let anggota: Awaited<ReturnType<typeof signedInAs>>;
let neighbour: Awaited<ReturnType<typeof signedInAs>>;
let own: { memberId: string; memberNumber: string };
const now = new Date("2026-11-28T03:00:00Z");

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
  anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
  neighbour = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
  own = await memberWithAccount(t, k, { balance: 1_250_000, userId: anggota.userId });
  // A second account of hers, and another member's money that must not appear.
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
    await openMemberAccount(trx, { koperasiId: k.koperasiId, id: uuidv7(), memberId: own.memberId, controlAccountId: k.account("3-1100"), now });
  });
  await memberWithAccount(t, k, { balance: 9_999_000, userId: neighbour.userId });
  // A card, revoked and replaced, so both are in her history.
  const card = (await t.app.inject({ url: `/api/v1/koperasi/${k.koperasiId}/members/me/card`, headers: { cookie: anggota.cookie } })).json().card;
  const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  const revoked = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${k.koperasiId}/members/${own.memberId}/cards/${card.id}/revoke`,
    headers: { cookie: kasir.cookie },
    payload: { reason: "Kartu rusak" },
  });
  expect(revoked.statusCode, revoked.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

const url = (format?: string) => `/api/v1/koperasi/${k.koperasiId}/members/me/export${format ? `?format=${format}` : ""}`;

describe("a member's personal data export", () => {
  it("gives her, as JSON, her login, roles, member record, accounts with balances and cards — and nobody else's", async () => {
    const res = await t.app.inject({ url: url("json"), headers: { cookie: anggota.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.headers["content-disposition"]).toContain(`data-pribadi-${own.memberNumber}.json`);
    expect(res.headers["cache-control"]).toContain("no-store");
    const data = res.json();
    expect(data.exportedAt).toBe(now.toISOString());
    expect(data.koperasi.id).toBe(k.koperasiId);
    expect(data.login).toEqual({ name: expect.any(String), email: anggota.email, phone: null });
    expect(data.roles).toEqual([{ role: "anggota", label: "Anggota" }]);
    expect(data.member).toMatchObject({ id: own.memberId, memberNumber: own.memberNumber, status: "aktif", joinedOn: "2026-01-02" });
    expect(data.accounts).toEqual([
      { accountCode: "2-1100", accountName: expect.any(String), balance: 1_250_000, status: "open" },
      { accountCode: "3-1100", accountName: expect.any(String), balance: 0, status: "open" },
    ]);
    expect(data.cards).toHaveLength(2);
    expect(data.cards[1]).toMatchObject({ revokeReason: "Kartu rusak", revokedAt: now.toISOString() });
    expect(data.cards[0]).toMatchObject({ revokedAt: null });
    expect(res.body).not.toContain("9999000");
    expect(res.body).not.toContain("KP1.");
    // JSON is the default.
    expect((await t.app.inject({ url: url(), headers: { cookie: anggota.cookie } })).json().member.id).toBe(own.memberId);
  });

  it("gives the same as a PDF on the cooperative's letterhead, and records each export", async () => {
    const res = await t.app.inject({ url: url("pdf"), headers: { cookie: anggota.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(res.rawPayload);
    expect(text).toContain("Data Pribadi Anggota");
    expect(text).toContain(own.memberNumber);
    expect(text).toContain(anggota.email);
    expect(text).toContain("Rp1.250.000");
    expect(text).toContain("Kartu rusak");
    expect(text).toContain("Jl. Merdeka 1");
    expect(text).not.toContain("9.999.000");
    const audits = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.selectFrom("audit_log").select(["details", "target_id", "actor_user_id"]).where("action", "=", "member.personal_data_export").orderBy("id").execute(),
    );
    expect(audits.map((a) => (a.details as { format: string }).format)).toEqual(["json", "json", "pdf"]);
    expect(audits.every((a) => a.target_id === own.memberId && a.actor_user_id === anggota.userId)).toBe(true);
  });

  it("is hers alone: staff have no 'me' export, a bad format is refused", async () => {
    const staff = await t.app.inject({ url: url("json"), headers: { cookie: k.bendahara.cookie } });
    expect(staff.statusCode).toBe(403);
    const bad = await t.app.inject({ url: url("xlsx"), headers: { cookie: anggota.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("invalid_input");
  });
});
