import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import * as OTPAuth from "otpauth";
import { cookiesFrom, addToKoperasi, createKoperasi, createTestApp, createUser, sessionCookie, signedInAs, type TestApp } from "../testing/harness";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});


/** A code from the authenticator app: generated from the secret in the otpauth:// URI. */
function totpCode(uri: string, offsetSeconds = 0): string {
  const otp = OTPAuth.URI.parse(uri);
  if (!(otp instanceof OTPAuth.TOTP)) throw new Error("not a TOTP URI");
  return otp.generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

function post(url: string, cookie: string | undefined, payload: Record<string, unknown>) {
  return t.app.inject({ method: "POST", url: `/api/v1${url}`, headers: cookie ? { cookie } : {}, payload });
}

/** Enables TOTP for a person through the API; returns what the authenticator app and the person keep. */
async function enableTwoFactor(who: { email: string; password: string }) {
  const cookie = await sessionCookie(t.ctx, who.email, who.password);
  const setup = await post("/auth/two-factor/enable", cookie, { password: who.password });
  expect(setup.statusCode).toBe(200);
  const { totpUri, backupCodes } = setup.json() as { totpUri: string; backupCodes: string[] };
  const verified = await post("/auth/two-factor/verify", cookie, { code: totpCode(totpUri) });
  expect(verified.statusCode).toBe(200);
  return { totpUri, backupCodes, cookie: cookiesFrom(verified) || cookie };
}

describe("enabling TOTP two-factor", () => {
  it("needs the password, then a first code from the app; sign-in is unchanged until then", async () => {
    const who = await createUser(t.ctx);
    const cookie = await sessionCookie(t.ctx, who.email, who.password);

    const wrong = await post("/auth/two-factor/enable", cookie, { password: "bukan-kata-sandinya" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: "invalid_password", errors: [{ path: "body.password" }] });
    expect((await post("/auth/two-factor/enable", undefined, { password: who.password })).statusCode).toBe(401);

    const setup = await post("/auth/two-factor/enable", cookie, { password: who.password });
    expect(setup.statusCode).toBe(200);
    const { totpUri, backupCodes } = setup.json();
    expect(totpUri).toMatch(/^otpauth:\/\/totp\/Koperasi%20Pintar:/);
    expect(backupCodes).toHaveLength(10);

    // Not on yet: signing in still takes only the password.
    const before = await post("/auth/login", undefined, { email: who.email, password: who.password });
    expect(before.json().status).toBe("ok");
    expect(before.json().session.user.twoFactorEnabled).toBe(false);

    const badCode = await post("/auth/two-factor/verify", cookie, { code: "000000" });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json()).toMatchObject({ code: "invalid_code" });
    expect((await post("/auth/two-factor/verify", cookie, { code: "12ab56" })).statusCode).toBe(400);

    const ok = await post("/auth/two-factor/verify", cookie, { code: totpCode(totpUri) });
    expect(ok.statusCode).toBe(200);
    // better-auth re-issues the session; the new cookie shows two-factor on.
    const session = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: cookiesFrom(ok) } });
    expect(session.json().user.twoFactorEnabled).toBe(true);

    const again = await post("/auth/two-factor/enable", cookiesFrom(ok), { password: who.password });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("two_factor_already_enabled");
  });

  it("refuses verification before setup has started", async () => {
    const who = await createUser(t.ctx);
    const cookie = await sessionCookie(t.ctx, who.email, who.password);
    const res = await post("/auth/two-factor/verify", cookie, { code: "123456" });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("two_factor_not_started");
  });
});

