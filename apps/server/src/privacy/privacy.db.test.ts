import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRIVACY_NOTICE_VERSION } from "@koperasi/domain";
import { createKoperasi, createTestApp, createUser, signedInAs, type TestApp } from "../testing/harness";

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
    const erase = await call(anggota, "POST", "/requests", { kind: "penghapusan", details: "Mohon hapus foto dan alamat saya." });
    expect(erase.statusCode, erase.body).toBe(201);
    expect(erase.json()).toMatchObject({ kind: "penghapusan", status: "diterima", receivedAt: "2026-12-08T03:00:00.000Z", dueAt: "2026-12-11T03:00:00.000Z", overdue: false, answer: null });
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
      answer: "Foto dan alamat Anda telah dihapus. Nama, NIK dan catatan simpanan tetap disimpan 10 tahun karena kewajiban pembukuan.",
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
