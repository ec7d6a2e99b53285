import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import * as OTPAuth from "otpauth";
import { settleDeferred } from "../accounts/deferred-work";
import { cookiesFrom, createTestApp, createUser, sessionCookie, type TestApp } from "../testing/harness";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

let ipCounter = 0;
/** Each test from its own address, so the per-IP limits of one test do not reach the next. */
function post(url: string, payload: Record<string, unknown>, opts: { cookie?: string; ip?: string } = {}) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1${url}`,
    payload,
    headers: opts.cookie ? { cookie: opts.cookie } : {},
    remoteAddress: opts.ip ?? `10.1.0.${(ipCounter += 1)}`,
  });
}

async function outboxFor(recipient: string) {
  // Codes are sent after the answer.
  await settleDeferred(t.ctx);
  return t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "=", recipient).orderBy("created_at").execute();
}

async function latestCode(recipient: string): Promise<string> {
  const messages = await outboxFor(recipient);
  const body = messages.at(-1)?.body ?? "";
  const code = /(\d{6})/.exec(body)?.[1];
  if (!code) throw new Error(`no code in the outbox for ${recipient}`);
  return code;
}


describe("POST /auth/password/forgot", () => {
  it("always answers 202, and sends a code only to a verified email or phone", async () => {
    const verified = await createUser(t.ctx, { phone: "+6281255550001" });
    const unverified = await createUser(t.ctx);
    await t.ctx.database.db
      .updateTable("user")
      .set({ emailVerified: false, phoneNumber: "+6281255550002", phoneNumberVerified: false })
      .where("id", "=", unverified.userId)
      .execute();

    for (const identifier of [verified.email, "tidak-ada@contoh.id", unverified.email, "081255550001", "081255550002", "081255550009"]) {
      const res = await post("/auth/password/forgot", { identifier });
      expect(res.statusCode, identifier).toBe(202);
      expect(res.json()).toEqual({ ok: true });
    }

    const mail = await outboxFor(verified.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ channel: "email", subject: expect.stringContaining("atur ulang kata sandi") });
    expect(mail[0]!.body).toMatch(/\b\d{6}\b/);
    const sms = await outboxFor("+6281255550001");
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toMatch(/atur ulang kata sandi/);
    expect(await outboxFor("tidak-ada@contoh.id")).toHaveLength(0);
    expect(await outboxFor(unverified.email)).toHaveLength(0);
    expect(await outboxFor("+6281255550002")).toHaveLength(0);
    expect(await outboxFor("+6281255550009")).toHaveLength(0);
  });

  it("refuses what is neither an email nor a phone number, and unknown fields", async () => {
    const res = await post("/auth/password/forgot", { identifier: "bukan apa-apa" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "invalid_input", errors: [{ path: "body.identifier", code: "invalid_identifier" }] });
    expect((await post("/auth/password/forgot", { identifier: "a@b.id", extra: 1 })).statusCode).toBe(400);
    expect((await post("/auth/password/forgot", {})).statusCode).toBe(400);
  });

  it("limits requests per recipient (429), however the address is written", async () => {
    expect((await post("/auth/password/forgot", { identifier: "siapa@contoh.id" })).statusCode).toBe(202);
    const limited = await post("/auth/password/forgot", { identifier: " SIAPA@contoh.id" });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe("code_rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  });
});

describe("POST /auth/password/reset", () => {
  it("sets the new password with the emailed code, signs every session out, and signs no one in", async () => {
    const who = await createUser(t.ctx);
    const oldSession = await sessionCookie(t.ctx, who.email, who.password);
    await post("/auth/password/forgot", { identifier: who.email });
    const code = await latestCode(who.email);

    const res = await post("/auth/password/reset", { identifier: who.email, code, newPassword: "sawah hijau di lereng merapi" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(String(res.headers["set-cookie"] ?? "")).not.toMatch(/session_token=[^;]/);

    expect((await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: oldSession } })).statusCode).toBe(401);
    expect((await post("/auth/login", { email: who.email, password: who.password })).statusCode).toBe(401);
    expect((await post("/auth/login", { email: who.email, password: "sawah hijau di lereng merapi" })).json().status).toBe("ok");

    // Single use.
    const again = await post("/auth/password/reset", { identifier: who.email, code, newPassword: "kebun kopi di lereng ijen" });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe("invalid_code");
  });

  it("works by phone with the code sent by SMS", async () => {
    const who = await createUser(t.ctx, { phone: "+6281277770001" });
    expect((await post("/auth/password/forgot", { identifier: "+62 812-7777-0001" })).statusCode).toBe(202);
    const code = await latestCode("+6281277770001");
    const res = await post("/auth/password/reset", { identifier: "081277770001", code, newPassword: "perahu nelayan pulang pagi" });
    expect(res.statusCode).toBe(200);
    expect((await post("/auth/login", { phone: "081277770001", password: "perahu nelayan pulang pagi" })).json().status).toBe("ok");
    expect((await post("/auth/login", { email: who.email, password: who.password })).statusCode).toBe(401);
  });

  it("stores e-mail and SMS codes only as an HMAC: the verification table holds no code", async () => {
    const byEmail = await createUser(t.ctx);
    await createUser(t.ctx, { phone: "+6281277770002" });
    await post("/auth/password/forgot", { identifier: byEmail.email });
    await post("/auth/password/forgot", { identifier: "+6281277770002" });
    const codes = [await latestCode(byEmail.email), await latestCode("+6281277770002")];
    const { rows } = await sql<{ identifier: string; value: string }>`SELECT identifier, value FROM verification
      WHERE identifier IN (${`forget-password-otp-${byEmail.email}`}, ${"phone-number-reset-+6281277770002"})`.execute(t.ctx.database.db);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.value).toMatch(/^h\$[0-9a-f]{64}:0$/);
      for (const code of codes) expect(row.value).not.toContain(code);
    }
    // A wrong SMS code is counted against the stored HMAC and the right one still works.
    const wrong = codes[1] === "000000" ? "111111" : "000000";
    expect((await post("/auth/password/reset", { identifier: "+6281277770002", code: wrong, newPassword: "sampan kecil di telaga" })).statusCode).toBe(400);
    const after = await sql<{ value: string }>`SELECT value FROM verification WHERE identifier = ${"phone-number-reset-+6281277770002"}`.execute(t.ctx.database.db);
    expect(after.rows[0]?.value).toMatch(/^h\$[0-9a-f]{64}:1$/);
    expect((await post("/auth/password/reset", { identifier: "+6281277770002", code: codes[1], newPassword: "sampan kecil di telaga" })).statusCode).toBe(200);
  });

  it("refuses a wrong code and changes nothing", async () => {
    const who = await createUser(t.ctx);
    await post("/auth/password/forgot", { identifier: who.email });
    const code = await latestCode(who.email);
    const wrongCode = code === "000000" ? "111111" : "000000";
    const res = await post("/auth/password/reset", { identifier: who.email, code: wrongCode, newPassword: "layang layang di sawah" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "invalid_code", errors: [{ path: "body.code" }] });
    expect((await post("/auth/login", { email: who.email, password: who.password })).json().status).toBe("ok");
    // The right code still works afterwards (a wrong guess does not burn it).
    expect((await post("/auth/password/reset", { identifier: who.email, code, newPassword: "layang layang di sawah" })).statusCode).toBe(200);
  });

  it("refuses an expired code", async () => {
    const who = await createUser(t.ctx);
    await post("/auth/password/forgot", { identifier: who.email });
    const code = await latestCode(who.email);
    await sql`UPDATE verification SET "expiresAt" = now() - interval '1 minute' WHERE identifier = ${`forget-password-otp-${who.email}`}`.execute(
      t.ctx.database.db,
    );
    const res = await post("/auth/password/reset", { identifier: who.email, code, newPassword: "matahari terbit di timur" });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("code_expired");
    expect((await post("/auth/login", { email: who.email, password: who.password })).json().status).toBe("ok");
  });

  it("configures codes to expire within 10 minutes", async () => {
    const who = await createUser(t.ctx);
    await post("/auth/password/forgot", { identifier: who.email });
    await settleDeferred(t.ctx);
    const row = await sql<{ expiresAt: Date; createdAt: Date }>`SELECT "expiresAt", "createdAt" FROM verification WHERE identifier = ${`forget-password-otp-${who.email}`}`.execute(
      t.ctx.database.db,
    );
    const ttl = new Date(row.rows[0]!.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60 * 1000);
    expect(ttl).toBeLessThanOrEqual(10 * 60 * 1000);
  });

  it("refuses a weak or common new password before spending the code", async () => {
    const who = await createUser(t.ctx, { name: "Bagus Santoso" });
    await post("/auth/password/forgot", { identifier: who.email });
    const code = await latestCode(who.email);
    for (const [newPassword, problem] of [
      ["password", "password_common"],
      ["bagus santoso", "password_matches_identity"],
      [who.email, "password_matches_identity"],
    ] as const) {
      const res = await post("/auth/password/reset", { identifier: who.email, code, newPassword });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: "invalid_input", errors: [{ path: "body.newPassword", code: problem }] });
    }
    const short = await post("/auth/password/reset", { identifier: who.email, code, newPassword: "pendek" });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].path).toBe("body.newPassword");
    expect((await post("/auth/password/reset", { identifier: who.email, code: "12345", newPassword: "bintang di langit malam" })).statusCode).toBe(400);
    expect((await post("/auth/password/reset", { identifier: who.email, code, newPassword: "bintang di langit malam" })).statusCode).toBe(200);
  });

  it("answers an unknown account exactly like a wrong code", async () => {
    const res = await post("/auth/password/reset", { identifier: "tidak-ada@contoh.id", code: "123456", newPassword: "bintang di langit malam" });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("invalid_code");
  });

  it("does not bypass two-factor: signing in after a reset still asks for the TOTP code", async () => {
    const who = await createUser(t.ctx);
    const cookie = await sessionCookie(t.ctx, who.email, who.password);
    const setup = (await post("/auth/two-factor/enable", { password: who.password }, { cookie })).json() as { totpUri: string };
    const totp = OTPAuth.URI.parse(setup.totpUri) as OTPAuth.TOTP;
    expect((await post("/auth/two-factor/verify", { code: totp.generate() }, { cookie })).statusCode).toBe(200);

    await post("/auth/password/forgot", { identifier: who.email });
    const reset = await post("/auth/password/reset", { identifier: who.email, code: await latestCode(who.email), newPassword: "gunung rinjani di lombok" });
    expect(reset.statusCode).toBe(200);
    expect(String(reset.headers["set-cookie"] ?? "")).not.toMatch(/session_token=[^;]/);

    const login = await post("/auth/login", { email: who.email, password: "gunung rinjani di lombok" });
    expect(login.json()).toEqual({ status: "two_factor_required" });
    expect(cookiesFrom(login)).not.toMatch(/session_token/);
    const done = await post("/auth/login/two-factor", { code: totp.generate() }, { cookie: cookiesFrom(login) });
    expect(done.json()).toMatchObject({ status: "ok", session: { user: { id: who.userId, twoFactorEnabled: true } } });
    // Two-factor is still on after the reset.
    const row = await t.ctx.database.db.selectFrom("user").select("twoFactorEnabled").where("id", "=", who.userId).executeTakeFirstOrThrow();
    expect(row.twoFactorEnabled).toBe(true);
  });
});
