import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { multipartFile } from "../testing/multipart";
import { pdfPages } from "../testing/pdf-text";
import { CARD_CODE_PREFIX, ROTATING_CODE_SECONDS, rotatingCode, signCardCode } from "./card-code";
import { cardSecret } from "./member-cards";

let t: TestApp;
let clock = new Date("2026-11-28T03:00:00Z");
let admin: Awaited<ReturnType<typeof signedInAs>>;
let kasir: Awaited<ReturnType<typeof signedInAs>>;
let anggota: Awaited<ReturnType<typeof signedInAs>>;
let pengawas: Awaited<ReturnType<typeof signedInAs>>;
let otherAdmin: Awaited<ReturnType<typeof signedInAs>>;
let memberId: string;
let otherMemberId: string;

async function addMember(koperasiId: string, fullName: string, memberNumber: string, userId: string | null): Promise<string> {
  const id = uuidv7();
  await t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx.insertInto("member").values({ koperasi_id: koperasiId, id, member_number: memberNumber, full_name: fullName, user_id: userId, joined_on: "2026-01-05" }).execute(),
  );
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  admin = await signedInAs(t.ctx, ["admin"]);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
  anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: admin.koperasiId });
  pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: admin.koperasiId });
  otherAdmin = await signedInAs(t.ctx, ["admin", "kasir"]);
  memberId = await addMember(admin.koperasiId, "Siti Rahmawati", "AGT-000007", anggota.userId);
  otherMemberId = await addMember(otherAdmin.koperasiId, "Budi Santoso", "AGT-000007", null);
});
afterAll(async () => {
  await t?.close();
});

const k = () => `/api/v1/koperasi/${admin.koperasiId}`;

function get(cookie: string, url: string) {
  return t.app.inject({ method: "GET", url, headers: { cookie } });
}

