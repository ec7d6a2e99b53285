import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@koperasi/db/testing";
import { uuidv7 } from "@koperasi/domain";
import { buildApp, LOG_REDACT } from "../app";
import { loadConfig } from "../config";
import type { AppContext } from "../context";
import type { ZodApp } from "../http/zod-app";
import {
  GOOD_PASSWORD,
  PDF_BYTES,
  PNG_BYTES,
  latestCode,
  multipart,
  otherCode,
  registrationBody,
  startRegistration,
  submit,
  verify,
  verifyBoth,
  type Started,
} from "../registration/test-support";
import { phoneOnlyEmail } from "../accounts/phone-only";
import { createContext } from "../server";
import { createKoperasi, createUser, sessionCookie } from "../testing/harness";

// The whole Daftar Sekarang flow over HTTP, on a clock the tests can move.
// The app logs at trace level into memory so the last test can check that
// no code, password or full phone number ever reached a log line.

let app: ZodApp;
let ctx: AppContext;
let db: TestDatabase;
let dataDir: string;
let clockOffsetMs = 0;
const logLines: string[] = [];
const secretsSeen = new Set<string>();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "koperasi-registration-"));
  db = await createTestDatabase();
  const config = { ...loadConfig({ DATA_DIR: dataDir, WEB_DIST: join(dataDir, "no-web") }), logLevel: "trace" };
  ctx = await createContext(config, { database: db.database, now: () => new Date(Date.now() + clockOffsetMs) });
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  });
  app = await buildApp(ctx, { logger: { level: "trace", stream, redact: LOG_REDACT } });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const url = (started: Started, rest = "") => `/api/v1/registrations/${started.id}${rest}`;
const withToken = (started: Started) => ({ "x-resume-token": started.token });

async function countRows(table: "koperasi" | "registration" | "user", column: string, value: string): Promise<number> {
  const rows = await db.superuser.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}" WHERE "${column}" = $1`, [value]);
  return Number(rows[0]?.n ?? 0);
}

/** Moves the clock past the one-code-per-minute limit. */
function afterAMinute(): void {
  clockOffsetMs += 61_000;
}

