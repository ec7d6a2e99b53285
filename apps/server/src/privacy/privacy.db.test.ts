import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRIVACY_NOTICE_VERSION } from "@koperasi/domain";
import { createKoperasi, createTestApp, createUser, sessionCookie, signedInAs, type TestApp } from "../testing/harness";
import { multipartFile } from "../testing/multipart";
import { ERASED_FIELDS } from "./erasure";

// A member reads the privacy notice and records her choices; she asks about
// her data and the pengurus answer in writing within 3 × 24 hours.

let t: TestApp;
let koperasiId: string;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let anggota: Awaited<ReturnType<typeof signedInAs>>;
let other: Awaited<ReturnType<typeof signedInAs>>;
let kasir: Awaited<ReturnType<typeof signedInAs>>;
let clock = new Date("2026-12-08T02:00:00.000Z");

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const owner = await createUser(t.ctx);
  ({ koperasiId } = await createKoperasi(t.ctx, owner.userId));
  admin = await signedInAs(t.ctx, ["admin"], { koperasiId });
  anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId });
  other = await signedInAs(t.ctx, ["anggota"], { koperasiId });
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId });
});
afterAll(async () => {
  await t?.close();
});

const call = (who: { cookie: string }, method: "GET" | "POST" | "PATCH", path: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1/koperasi/${koperasiId}/privacy${path}`, headers: { cookie: who.cookie }, ...(payload ? { payload } : {}) });

describe("consents", () => {
  it("shows the notice with the cooperative's name and no choice yet; records choices, the latest per purpose counting", async () => {
    const first = await call(anggota, "GET", "/notice");
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: PRIVACY_NOTICE_VERSION, consents: [] });
    expect(first.json().purposes.map((p: { purpose: string }) => p.purpose)).toEqual(["pemberitahuan", "pemasaran", "direktori_umkm"]);
    const name = (await t.ctx.database.db.selectFrom("koperasi").select("name").where("id", "=", koperasiId).executeTakeFirstOrThrow()).name;
    expect(first.json().text).toContain(name);

    for (const [purpose, given] of [["pemberitahuan", true], ["pemasaran", true], ["pemasaran", false]] as const) {
      clock = new Date(clock.getTime() + 60_000);
      const res = await call(anggota, "POST", "/consents", { purpose, given, noticeVersion: PRIVACY_NOTICE_VERSION });
      expect(res.statusCode, res.body).toBe(200);
    }
    const consents = (await call(anggota, "GET", "/notice")).json().consents;
    expect(consents).toEqual([
      { purpose: "pemasaran", given: false, noticeVersion: PRIVACY_NOTICE_VERSION, recordedAt: new Date(clock).toISOString() },
      { purpose: "pemberitahuan", given: true, noticeVersion: PRIVACY_NOTICE_VERSION, recordedAt: new Date(clock.getTime() - 120_000).toISOString() },
    ]);
    // The history is kept: three rows, and each choice is in the audit log.
    const rows = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("privacy_consent").select("purpose").execute());
    expect(rows).toHaveLength(3);
    // Another member sees only her own (none).
    expect((await call(other, "GET", "/notice")).json().consents).toEqual([]);
  });

  it("refuses a choice under an outdated notice, withdrawing the acknowledgement, and staff without a member's rights", async () => {
    const outdated = await call(anggota, "POST", "/consents", { purpose: "pemasaran", given: true, noticeVersion: "2020-01-01" });
    expect(outdated.statusCode).toBe(409);
    expect(outdated.headers["content-type"]).toContain("application/problem+json");
    expect(outdated.json().errors[0]).toMatchObject({ path: "body.noticeVersion" });
    const withdrawn = await call(anggota, "POST", "/consents", { purpose: "pemberitahuan", given: false, noticeVersion: PRIVACY_NOTICE_VERSION });
    expect(withdrawn.statusCode).toBe(422);
    const unknown = await call(anggota, "POST", "/consents", { purpose: "jualan", given: true, noticeVersion: PRIVACY_NOTICE_VERSION });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail ?? unknown.json().title).toBeTruthy();
    expect((await call(kasir, "GET", "/notice")).statusCode).toBe(403);
  });
});

describe("requests", () => {
  it("are received with a deadline 3 × 24 hours on, queued for the pengurus by urgency, overdue once past it, and answered in writing", async () => {
    clock = new Date("2026-12-08T03:00:00.000Z");
    const erase = await call(anggota, "POST", "/requests", { kind: "perbaikan", details: "Mohon perbaiki alamat saya." });
    expect(erase.statusCode, erase.body).toBe(201);
    expect(erase.json()).toMatchObject({ kind: "perbaikan", status: "diterima", receivedAt: "2026-12-08T03:00:00.000Z", dueAt: "2026-12-11T03:00:00.000Z", overdue: false, answer: null });
    clock = new Date("2026-12-08T04:00:00.000Z");
    const access = await call(other, "POST", "/requests", { kind: "akses", details: "Saya ingin salinan data saya." });
    expect(access.statusCode).toBe(201);

    const queue = await call(admin, "GET", "/requests");
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().map((r: { id: string }) => r.id)).toEqual([erase.json().id, access.json().id]);
    expect(queue.json()[0].member).toBeNull(); // a login without a member record (test fixture) still asks
    // Each member sees only her own.
    expect((await call(anggota, "GET", "/requests/mine")).json().map((r: { id: string }) => r.id)).toEqual([erase.json().id]);
    expect((await call(anggota, "GET", "/requests")).statusCode).toBe(403);

    clock = new Date("2026-12-11T03:00:01.000Z");
    expect((await call(admin, "GET", "/requests")).json().map((r: { overdue: boolean }) => r.overdue)).toEqual([true, false]);

    const step = await call(admin, "PATCH", `/requests/${erase.json().id}`, { status: "diproses" });
    expect(step.statusCode, step.body).toBe(200);
    const noAnswer = await call(admin, "PATCH", `/requests/${erase.json().id}`, { status: "selesai" });
    expect(noAnswer.statusCode).toBe(422);
    expect(noAnswer.json().errors[0]).toMatchObject({ path: "body.answer" });
    const done = await call(admin, "PATCH", `/requests/${erase.json().id}`, {
      status: "selesai",
      answer: "Alamat Anda telah diperbaiki. Alamat lama tidak disimpan; catatan simpanan tetap disimpan 10 tahun karena kewajiban pembukuan.",
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: "selesai", overdue: false, handledAt: "2026-12-11T03:00:01.000Z" });
    expect((await call(anggota, "GET", "/requests/mine")).json()[0].answer).toMatch(/10 tahun/);

    // Closed stays closed; the open queue no longer shows it; every step is in the audit log.
    const reopen = await call(admin, "PATCH", `/requests/${erase.json().id}`, { status: "diproses" });
    expect(reopen.statusCode).toBe(409);
    expect((await call(admin, "GET", "/requests")).json().map((r: { id: string }) => r.id)).toEqual([access.json().id]);
    expect((await call(admin, "GET", "/requests?status=semua")).json()).toHaveLength(2);
    const audit = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("audit_log").select("action").where("action", "like", "privacy.request%").execute());
    expect(audit.map((a) => a.action).sort()).toEqual(["privacy.request_create", "privacy.request_create", "privacy.request_update", "privacy.request_update"]);
  });

  it("refuses bad input with problem+json in Indonesian, nothing stored", async () => {
    const stored = () => t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("privacy_request").select("id").execute());
    const before = await stored();
    expect(before.length).toBeGreaterThan(0);
    for (const payload of [{ kind: "hapus", details: "x" }, { kind: "akses", details: "   " }, { kind: "akses", details: "x".repeat(2001) }, { kind: "akses", details: "x", extra: 1 }]) {
      const res = await call(anggota, "POST", "/requests", payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await stored()).toHaveLength(before.length);
    const missing = await call(admin, "PATCH", "/requests/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", { status: "diproses" });
    expect(missing.statusCode).toBe(404);
  });
});

describe("erasure on request", () => {
  it("removes what need not be kept once her membership has ended, keeps her name, number, NIK and books, and tells her so", async () => {
    const leaver = await signedInAs(t.ctx, ["anggota"], { koperasiId });
    const staff = (method: "POST" | "PUT" | "PATCH", url: string, payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method, url: `/api/v1/koperasi/${koperasiId}${url}`, headers: { cookie: admin.cookie, ...headers }, payload });
    const created = await staff("POST", "/members", {
      fullName: "Rahmat Hidayat",
      nik: "3515 1412 0370 0003",
      birthPlace: "Gresik",
      birthDate: "1970-03-12",
      gender: "male",
      maritalStatus: "kawin",
      address: "Jl. Veteran 3, Gresik",
      phone: "0812-9999-0001",
      motherMaidenName: "Siti Aminah",
      occupation: "Petani",
      sourceOfFunds: "usaha",
      joinedOn: "2026-01-05",
    });
    expect(created.statusCode, created.body).toBe(201);
    const memberId: string = created.json().id;
    await t.ctx.database.tenant({ koperasiId }, (trx) => trx.updateTable("member").set({ user_id: leaver.userId }).where("id", "=", memberId).execute());
    expect((await staff("POST", `/members/${memberId}/heirs`, { fullName: "Dewi Hidayat", relationship: "anak", phone: "0813-2222-3333", shareBp: 10_000 })).statusCode).toBe(201);
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#336699" } }).jpeg().toBuffer();
    const photo = multipartFile("file", "foto.jpg", "image/jpeg", jpeg);
    expect((await staff("PUT", `/members/${memberId}/files/photo`, photo.payload as unknown as object, photo.headers)).statusCode).toBe(200);
    const storageKey = (await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("member_file").select("storage_key").where("member_id", "=", memberId).executeTakeFirstOrThrow())).storage_key;

    const asked = await call(leaver, "POST", "/requests", { kind: "penghapusan", details: "Saya sudah keluar, mohon hapus data saya." });
    expect(asked.statusCode).toBe(201);
    const erase = () => t.app.inject({ method: "POST", url: `/api/v1/koperasi/${koperasiId}/privacy/requests/${asked.json().id}/erase`, headers: { cookie: admin.cookie } });

    // Closing it by saying so is refused: an erasure is carried out, or rejected.
    const saidDone = await call(admin, "PATCH", `/requests/${asked.json().id}`, { status: "selesai", answer: "Sudah dihapus." });
    expect(saidDone.statusCode).toBe(409);
    expect(saidDone.json().code).toBe("erasure_not_carried_out");
    // Still a member: refused, nothing removed.
    const early = await erase();
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("erasure_member_active");
    await expect(t.ctx.files.get(storageKey)).resolves.toBeInstanceOf(Buffer);

    await t.ctx.database.tenant({ koperasiId }, (trx) => trx.updateTable("member").set({ status: "keluar" }).where("id", "=", memberId).execute());
    const done = await erase();
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: "selesai", answer: expect.stringContaining("10 tahun") });
    for (const field of ERASED_FIELDS) expect(done.json().answer).toContain(field);

    const row = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("member").selectAll().where("id", "=", memberId).executeTakeFirstOrThrow());
    expect(row).toMatchObject({ full_name: "Rahmat Hidayat", phone_sealed: null, phone_index: null, mother_maiden_name_sealed: null, birth_place: null, birth_date: null, address: null, email: null, occupation: null, marital_status: null, source_of_funds: null });
    expect(row.nik_sealed).not.toBeNull();
    expect(row.member_number).toBe(created.json().memberNumber);
    const left = await t.ctx.database.tenant({ koperasiId }, async (trx) => ({
      files: await trx.selectFrom("member_file").select("kind").where("member_id", "=", memberId).execute(),
      heirs: await trx.selectFrom("member_heir").select("id").where("member_id", "=", memberId).execute(),
      audit: await trx.selectFrom("audit_log").select("action").where("action", "=", "privacy.erasure").where("target_id", "=", memberId).execute(),
    }));
    expect(left).toEqual({ files: [], heirs: [], audit: [{ action: "privacy.erasure" }] });
    await expect(t.ctx.files.get(storageKey)).rejects.toThrow();

    // Closed: a second run is refused.
    expect((await erase()).statusCode).toBe(409);
    // Only an erasure request can be carried out as one.
    const access = await call(leaver, "POST", "/requests", { kind: "akses", details: "Salinan data saya." });
    const wrongKind = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${koperasiId}/privacy/requests/${access.json().id}/erase`, headers: { cookie: admin.cookie } });
    expect(wrongKind.json().code).toBe("not_an_erasure");
  });
});