function post(cookie: string, url: string, payload?: object) {
  return t.app.inject({ method: "POST", url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

function resolve(cookie: string, code: string, koperasiId = admin.koperasiId) {
  return post(cookie, `/api/v1/koperasi/${koperasiId}/member-card/resolve`, { code });
}

async function audit(action: string, koperasiId = admin.koperasiId) {
  return t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute());
}

function expectRefused(res: Awaited<ReturnType<typeof resolve>>, code: string) {
  expect(res.statusCode, res.body).toBe(422);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  expect(res.json().code).toBe(code);
  expect(res.json().detail).toMatch(/kartu|kode/i);
}

describe("the member's own card", () => {
  it("issues her card on first view, once, with a rotating code that the counter resolves to her", async () => {
    const first = await get(anggota.cookie, `${k()}/members/me/card`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers["cache-control"]).toContain("no-store");
    const body = first.json();
    expect(body.member).toEqual({ id: memberId, memberNumber: "AGT-000007", fullName: "Siti Rahmawati", status: "aktif", joinedOn: "2026-01-05" });
    expect(body.koperasi).toMatchObject({ id: admin.koperasiId, primaryColor: expect.stringMatching(/^#[0-9a-f]{6}$/i), iconUrl: expect.stringContaining("/icon-192.png") });
    expect(body.card).toMatchObject({ memberId, serial: expect.stringMatching(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/), revokedAt: null, code: expect.stringMatching(/^KP1\./) });
    expect(body.rotating.expiresAt).toBe(new Date(clock.getTime() + ROTATING_CODE_SECONDS * 1000).toISOString());
    expect(body.rotating.refreshAfterSeconds).toBeLessThan(ROTATING_CODE_SECONDS);
    // Both QR codes drawn as SVG, ready to show (and, the printed one, to keep offline).
    expect(body.rotating.qrSvg).toMatch(/^<svg[^>]*viewBox="0 0 (\d+) \1"/);
    expect(body.card.qrSvg).toMatch(/^<svg/);
    expect(body.card.qrSvg).not.toBe(body.rotating.qrSvg);
    // No NIK, no name: only ids and an expiry.
    expect(Buffer.from(body.rotating.code.slice(CARD_CODE_PREFIX.length), "base64url").toString("latin1")).not.toContain("Siti");

    clock = new Date(clock.getTime() + 30_000);
    const again = (await get(anggota.cookie, `${k()}/members/me/card`)).json();
    expect(again.card.id).toBe(body.card.id);
    expect(again.rotating.code).not.toBe(body.rotating.code);
    expect(await audit("member_card.issue")).toHaveLength(1);

    const resolved = await resolve(kasir.cookie, body.rotating.code);
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toEqual({
      via: "rotating",
      member: { id: memberId, memberNumber: "AGT-000007", fullName: "Siti Rahmawati", status: "aktif", photoUrl: null },
      cardSerial: null,
    });
    const [record] = await audit("member_card.resolve");
    expect(record).toMatchObject({ actor_user_id: kasir.userId, target_type: "member", target_id: memberId });
    expect(record?.details).toMatchObject({ via: "rotating", memberNumber: "AGT-000007" });
  });

  it("is refused to someone without a member record, and to staff roles that are not hers", async () => {
    expect((await get(kasir.cookie, `${k()}/members/me/card`)).statusCode).toBe(403);
    const anggotaWithoutRecord = await signedInAs(t.ctx, ["anggota"], { koperasiId: admin.koperasiId });
    const res = await get(anggotaWithoutRecord.cookie, `${k()}/members/me/card`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("not_found");
  });

  it("downloads as a printable ID-1 card with her name, number, serial and the cooperative's letterhead", async () => {
    const card = (await get(anggota.cookie, `${k()}/members/me/card`)).json().card;
    const res = await get(anggota.cookie, `${k()}/members/me/card.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain("kartu-anggota-AGT-000007.pdf");
    const bytes = res.rawPayload;
    const text = bytes.toString("latin1");
    // 85.6 × 54 mm in points.
    expect(text).toMatch(/\/MediaBox \[0 0 242\.6\d* 153\.0\d*\]/);
    const { pages, info } = await pdfPages(bytes);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain("Siti Rahmawati");
    expect(pages[0]).toContain("AGT-000007");
    expect(pages[0]).toContain(card.serial);
    expect(pages[0]).toContain("KARTU ANGGOTA");
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").select("name").where("id", "=", admin.koperasiId).executeTakeFirstOrThrow();
    expect(pages[0]).toContain(koperasi.name);
    expect(pages[0]).toContain("Terbit 28 November 2026");
    expect(pages[1]).toContain("Jl. Merdeka 1, Malang, Jawa Timur");
    expect(info.Title).toBe("Kartu Anggota AGT-000007");
  });
});

describe("staff issue, revoke and resolve cards", () => {
  it("the printed card's code and its typed serial resolve; after revocation both are refused and the replacement works", async () => {
    const issued = await post(kasir.cookie, `${k()}/members/${memberId}/cards`);
    expect(issued.statusCode, issued.body).toBe(200); // she already has one: the same card
    const card = issued.json();
    expect((await resolve(kasir.cookie, card.code)).json()).toMatchObject({ via: "card", member: { id: memberId }, cardSerial: card.serial });
    const typed = await resolve(kasir.cookie, card.serial.toLowerCase().replace("-", " "));
    expect(typed.json()).toMatchObject({ via: "serial", member: { id: memberId }, cardSerial: card.serial });

    const refusedReason = await post(kasir.cookie, `${k()}/members/${memberId}/cards/${card.id}/revoke`, { reason: "" });
    expect(refusedReason.statusCode).toBe(400);
    const revoked = await post(kasir.cookie, `${k()}/members/${memberId}/cards/${card.id}/revoke`, { reason: "Kartu hilang di pasar" });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const { revoked: old, replacement } = revoked.json();
    expect(old).toMatchObject({ id: card.id, revokeReason: "Kartu hilang di pasar", replacedBy: replacement.id, code: null, revokedAt: clock.toISOString() });
    expect(replacement).toMatchObject({ memberId, revokedAt: null });
    expect(replacement.serial).not.toBe(card.serial);

    expectRefused(await resolve(kasir.cookie, card.code), "card_revoked");
    expectRefused(await resolve(kasir.cookie, card.serial), "card_revoked");
    expect((await resolve(kasir.cookie, replacement.code)).json()).toMatchObject({ via: "card", member: { id: memberId }, cardSerial: replacement.serial });

    // A second click on the old card revokes nothing more.
    const twice = await post(kasir.cookie, `${k()}/members/${memberId}/cards/${card.id}/revoke`, { reason: "Kartu hilang di pasar" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("card_revoked");
    const cards = (await get(admin.cookie, `${k()}/members/${memberId}/cards`)).json().items;
    expect(cards.map((c: { id: string }) => c.id)).toEqual([replacement.id, card.id]);
    const [revokeAudit] = await audit("member_card.revoke");
    expect(revokeAudit?.details).toMatchObject({ cardId: card.id, serial: card.serial, replacementId: replacement.id, reason: "Kartu hilang di pasar" });
    // The member's app shows the replacement.
    expect((await get(anggota.cookie, `${k()}/members/me/card`)).json().card.id).toBe(replacement.id);
  });

  it("refuses forged, expired, other cooperatives' and unknown codes, clearly, and records each refusal", async () => {
    const before = (await audit("member_card.resolve_refused")).length;
    const secret = cardSecret(t.ctx);
    const fresh = rotatingCode(secret, admin.koperasiId, memberId, clock).code;

    const forged = fresh.slice(0, -3) + (fresh.at(-3) === "A" ? "B" : "A") + fresh.slice(-2);
    expectRefused(await resolve(kasir.cookie, forged), "card_invalid");
    expectRefused(await resolve(kasir.cookie, signCardCode("kunci-penipu", { kind: "rotating", koperasiId: admin.koperasiId, memberId, expiresAt: new Date(clock.getTime() + 60_000) })), "card_invalid");
    expectRefused(await resolve(kasir.cookie, "3507123456780001"), "card_invalid");
    expectRefused(await resolve(kasir.cookie, "ZZZZZ-ZZZZZ"), "card_invalid");
    // A well-signed code for a member who does not exist here.
    expectRefused(await resolve(kasir.cookie, rotatingCode(secret, admin.koperasiId, uuidv7(), clock).code), "card_invalid");
    expectRefused(await resolve(kasir.cookie, signCardCode(secret, { kind: "card", koperasiId: admin.koperasiId, cardId: uuidv7() })), "card_invalid");

    clock = new Date(clock.getTime() + ROTATING_CODE_SECONDS * 1000);
    expectRefused(await resolve(kasir.cookie, fresh), "card_expired");

    // The other cooperative's member, scanned here; and our member's code scanned there.
    const theirs = rotatingCode(secret, otherAdmin.koperasiId, otherMemberId, clock).code;
    expectRefused(await resolve(kasir.cookie, theirs), "card_other_koperasi");
    const ours = rotatingCode(secret, admin.koperasiId, memberId, clock).code;
    expectRefused(await resolve(otherAdmin.cookie, ours, otherAdmin.koperasiId), "card_other_koperasi");
    // Our printed serial typed at their counter is simply unknown there.
    const serial = (await get(anggota.cookie, `${k()}/members/me/card`)).json().card.serial;
    expectRefused(await resolve(otherAdmin.cookie, serial, otherAdmin.koperasiId), "card_invalid");

    const refusals = (await audit("member_card.resolve_refused")).slice(before);
    expect(refusals.map((r) => (r.details as { refusal: string }).refusal)).toEqual([
      "card_invalid",
      "card_invalid",
      "card_invalid",
      "card_invalid",
      "card_invalid",
      "card_invalid",
      "card_expired",
      "card_other_koperasi",
    ]);
    expect(JSON.stringify(refusals)).not.toContain(fresh);
    expect((await audit("member_card.resolve_refused", otherAdmin.koperasiId)).length).toBe(2);
  });

  it("lets only the roles in the matrix scan, print and revoke", async () => {
    const code = rotatingCode(cardSecret(t.ctx), admin.koperasiId, memberId, clock).code;
    for (const who of [anggota, pengawas]) {
      const res = await resolve(who.cookie, code);
      expect(res.statusCode).toBe(403);
      expect((await post(who.cookie, `${k()}/members/${memberId}/cards`)).statusCode).toBe(403);
    }
    expect((await resolve(admin.cookie, code)).statusCode).toBe(200);
    // Another cooperative's staff cannot reach this cooperative's cards at all.
    expect((await post(otherAdmin.cookie, `${k()}/members/${memberId}/cards`)).statusCode).toBe(403);
    expect((await post(otherAdmin.cookie, `/api/v1/koperasi/${otherAdmin.koperasiId}/members/${memberId}/cards`)).statusCode).toBe(404);
  });

  it("prints a member's card for staff, issuing it on first print", async () => {
    const newcomer = await addMember(admin.koperasiId, "Wayan Sudarta", "AGT-000008", null);
    const res = await get(kasir.cookie, `${k()}/members/${newcomer}/card.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const cards = (await get(kasir.cookie, `${k()}/members/${newcomer}/cards`)).json().items;
    expect(cards).toHaveLength(1);
    const { pages } = await pdfPages(res.rawPayload);
    expect(pages[0]).toContain("Wayan Sudarta");
    expect(pages[0]).toContain(cards[0].serial);
  });
});

describe("the member at the counter", () => {
  it("comes with her photo link once the member book has her photo", async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#aa6633" } }).jpeg().toBuffer();
    const file = multipartFile("file", "foto.jpg", "image/jpeg", jpeg);
    const put = await t.app.inject({ method: "PUT", url: `${k()}/members/${memberId}/files/photo`, headers: { cookie: admin.cookie, ...file.headers }, payload: file.payload });
    expect(put.statusCode, put.body).toBe(200);
    const res = await resolve(kasir.cookie, rotatingCode(cardSecret(t.ctx), admin.koperasiId, memberId, clock).code);
    const photoUrl = res.json().member.photoUrl;
    expect(photoUrl).toBe(`${k()}/members/${memberId}/files/photo`);
    const photo = await get(kasir.cookie, photoUrl);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/jpeg");
  });
});