describe("starting a registration", () => {
  it("creates the draft and an unverified login, and sends both codes to the outbox", async () => {
    const body = registrationBody();
    const res = await app.inject({ method: "POST", url: "/api/v1/registrations", payload: body });
    expect(res.statusCode).toBe(201);
    const state = res.json();
    expect(state.resumeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(state).toMatchObject({
      emailVerified: false,
      phoneVerified: false,
      submitted: false,
      documents: [],
      admin: { name: "Siti Rahayu", email: body.admin.email, phone: `+62${String(body.admin.phone).slice(1)}` },
      koperasi: { name: body.koperasi.name, nomorBadanHukum: body.koperasi.nomorBadanHukum, nib: body.koperasi.nib },
    });
    expect(new Date(state.expiresAt).getTime() - Date.now() - clockOffsetMs).toBeGreaterThan(23.9 * 3600_000);

    const row = await ctx.database.db.selectFrom("registration").selectAll().where("id", "=", state.registrationId).executeTakeFirstOrThrow();
    expect(row.resume_token_hash).not.toContain(state.resumeToken);
    expect(row.resume_token_hash).toMatch(/^[0-9a-f]{64}$/);
    const user = await ctx.database.db.selectFrom("user").selectAll().where("email", "=", String(body.admin.email)).executeTakeFirstOrThrow();
    expect(user.emailVerified).toBe(false);
    expect(user.phoneNumber).toBeNull();

    const outbox = await ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "in", [String(body.admin.email), state.admin.phone]).execute();
    expect(outbox.map((m) => [m.channel, m.status]).sort()).toEqual([
      ["email", "held"],
      ["sms", "held"],
    ]);
    const email = outbox.find((m) => m.channel === "email")!;
    expect(email.subject).toBe(`Kode verifikasi pendaftaran ${body.koperasi.name}`);
    expect(email.body).toMatch(/Kode verifikasi email untuk pendaftaran .* \d{6}/s);
    expect(outbox.find((m) => m.channel === "sms")!.body).toMatch(/^Kode verifikasi pendaftaran .*: \d{6}\. Berlaku 10 menit/);
    // Only hashes of the codes are stored.
    const codes = await ctx.database.db.selectFrom("verification_code").selectAll().where("subject_id", "=", state.registrationId).execute();
    expect(codes).toHaveLength(2);
    for (const c of codes) expect(c.code_hash).not.toContain(/\d{6}/.exec(email.body)![0]);
    secretsSeen.add(await latestCode(ctx, String(body.admin.email)));
    secretsSeen.add(await latestCode(ctx, state.admin.phone));
  });

  it("resumes with the token only", async () => {
    const started = await startRegistration(app, registrationBody());
    const ok = await app.inject({ url: url(started), headers: withToken(started) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().resumeToken).toBeUndefined();
    expect(ok.json().registrationId).toBe(started.id);

    const none = await app.inject({ url: url(started) });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe("resume_token_required");
    const wrong = await app.inject({ url: url(started), headers: { "x-resume-token": "A".repeat(43) } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe("resume_token_invalid");
    const unknown = await app.inject({ url: `/api/v1/registrations/${uuidv7()}`, headers: withToken(started) });
    expect(unknown.statusCode).toBe(404);
  });

  it("answers 410 for a draft older than 24 hours", async () => {
    const started = await startRegistration(app, registrationBody());
    clockOffsetMs += 24 * 3600_000 + 1000;
    try {
      const res = await app.inject({ url: url(started), headers: withToken(started) });
      expect(res.statusCode).toBe(410);
      expect(res.json()).toMatchObject({ code: "registration_expired", detail: expect.stringContaining("kedaluwarsa") });
      const verifyRes = await verify(app, started, "email", await latestCode(ctx, started.email));
      expect(verifyRes.statusCode).toBe(410);
    } finally {
      clockOffsetMs -= 24 * 3600_000 + 1000;
    }
  });
});

describe("bad input to POST /registrations", () => {
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: "POST", url: "/api/v1/registrations", payload: payload as string, headers });

  it("refuses malformed JSON with 400 malformed_json", async () => {
    const res = await post('{"koperasi": {', { "content-type": "application/json" });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().code).toBe("malformed_json");
  });

  it("names an unknown field", async () => {
    const body = registrationBody();
    const res = await post({ ...body, koperasi: { ...body.koperasi, website: "x" } });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain("website");
    const top = await post({ ...body, extra: true });
    expect(top.statusCode).toBe(400);
    expect(JSON.stringify(top.json().errors)).toContain("extra");
  });

  it("gives a message per invalid field: NIB, badan hukum, Nomor Induk Koperasi, phone", async () => {
    const body = registrationBody({
      koperasi: { nib: "12345", nomorBadanHukum: "asal-asalan", nomorIndukKoperasi: "12" },
      admin: { phone: "0212" + "9".repeat(12) },
    });
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as { path: string; code: string; message: string }[];
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e]));
    expect(byPath["body.koperasi.nib"]).toMatchObject({ code: "nib_invalid", message: "NIB harus terdiri dari 13 angka." });
    expect(byPath["body.koperasi.nomorBadanHukum"]).toMatchObject({ code: "nomor_badan_hukum_invalid" });
    expect(byPath["body.koperasi.nomorIndukKoperasi"]).toMatchObject({ code: "nomor_induk_koperasi_invalid" });
    expect(byPath["body.admin.phone"]).toMatchObject({ code: "phone_invalid", message: expect.stringContaining("Nomor telepon tidak sah") });
    expect(await countRows("user", "email", String(body.admin.email))).toBe(0);
  });

  it("refuses an invalid email and missing fields with Indonesian messages", async () => {
    const body = registrationBody({ admin: { email: "bukan-email" } });
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: "body.admin.email", message: "Format email tidak sah." })]));
    const noName = await post({ ...registrationBody(), koperasi: { ...registrationBody().koperasi, name: undefined } });
    expect(noName.statusCode).toBe(400);
    expect(JSON.stringify(noName.json().errors)).toContain("Nama koperasi wajib diisi.");
  });

  it("requires one of the two cooperative numbers, and a password when not signed in", async () => {
    const body = registrationBody({ koperasi: { nomorIndukKoperasi: "", nomorBadanHukum: undefined }, admin: { password: undefined } });
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    const paths = (res.json().errors as { path: string; code: string }[]).map((e) => `${e.path}:${e.code}`);
    expect(paths).toEqual(
      expect.arrayContaining(["body.koperasi.nomorIndukKoperasi:required_one_of", "body.koperasi.nomorBadanHukum:required_one_of", "body.admin.password:required"]),
    );
  });

  it("refuses a common password and one that is the person's own email", async () => {
    const common = registrationBody({ admin: { password: "password123" } });
    const res = await post(common);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: "body.admin.password", code: "password_common" })]);
    const short = await post(registrationBody({ admin: { password: "pendek" } }));
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].message).toBe("Kata sandi minimal 8 karakter.");
    const own = registrationBody();
    own.admin.password = own.admin.email;
    const ownRes = await post(own);
    expect(ownRes.json().errors).toEqual([expect.objectContaining({ code: "password_matches_identity" })]);
    expect(await countRows("user", "email", String(common.admin.email))).toBe(0);
    secretsSeen.add(GOOD_PASSWORD);
  });

  it("refuses a cooperative whose numbers are already registered (409 koperasi_exists)", async () => {
    const owner = await createUser(ctx);
    const { koperasiId } = await createKoperasi(ctx, owner.userId);
    const body = registrationBody();
    // Stored in normalised form, so the same decree typed differently is the same.
    await ctx.database.db.updateTable("koperasi").set({ nomor_badan_hukum: String(body.koperasi.nomorBadanHukum) }).where("id", "=", koperasiId).execute();
    const typed = { ...body, koperasi: { ...body.koperasi, nomorBadanHukum: ` no. ${String(body.koperasi.nomorBadanHukum).toLowerCase()} ` } };
    const res = await post(typed);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "koperasi_exists", errors: [{ path: "body.koperasi.nomorBadanHukum" }] });
    expect(await countRows("user", "email", String(body.admin.email))).toBe(0);
  });

  it("tells a person with a verified login to sign in first (409 email_registered)", async () => {
    const existing = await createUser(ctx);
    const res = await post(registrationBody({ admin: { email: existing.email.toUpperCase() } }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "email_registered", detail: expect.stringContaining("masuk terlebih dahulu") });
  });
});