describe("the record of processing and the breach-notice drill", () => {
  it("lists the core activities with their legal basis, and a switched-on module's own", async () => {
    const before = await call(admin, "GET", "/processing-record");
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().activities.map((a: { id: string }) => a.id)).toEqual(["keanggotaan", "simpan_pinjam", "kewajiban_hukum", "keamanan"]);
    expect(before.json().activities[0].basisText).toMatch(/Pasal 20/);
    const on = await t.app.inject({ method: "PUT", url: `/api/v1/koperasi/${koperasiId}/modules/berita`, headers: { cookie: admin.cookie }, payload: { enabled: true } });
    expect(on.statusCode, on.body).toBe(200);
    expect((await call(admin, "GET", "/processing-record")).json().activities.map((a: { id: string }) => a.id)).toContain("berita");
    expect((await call(anggota, "GET", "/processing-record")).statusCode).toBe(403);
  });

  it("sends the cooperative a notice marked LATIHAN, in the app and to its admins, and times its acknowledgement against 3 × 24 hours", async () => {
    const operator = await createUser(t.ctx, { email: "operator.drill@platform.contoh.id", name: "Operator Latihan" });
    await t.ctx.database.db.insertInto("platform_operator").values({ user_id: operator.userId }).execute();
    const operatorCookie = await sessionCookie(t.ctx, operator.email, operator.password);
    expect((await t.app.inject({ method: "POST", url: `/api/v1/platform/koperasi/${koperasiId}/breach-drills`, headers: { cookie: admin.cookie } })).statusCode).toBe(403);

    clock = new Date("2026-12-12T01:00:00.000Z");
    const started = await t.app.inject({ method: "POST", url: `/api/v1/platform/koperasi/${koperasiId}/breach-drills`, headers: { cookie: operatorCookie } });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ startedAt: "2026-12-12T01:00:00.000Z", dueAt: "2026-12-15T01:00:00.000Z", acknowledgedAt: null, hoursToAcknowledge: null, withinDeadline: null });
    expect(started.json().title).toMatch(/^LATIHAN/);
    const mail = await t.ctx.database.db.selectFrom("outbound_message").select(["recipient", "subject"]).where("koperasi_id", "=", koperasiId).where("subject", "like", "LATIHAN%").execute();
    expect(mail.map((m) => m.recipient)).toContain(admin.email);

    clock = new Date("2026-12-12T06:30:00.000Z");
    const drillId = started.json().id;
    const ack = await call(admin, "POST", `/breach-drills/${drillId}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ acknowledgedAt: "2026-12-12T06:30:00.000Z", hoursToAcknowledge: 5.5, withinDeadline: true });
    // A second acknowledgement changes nothing; the operator sees the same figures.
    clock = new Date("2026-12-16T00:00:00.000Z");
    expect((await call(admin, "POST", `/breach-drills/${drillId}/acknowledge`)).json().acknowledgedAt).toBe("2026-12-12T06:30:00.000Z");
    const seen = await t.app.inject({ url: `/api/v1/platform/koperasi/${koperasiId}/breach-drills`, headers: { cookie: operatorCookie } });
    expect(seen.json()).toEqual([ack.json()]);
    expect((await call(anggota, "POST", `/breach-drills/${drillId}/acknowledge`)).statusCode).toBe(403);
  });
});