describe("signing in with two-factor on", () => {
  it("asks for the second factor without creating a session, then completes with a TOTP code", async () => {
    const who = await createUser(t.ctx);
    const { totpUri } = await enableTwoFactor(who);

    const first = await post("/auth/login", undefined, { email: who.email, password: who.password });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: "two_factor_required" });
    const halfCookie = cookiesFrom(first);
    expect(halfCookie).toMatch(/kp\.two_factor=/);
    expect(halfCookie).not.toMatch(/kp\.session_token=/);
    // Half signed in is not signed in.
    expect((await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: halfCookie } })).statusCode).toBe(401);

    const wrong = await post("/auth/login/two-factor", halfCookie, { code: "000000" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe("invalid_code");

    const done = await post("/auth/login/two-factor", halfCookie, { code: totpCode(totpUri) });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: "ok", session: { user: { id: who.userId, twoFactorEnabled: true } } });
    const cookie = cookiesFrom(done);
    expect(cookie).toMatch(/kp\.session_token=/);
    expect((await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie } })).statusCode).toBe(200);

    // The challenge was spent with the sign-in.
    expect((await post("/auth/login/two-factor", halfCookie, { code: totpCode(totpUri) })).json().code).toBe("two_factor_expired");
  });

  it("completes with a recovery code, each usable once", async () => {
    const who = await createUser(t.ctx);
    const { backupCodes } = await enableTwoFactor(who);
    const code = backupCodes[0]!;

    const first = await post("/auth/login", undefined, { email: who.email, password: who.password });
    const done = await post("/auth/login/two-factor", cookiesFrom(first), { code, kind: "backup" });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe("ok");

    const second = await post("/auth/login", undefined, { email: who.email, password: who.password });
    const reused = await post("/auth/login/two-factor", cookiesFrom(second), { code, kind: "backup" });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe("invalid_code");
    const next = await post("/auth/login/two-factor", cookiesFrom(second), { code: backupCodes[1]!, kind: "backup" });
    expect(next.statusCode).toBe(200);
  });

  it("refuses the second step without the two-factor cookie, and a session cookie does not stand in for it", async () => {
    const who = await createUser(t.ctx);
    const { totpUri, cookie } = await enableTwoFactor(who);
    const none = await post("/auth/login/two-factor", undefined, { code: totpCode(totpUri) });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe("two_factor_expired");
    const withSession = await post("/auth/login/two-factor", cookie, { code: totpCode(totpUri) });
    expect(withSession.statusCode).toBe(401);
    expect((await post("/auth/login/two-factor", undefined, { code: "12" })).statusCode).toBe(400);
    expect((await post("/auth/login/two-factor", undefined, { code: "123456", kind: "sms" })).statusCode).toBe(400);
  });

  it("disables with the password and a fresh second factor, never the password alone; sign-in then takes the password alone", async () => {
    const who = await createUser(t.ctx);
    const { totpUri, backupCodes } = await enableTwoFactor(who);
    const first = await post("/auth/login", undefined, { email: who.email, password: who.password });
    const done = await post("/auth/login/two-factor", cookiesFrom(first), { code: totpCode(totpUri) });
    const cookie = cookiesFrom(done);

    const passwordAlone = await post("/auth/two-factor/disable", cookie, { password: who.password });
    expect(passwordAlone.statusCode).toBe(400);
    expect(passwordAlone.json().errors).toContainEqual(expect.objectContaining({ path: "body.code" }));
    const wrongCode = await post("/auth/two-factor/disable", cookie, { password: who.password, code: totpCode(totpUri, -600) });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json().code).toBe("invalid_code");
    const wrong = await post("/auth/two-factor/disable", cookie, { password: "bukan-kata-sandinya", code: totpCode(totpUri) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe("invalid_password");
    expect((await t.ctx.database.db.selectFrom("user").select("twoFactorEnabled").where("id", "=", who.userId).executeTakeFirstOrThrow()).twoFactorEnabled).toBe(true);

    const off = await post("/auth/two-factor/disable", cookie, { password: who.password, code: backupCodes[0]!, kind: "backup" });
    expect(off.statusCode).toBe(200);
    const login = await post("/auth/login", undefined, { email: who.email, password: who.password });
    expect(login.json()).toMatchObject({ status: "ok", session: { user: { twoFactorEnabled: false } } });
  });

  it("switching it on ends every other session: an older one cannot act, let alone switch it off", async () => {
    const who = await createUser(t.ctx);
    const older = await sessionCookie(t.ctx, who.email, who.password);
    expect((await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: older } })).statusCode).toBe(200);
    const { totpUri, cookie } = await enableTwoFactor(who);

    expect((await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: older } })).statusCode).toBe(401);
    const fromOlder = await post("/auth/two-factor/disable", older, { password: who.password, code: totpCode(totpUri) });
    expect(fromOlder.statusCode).toBe(401);
    // The session that switched it on goes on.
    expect((await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie } })).json().user.twoFactorEnabled).toBe(true);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM session WHERE "userId" = ${who.userId}`.execute(t.ctx.database.db);
    expect(rows[0]?.n).toBe(1);
  });
});

describe("her signed-in devices", () => {
  const sessions = (cookie: string) => t.app.inject({ url: "/api/v1/auth/sessions", headers: { cookie } });
  const end = (cookie: string, id: string) => t.app.inject({ method: "DELETE", url: `/api/v1/auth/sessions/${id}`, headers: { cookie } });

  it("lists her sessions with device, address and times, and ends any of them; never another person's", async () => {
    const who = await createUser(t.ctx);
    const phone = cookiesFrom(
      await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: who.email, password: who.password },
        headers: { "user-agent": "Mozilla/5.0 (Linux; Android 10) HP Kasir", "x-forwarded-for": "203.0.113.9" },
        remoteAddress: "198.51.100.7",
      }),
    );
    const laptop = cookiesFrom(
      await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: who.email, password: who.password }, headers: { "user-agent": "Laptop Kantor" } }),
    );

    const listed = await sessions(laptop);
    expect(listed.statusCode).toBe(200);
    const rows = listed.json() as { id: string; userAgent: string; ipAddress: string; createdAt: string; lastSeenAt: string; current: boolean }[];
    expect(rows).toHaveLength(2);
    const phoneRow = rows.find((r) => r.userAgent.includes("HP Kasir"))!;
    // The address is the connection's (no trusted proxy is configured), not what a header claims.
    expect(phoneRow).toMatchObject({ ipAddress: "198.51.100.7", current: false });
    expect(Date.parse(phoneRow.createdAt)).not.toBeNaN();
    expect(Date.parse(phoneRow.lastSeenAt)).not.toBeNaN();
    expect(rows.find((r) => r.userAgent === "Laptop Kantor")?.current).toBe(true);

    const stranger = await createUser(t.ctx);
    const strangerCookie = await sessionCookie(t.ctx, stranger.email, stranger.password);
    expect((await end(strangerCookie, phoneRow.id)).statusCode).toBe(404);
    expect((await sessions(phone)).statusCode).toBe(200);

    expect((await end(laptop, phoneRow.id)).statusCode).toBe(200);
    expect((await sessions(phone)).statusCode).toBe(401);
    expect((await sessions(laptop)).json()).toHaveLength(1);
    expect((await t.app.inject({ url: "/api/v1/auth/sessions" })).statusCode).toBe(401);
  });
});

describe("mandatory two-factor for a cooperative (the request gate)", () => {
  /** A gated read: the cooperative's profile (koperasi.view_profile), or its users (users.manage_roles). */
  const profile = (cookie: string, koperasiId: string) => t.app.inject({ url: `/api/v1/koperasi/${koperasiId}/profile`, headers: { cookie } });
  const users = (cookie: string, koperasiId: string) => t.app.inject({ url: `/api/v1/koperasi/${koperasiId}/users`, headers: { cookie } });

  it("blocks admin and pengurus without TOTP until they set it up; other roles are not affected", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const pengurus = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k, positions: ["ketua"] });
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k });
    const anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: k });

    // Not mandatory: everyone passes.
    expect((await users(admin.cookie, k)).statusCode).toBe(200);

    await t.ctx.database.db.updateTable("koperasi").set({ mfa_required: true }).where("id", "=", k).execute();

    for (const who of [admin, pengurus]) {
      expect((await profile(who.cookie, k)).json()).toMatchObject({ status: 403, code: "mfa_setup_required" });
      const session = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: who.cookie } });
      expect(session.json().mfaSetupRequired).toBe(true);
    }
    for (const who of [kasir, anggota]) {
      expect((await profile(who.cookie, k)).statusCode).toBe(200);
      const session = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: who.cookie } });
      expect(session.json().mfaSetupRequired).toBe(false);
    }

    // Over HTTP, on a route behind the gate:
    const blocked = await t.app.inject({ url: `/api/v1/koperasi/${k}/users`, headers: { cookie: admin.cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: "mfa_setup_required", detail: expect.stringContaining("verifikasi dua langkah") });

    // The admin can still set up TOTP (the auth routes are not behind the gate), and is then let in.
    const { cookie } = await enableTwoFactor(admin);
    expect((await profile(cookie, k)).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/koperasi/${k}/users`, headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie } })).json().mfaSetupRequired).toBe(false);

    // While it is mandatory she cannot switch it off again.
    const off = await post("/auth/two-factor/disable", cookie, { password: admin.password, code: "000000" });
    expect(off.statusCode).toBe(409);
    expect(off.json().code).toBe("mfa_required");
    expect((await t.ctx.database.db.selectFrom("user").select("twoFactorEnabled").where("id", "=", admin.userId).executeTakeFirstOrThrow()).twoFactorEnabled).toBe(true);
  });

  it("applies per cooperative: the same person is free in another that does not require it", async () => {
    const who = await createUser(t.ctx);
    const strict = await createKoperasi(t.ctx, who.userId);
    const relaxed = await createKoperasi(t.ctx, who.userId);
    await addToKoperasi(t.ctx, strict.koperasiId, who.userId, ["admin"]);
    await addToKoperasi(t.ctx, relaxed.koperasiId, who.userId, ["admin"]);
    await t.ctx.database.db.updateTable("koperasi").set({ mfa_required: true }).where("id", "=", strict.koperasiId).execute();
    const cookie = await sessionCookie(t.ctx, who.email, who.password);
    expect((await users(cookie, strict.koperasiId)).json()).toMatchObject({ status: 403, code: "mfa_setup_required" });
    expect((await users(cookie, relaxed.koperasiId)).statusCode).toBe(200);
  });
});