describe("a half-finished registration never blocks a retry", () => {
  it("replaces an abandoned unverified login and supersedes the older draft", async () => {
    const first = await startRegistration(app, registrationBody());
    const oldUser = await ctx.database.db.selectFrom("user").select("id").where("email", "=", first.email).executeTakeFirstOrThrow();

    // Too soon: the code limit answers with when to retry, and nothing new is created.
    const tooSoon = await app.inject({ method: "POST", url: "/api/v1/registrations", payload: { ...first.body, admin: { ...first.body.admin, password: "kopi-susu-sore-hari" } } });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json()).toMatchObject({ code: "code_rate_limited", detail: expect.stringMatching(/dalam \d+ detik/) });
    expect(Number(tooSoon.headers["retry-after"])).toBeGreaterThan(0);

    afterAMinute();
    const retry = await startRegistration(app, { ...first.body, admin: { ...first.body.admin, password: "kopi-susu-sore-hari" } });
    expect(retry.id).not.toBe(first.id);
    // The old draft and the abandoned login are gone; the new password is the one that works.
    expect((await app.inject({ url: url(first), headers: withToken(first) })).statusCode).toBe(404);
    expect(await countRows("user", "id", oldUser.id)).toBe(0);
    expect(await countRows("user", "email", first.email)).toBe(1);
    await expect(sessionCookie(ctx, first.email, "kopi-susu-sore-hari")).resolves.toContain("kp.session_token");
  });

  it("lets someone else retry the same cooperative numbers with another email", async () => {
    const first = await startRegistration(app, registrationBody());
    const again = registrationBody({ koperasi: first.body.koperasi });
    const second = await startRegistration(app, again);
    expect((await app.inject({ url: url(first), headers: withToken(first) })).statusCode).toBe(404);
    expect((await app.inject({ url: url(second), headers: withToken(second) })).statusCode).toBe(200);
  });
});

