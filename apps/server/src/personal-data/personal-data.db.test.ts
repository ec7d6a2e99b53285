import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { openMemberAccount } from "../ledger/member-accounts";
import { postEntry } from "../ledger/post-entry";
import { ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { multipartFile } from "../testing/multipart";
import { pdfText } from "../testing/pdf-text";

let t: TestApp;
let k: LedgerKoperasi;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let anggota: Awaited<ReturnType<typeof signedInAs>>;
let neighbour: Awaited<ReturnType<typeof signedInAs>>;
let own: { memberId: string; memberNumber: string };
const now = new Date("2026-11-28T03:00:00Z");

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
  admin = await signedInAs(t.ctx, ["admin"], { koperasiId: k.koperasiId });
  anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
  neighbour = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
  const inject = (method: "POST" | "PUT", url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: `/api/v1/koperasi/${k.koperasiId}${url}`, headers: { cookie: admin.cookie, ...headers }, payload });

  // Her record in the member book, as the office keeps it.
  const created = await inject("POST", "/members", {
    fullName: "Sri Wahyuningsih",
    nik: "3515 1444 0568 0002",
    birthPlace: "Sidoarjo",
    birthDate: "1968-05-04",
    gender: "female",
    maritalStatus: "kawin",
    address: "Jl. Diponegoro 12, Sidoarjo",
    phone: "0812-3456-7890",
    motherMaidenName: "Sumarni",
    occupation: "Pedagang",
    sourceOfFunds: "usaha",
    joinedOn: "2026-01-05",
  });
  expect(created.statusCode, created.body).toBe(201);
  own = { memberId: created.json().id, memberNumber: created.json().memberNumber };
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => trx.updateTable("member").set({ user_id: anggota.userId }).where("id", "=", own.memberId).execute());
  expect((await inject("POST", `/members/${own.memberId}/heirs`, { fullName: "Andi Santoso", relationship: "anak", phone: "0813-1111-2222", shareBp: 10_000 })).statusCode).toBe(201);
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3366aa" } }).jpeg().toBuffer();
  const photo = multipartFile("file", "foto.jpg", "image/jpeg", jpeg);
  expect((await inject("PUT", `/members/${own.memberId}/files/photo`, photo.payload as unknown as object, photo.headers)).statusCode).toBe(200);

  // Her savings: Rp1.250.000 on one account, a second account still empty.
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
    const savings = uuidv7();
    await openMemberAccount(trx, { koperasiId: k.koperasiId, id: savings, memberId: own.memberId, controlAccountId: k.account("2-1100"), now });
    await openMemberAccount(trx, { koperasiId: k.koperasiId, id: uuidv7(), memberId: own.memberId, controlAccountId: k.account("3-1100"), now });
    await postEntry(trx, {
      koperasiId: k.koperasiId,
      source: "opening_balance",
      businessDate: "2026-01-05",
      description: "Saldo awal",
      createdBy: null,
      lines: [
        { accountId: k.account("1-1100"), debit: 1_250_000 },
        { accountId: k.account("2-1100"), memberAccountId: savings, credit: 1_250_000 },
      ],
      postedAt: now,
      newId: uuidv7,
    });
  });
  // Another member's money, which must not appear.
  await memberWithAccount(t, k, { balance: 9_999_000, userId: neighbour.userId });
  // A card, revoked and replaced, so both are in her history.
  const card = (await t.app.inject({ url: `/api/v1/koperasi/${k.koperasiId}/members/me/card`, headers: { cookie: anggota.cookie } })).json().card;
  const revoked = await inject("POST", `/members/${own.memberId}/cards/${card.id}/revoke`, { reason: "Kartu rusak" });
  expect(revoked.statusCode, revoked.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

const url = (format?: string) => `/api/v1/koperasi/${k.koperasiId}/members/me/export${format ? `?format=${format}` : ""}`;

describe("a member's personal data export", () => {
  it("gives her, as JSON, her login, roles, full record with NIK and phone opened, history, heirs, accounts, cards — and nobody else's", async () => {
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
    expect(data.member).toMatchObject({
      id: own.memberId,
      memberNumber: own.memberNumber,
      fullName: "Sri Wahyuningsih",
      status: "aktif",
      joinedOn: "2026-01-05",
      nik: "3515144405680002",
      phone: "+6281234567890",
      motherMaidenName: "Sumarni",
      birthPlace: "Sidoarjo",
      birthDate: "1968-05-04",
      gender: "female",
      hasPhoto: true,
    });
    expect(data.files).toEqual({ photo: `/api/v1/koperasi/${k.koperasiId}/members/${own.memberId}/files/photo`, ktp: null });
    expect(data.statusHistory).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "aktif", effectiveOn: "2026-01-05" })]);
    expect(data.heirs).toEqual([expect.objectContaining({ fullName: "Andi Santoso", relationship: "anak", phone: "+6281311112222", shareBp: 10_000 })]);
    expect(data.accounts).toEqual([
      { accountCode: "2-1100", accountName: expect.any(String), balance: 1_250_000, status: "open" },
      { accountCode: "3-1100", accountName: expect.any(String), balance: 0, status: "open" },
    ]);
    expect(data.cards).toHaveLength(2);
    expect(data.cards[1]).toMatchObject({ revokeReason: "Kartu rusak", revokedAt: now.toISOString() });
    expect(data.cards[0]).toMatchObject({ revokedAt: null });
    expect(res.body).not.toContain("9999000");
    expect(res.body).not.toContain("KP1.");
    expect(res.body).not.toContain("_sealed");
    // JSON is the default.
    expect((await t.app.inject({ url: url(), headers: { cookie: anggota.cookie } })).json().member.id).toBe(own.memberId);
  });

  it("gives the same as a PDF on the cooperative's letterhead, and records each export", async () => {
    const res = await t.app.inject({ url: url("pdf"), headers: { cookie: anggota.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(res.rawPayload);
    for (const expected of [
      "Data Pribadi Anggota",
      own.memberNumber,
      "3515144405680002",
      "+6281234567890",
      "Sumarni",
      "Sidoarjo, 4 Mei 1968",
      "Perempuan",
      "Andi Santoso",
      "100%",
      anggota.email,
      "Rp1.250.000",
      "Kartu rusak",
      "Jl. Merdeka 1",
    ]) {
      expect(text, expected).toContain(expected);
    }
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