describe("verification codes", () => {
  it("verifies email and phone, marks the login verified, and refuses a reused code", async () => {
    const started = await startRegistration(app, registrationBody());
    const emailCode = await latestCode(ctx, started.email);
    const wrong = await verify(app, started, "email", otherCode(emailCode));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: "code_invalid", detail: "Kode salah. Sisa 4 kali percobaan." });

    const ok = await verify(app, started, "email", emailCode);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ emailVerified: true, phoneVerified: false });
    const reused = await verify(app, started, "email", emailCode);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe("code_used");

    const phoneCode = await latestCode(ctx, started.phone);
    const phone = await verify(app, started, "phone", phoneCode);
    expect(phone.json()).toMatchObject({ emailVerified: true, phoneVerified: true });
    const user = await ctx.database.db.selectFrom("user").selectAll().where("email", "=", started.email).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ emailVerified: true, phoneNumber: started.phone, phoneNumberVerified: true });
    secretsSeen.add(emailCode).add(phoneCode);
  });

  it("refuses a code after ten minutes (code_expired) and after five wrong tries", async () => {
    const started = await startRegistration(app, registrationBody());
    const code = await latestCode(ctx, started.email);
    clockOffsetMs += 10 * 60_000 + 1000;
    const expired = await verify(app, started, "email", code);
    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toMatchObject({ code: "code_expired", detail: "Kode sudah kedaluwarsa. Minta kode baru." });

    const resend = await app.inject({ method: "POST", url: url(started, "/resend"), headers: withToken(started), payload: { channel: "email" } });
    expect(resend.statusCode).toBe(202);
    const fresh = await latestCode(ctx, started.email);
    for (let i = 0; i < 5; i += 1) expect((await verify(app, started, "email", otherCode(fresh))).json().code).toBe("code_invalid");
    const dead = await verify(app, started, "email", fresh);
    expect(dead.statusCode).toBe(400);
    expect(dead.json().code).toBe("code_attempts_exceeded");
  });

  it("rate-limits resending (1 a minute) and retires the previous code", async () => {
    const started = await startRegistration(app, registrationBody());
    const first = await latestCode(ctx, started.phone);
    const resend = () => app.inject({ method: "POST", url: url(started, "/resend"), headers: withToken(started), payload: { channel: "phone" } });
    const limited = await resend();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: "code_rate_limited", detail: expect.stringMatching(/Anda dapat meminta kode lagi dalam \d+ detik/) });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);

    afterAMinute();
    expect((await resend()).statusCode).toBe(202);
    const second = await latestCode(ctx, started.phone);
    const old = await verify(app, started, "phone", first);
    expect(old.statusCode).toBe(400);
    expect((await verify(app, started, "phone", second)).json().phoneVerified).toBe(true);

    const again = await app.inject({ method: "POST", url: url(started, "/resend"), headers: withToken(started), payload: { channel: "phone" } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("already_verified");
    const badChannel = await app.inject({ method: "POST", url: url(started, "/resend"), headers: withToken(started), payload: { channel: "fax" } });
    expect(badChannel.statusCode).toBe(400);
    expect(JSON.stringify(badChannel.json().errors)).toContain("Saluran harus email atau phone.");
  });
});

describe("documents", () => {
  it("stores a PDF and a PNG by content, and lets a document be replaced", async () => {
    const started = await startRegistration(app, registrationBody());
    const pdf = multipart("file", "akta pendirian.pdf", "application/pdf", PDF_BYTES);
    const put = await app.inject({ method: "PUT", url: url(started, "/documents/akta"), headers: { ...withToken(started), ...pdf.headers }, payload: pdf.payload });
    expect(put.statusCode).toBe(200);
    expect(put.json().documents).toEqual([{ kind: "akta", fileName: "akta pendirian.pdf", sizeBytes: PDF_BYTES.length }]);

    // Replacing it with a PNG (the client's claimed type is ignored).
    const png = multipart("file", "C:\\scan\\akta.png", "application/octet-stream", PNG_BYTES);
    const replaced = await app.inject({ method: "PUT", url: url(started, "/documents/akta"), headers: { ...withToken(started), ...png.headers }, payload: png.payload });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().documents).toEqual([{ kind: "akta", fileName: "akta.png", sizeBytes: PNG_BYTES.length }]);
    const row = await ctx.database.db.selectFrom("registration_document").selectAll().where("registration_id", "=", started.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ content_type: "image/png", storage_key: `registrations/${started.id}/akta` });
    expect(Buffer.compare(await ctx.files.get(row.storage_key), PNG_BYTES)).toBe(0);
  });

  it("refuses a wrong type (415), an oversized file (413), a missing file and a non-multipart body", async () => {
    const started = await startRegistration(app, registrationBody());
    const fake = multipart("file", "akta.pdf", "application/pdf", Buffer.from("MZ\x90\x00 this is not a pdf at all, it is an executable"));
    const wrongType = await app.inject({ method: "PUT", url: url(started, "/documents/akta"), headers: { ...withToken(started), ...fake.headers }, payload: fake.payload });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json()).toMatchObject({ code: "file_type_not_allowed", detail: expect.stringContaining("PDF, JPG atau PNG") });

    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(5 * 1024 * 1024)]);
    const large = multipart("file", "sk.pdf", "application/pdf", big);
    const tooLarge = await app.inject({ method: "PUT", url: url(started, "/documents/sk_badan_hukum"), headers: { ...withToken(started), ...large.headers }, payload: large.payload });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: "too_large", detail: expect.stringContaining("5 MB") });

    const otherField = multipart("dokumen", "sk.pdf", "application/pdf", PDF_BYTES);
    const missing = await app.inject({ method: "PUT", url: url(started, "/documents/sk_badan_hukum"), headers: { ...withToken(started), ...otherField.headers }, payload: otherField.payload });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe("file_missing");

    const json = await app.inject({ method: "PUT", url: url(started, "/documents/akta"), headers: withToken(started), payload: { file: "x" } });
    expect(json.statusCode).toBe(415);
    const badKind = multipart("file", "x.pdf", "application/pdf", PDF_BYTES);
    const kind = await app.inject({ method: "PUT", url: url(started, "/documents/ktp"), headers: { ...withToken(started), ...badKind.headers }, payload: badKind.payload });
    expect(kind.statusCode).toBe(400);
    expect(JSON.stringify(kind.json().errors)).toContain("akta atau sk_badan_hukum");

    const state = await app.inject({ url: url(started), headers: withToken(started) });
    expect(state.json().documents).toEqual([]);
  });
});

describe("submitting", () => {
  it("requires both verifications (409 verification_incomplete)", async () => {
    const started = await startRegistration(app, registrationBody());
    await verify(app, started, "email", await latestCode(ctx, started.email));
    const res = await submit(app, started);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "verification_incomplete", errors: [{ path: "phoneVerified" }] });
  });

  it("creates the cooperative, the admin, its modules, documents and audit entry, and signs the admin in", async () => {
    const started = await startRegistration(app, registrationBody());
    const pdf = multipart("file", "sk.pdf", "application/pdf", PDF_BYTES);
    await app.inject({ method: "PUT", url: url(started, "/documents/sk_badan_hukum"), headers: { ...withToken(started), ...pdf.headers }, payload: pdf.payload });
    await verifyBoth(app, ctx, started);

    const res = await submit(app, started);
    expect(res.statusCode).toBe(201);
    const { koperasi } = res.json();
    // The embedded default approves automatically.
    expect(koperasi).toMatchObject({ name: started.body.koperasi.name, status: "approved", slug: expect.stringMatching(/^koperasi-sumber-rejeki-\d+$/) });

    const row = await ctx.database.db.selectFrom("koperasi").selectAll().where("id", "=", koperasi.id).executeTakeFirstOrThrow();
    const user = await ctx.database.db.selectFrom("user").selectAll().where("email", "=", started.email).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      nomor_induk_koperasi: started.body.koperasi.nomorIndukKoperasi,
      nomor_badan_hukum: started.body.koperasi.nomorBadanHukum,
      nib: started.body.koperasi.nib,
      email: started.email,
      phone: started.phone,
      created_by: user.id,
      time_zone: "Asia/Jakarta",
    });
    const tenant = await ctx.database.tenant({ koperasiId: koperasi.id }, async (trx) => ({
      members: await trx.selectFrom("koperasi_user").selectAll().execute(),
      modules: await trx.selectFrom("koperasi_module").selectAll().orderBy("id").execute(),
      files: await trx.selectFrom("stored_file").selectAll().execute(),
      audit: await trx.selectFrom("audit_log").selectAll().execute(),
      accounts: await trx.selectFrom("gl_account").select("code").execute(),
    }));
    // Its books open with the KSP chart of accounts.
    expect(tenant.accounts.length).toBeGreaterThan(20);
    expect(tenant.members).toEqual([expect.objectContaining({ user_id: user.id, roles: ["admin"], positions: [], status: "active" })]);
    expect(tenant.modules.map((m) => [m.id, m.enabled])).toEqual([
      ["berita", false],
      ["obrolan", false],
      ["poin", false],
      ["umkm", false],
    ]);
    expect(tenant.files).toEqual([expect.objectContaining({ purpose: "sk_badan_hukum", file_name: "sk.pdf", content_type: "application/pdf" })]);
    expect(tenant.audit).toEqual([expect.objectContaining({ action: "koperasi.registered", actor_user_id: user.id, actor_role: "admin", target_id: koperasi.id })]);

    // Signed in: the cookie better-auth reads.
    const cookie = (res.headers["set-cookie"] as string | string[] | undefined) ?? [];
    const cookies = (Array.isArray(cookie) ? cookie : [cookie]).map((c) => c.split(";")[0]).join("; ");
    expect(cookies).toContain("kp.session_token=");
    expect(String(cookie)).toMatch(/HttpOnly/i);
    const me = await app.inject({ url: "/api/v1/auth/session", headers: { cookie: cookies } });
    expect(me.json().user).toMatchObject({ id: user.id, email: started.email });

    const after = await app.inject({ url: url(started), headers: withToken(started) });
    expect(after.json().submitted).toBe(true);
    const twice = await submit(app, started);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("registration_submitted");
    const lateVerify = await verify(app, started, "email", "123456");
    expect(lateVerify.json().code).toBe("registration_submitted");
  });

  it("gives a second cooperative with the same name its own slug", async () => {
    const one = await startRegistration(app, registrationBody({ koperasi: { name: "Koperasi Kembar Jaya" } }));
    const two = await startRegistration(app, registrationBody({ koperasi: { name: "Koperasi Kembar Jaya" } }));
    await verifyBoth(app, ctx, one);
    await verifyBoth(app, ctx, two);
    const a = (await submit(app, one)).json().koperasi;
    const b = (await submit(app, two)).json().koperasi;
    expect(a.slug).toMatch(/^koperasi-kembar-jaya(-\d+)?$/);
    expect(b.slug).not.toBe(a.slug);
    expect(b.slug).toMatch(/^koperasi-kembar-jaya-\d+$/);
  });

  it("leaves nothing half-created when a step fails, and succeeds once the fault is gone", async () => {
    const started = await startRegistration(app, registrationBody());
    await verifyBoth(app, ctx, started);
    // A fault in the last step of the transaction (the audit entry).
    await db.superuser.exec(`
      CREATE FUNCTION test_fail_registration() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'forced failure'; END $$;
      CREATE TRIGGER test_fail_registration BEFORE INSERT ON audit_log
        FOR EACH ROW WHEN (NEW.action = 'koperasi.registered') EXECUTE FUNCTION test_fail_registration();`);
    try {
      const failed = await submit(app, started);
      expect(failed.statusCode).toBe(500);
      expect(failed.json()).toMatchObject({ code: "internal" });
      expect(failed.headers["set-cookie"]).toBeUndefined();
    } finally {
      await db.superuser.exec("DROP TRIGGER test_fail_registration ON audit_log; DROP FUNCTION test_fail_registration();");
    }
    const nik = String(started.body.koperasi.nomorIndukKoperasi);
    expect(await countRows("koperasi", "nomor_induk_koperasi", nik)).toBe(0);
    const leftovers = await db.superuser.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM koperasi_user ku JOIN "user" u ON u.id = ku.user_id WHERE u.email = $1)::text AS n`,
      [started.email],
    );
    expect(leftovers[0]?.n).toBe("0");
    const reg = await ctx.database.db.selectFrom("registration").selectAll().where("id", "=", started.id).executeTakeFirstOrThrow();
    expect(reg).toMatchObject({ submitted_at: null, koperasi_id: null });

    const ok = await submit(app, started);
    expect(ok.statusCode).toBe(201);
    expect(await countRows("koperasi", "nomor_induk_koperasi", nik)).toBe(1);
  });

  it("refuses (409) when the same cooperative was registered between start and submit, creating nothing", async () => {
    const started = await startRegistration(app, registrationBody());
    await verifyBoth(app, ctx, started);
    const other = await createUser(ctx);
    const { koperasiId } = await createKoperasi(ctx, other.userId);
    await ctx.database.db.updateTable("koperasi").set({ nomor_induk_koperasi: String(started.body.koperasi.nomorIndukKoperasi) }).where("id", "=", koperasiId).execute();

    const res = await submit(app, started);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "koperasi_exists" });
    expect(await countRows("koperasi", "nomor_induk_koperasi", String(started.body.koperasi.nomorIndukKoperasi))).toBe(1);
    expect(await countRows("koperasi", "name", String(started.body.koperasi.name))).toBe(0);
    const reg = await ctx.database.db.selectFrom("registration").selectAll().where("id", "=", started.id).executeTakeFirstOrThrow();
    expect(reg.submitted_at).toBeNull();
  });
});

describe("a signed-in person registers a second cooperative", () => {
  it("uses her login (no password, her email already verified) and keeps her session", async () => {
    const phone = `+62813${Date.now().toString().slice(-8)}`;
    const ketua = await createUser(ctx, { phone });
    const { koperasiId: firstKoperasi } = await createKoperasi(ctx, ketua.userId);
    await ctx.database.tenant({ koperasiId: firstKoperasi }, (trx) =>
      trx.insertInto("koperasi_user").values({ koperasi_id: firstKoperasi, id: uuidv7(), user_id: ketua.userId, roles: ["admin", "pengurus"], positions: ["ketua"] }).execute(),
    );
    const cookie = await sessionCookie(ctx, ketua.email, ketua.password);

    const withPassword = await app.inject({
      method: "POST",
      url: "/api/v1/registrations",
      headers: { cookie },
      payload: registrationBody({ admin: { email: ketua.email, phone, password: GOOD_PASSWORD } }),
    });
    expect(withPassword.statusCode).toBe(400);
    expect(withPassword.json().errors).toEqual([expect.objectContaining({ path: "body.admin.password", code: "not_expected" })]);
    const otherEmail = await app.inject({ method: "POST", url: "/api/v1/registrations", headers: { cookie }, payload: registrationBody({ admin: { phone, password: undefined } }) });
    expect(otherEmail.json().errors).toEqual([expect.objectContaining({ path: "body.admin.email", code: "email_mismatch" })]);

    const started = await startRegistration(app, registrationBody({ admin: { email: ketua.email, phone, password: undefined } }), { cookie });
    const state = await app.inject({ url: url(started), headers: withToken(started) });
    expect(state.json()).toMatchObject({ emailVerified: true, phoneVerified: true });
    // Nothing to verify, so no code was sent.
    const sent = await ctx.database.db.selectFrom("verification_code").select("id").where("subject_id", "=", started.id).execute();
    expect(sent).toHaveLength(0);

    const res = await submit(app, started, { cookie });
    expect(res.statusCode).toBe(201);
    expect(res.headers["set-cookie"]).toBeUndefined();
    const memberships = await ctx.database.platform((trx) => trx.selectFrom("koperasi_user").select("koperasi_id").where("user_id", "=", ketua.userId).execute(), { userId: ketua.userId });
    expect(memberships.map((m) => m.koperasi_id).sort()).toEqual([firstKoperasi, res.json().koperasi.id].sort());
    expect(await countRows("user", "email", ketua.email)).toBe(1);
  });
});

describe("a signed-in person whose login has only a phone", () => {
  it("registers with a real email, which becomes her login's once verified", async () => {
    const phone = `+62857${Date.now().toString().slice(-8)}`;
    const member = await createUser(ctx, { email: phoneOnlyEmail(), phone });
    const cookie = await sessionCookie(ctx, member.email, member.password);
    const realEmail = `dewi.${Date.now()}@contoh.id`;
    const taken = await createUser(ctx);
    const refused = await app.inject({ method: "POST", url: "/api/v1/registrations", headers: { cookie }, payload: registrationBody({ admin: { email: taken.email, phone, password: undefined } }) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("email_registered");

    const started = await startRegistration(app, registrationBody({ admin: { email: realEmail, phone, password: undefined } }), { cookie });
    const state = (await app.inject({ url: url(started), headers: withToken(started) })).json();
    expect(state).toMatchObject({ emailVerified: false, phoneVerified: true });
    expect((await verify(app, started, "email", await latestCode(ctx, realEmail))).statusCode).toBe(200);
    const user = await ctx.database.db.selectFrom("user").selectAll().where("id", "=", member.userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: realEmail, emailVerified: true });
    const res = await submit(app, started, { cookie });
    expect(res.statusCode).toBe(201);
  });
});

describe("logs", () => {
  it("never hold a code, a password, a resume token or a full phone number", async () => {
    const started = await startRegistration(app, registrationBody());
    const code = await latestCode(ctx, started.email);
    await verify(app, started, "email", otherCode(code));
    await verify(app, started, "email", code);
    secretsSeen.add(code).add(started.token).add(started.phone).add(started.phone.slice(1)).add(String(started.body.admin.password));
    const text = logLines.join("");
    expect(text).toContain("registration started");
    // Headers that carry secrets are redacted wherever a plugin logs them.
    expect(text).toContain("busboyOptions");
    expect(text).not.toMatch(/"(x-resume-token|cookie|authorization)":"(?!\[Redacted\])/i);
    expect(text).toContain(started.phone.slice(0, 6) + "****");
    for (const secret of secretsSeen) {
      const isolated = new RegExp(`(?<![0-9A-Za-z_-])${secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![0-9A-Za-z_-])`);
      expect(isolated.test(text), `log mentions ${secret.slice(0, 3)}…`).toBe(false);
    }
  });
});
