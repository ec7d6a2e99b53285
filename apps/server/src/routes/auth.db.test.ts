import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { cookiesFrom, addToKoperasi, createKoperasi, createTestApp, createUser, sessionCookie, type TestApp } from "../testing/harness";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});


function login(body: unknown, remoteAddress = "10.0.0.1") {
  return t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: body as Record<string, unknown>, remoteAddress });
}

describe("POST /auth/login", () => {
  it("signs in with email and password, sets an HttpOnly session cookie and answers the session", async () => {
    const who = await createUser(t.ctx, { name: "Siti Aminah" });
    const { koperasiId } = await createKoperasi(t.ctx, who.userId, { name: "Koperasi Sumber Rejeki" });
    await addToKoperasi(t.ctx, koperasiId, who.userId, ["pengurus"], ["bendahara"]);

    const res = await login({ email: who.email.toUpperCase(), password: who.password });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/kp\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(res.json()).toEqual({
      status: "ok",
      session: {
        user: { id: who.userId, name: "Siti Aminah", email: who.email, phone: null, twoFactorEnabled: false },
        memberships: [
          { koperasiId, slug: expect.any(String), name: "Koperasi Sumber Rejeki", status: "approved", roles: ["pengurus"], positions: ["bendahara"], memberId: null },
        ],
        activeKoperasiId: koperasiId,
        platformOperator: false,
        mfaSetupRequired: false,
      },
    });

    const session = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: cookiesFrom(res) } });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { id: who.userId }, activeKoperasiId: koperasiId });
  });

  it("refuses a wrong password and an unknown email with the same 401", async () => {
    const who = await createUser(t.ctx);
    const wrong = await login({ email: who.email, password: "bukan-kata-sandinya" });
    const unknown = await login({ email: "tidak-ada@contoh.id", password: "bukan-kata-sandinya" });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ code: "invalid_credentials", detail: "Email atau kata sandi salah." });
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it("signs in with a verified phone number, in any local format", async () => {
    const who = await createUser(t.ctx, { phone: "+6281311112222" });
    const res = await login({ phone: "0813-1111-2222", password: who.password });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", session: { user: { id: who.userId, phone: "+6281311112222" } } });

    // An unverified number signs no one in.
    const unverified = await createUser(t.ctx);
    await t.ctx.database.db.updateTable("user").set({ phoneNumber: "+6281399998888", phoneNumberVerified: false }).where("id", "=", unverified.userId).execute();
    const refused = await login({ phone: "081399998888", password: unverified.password });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe("invalid_credentials");
  });

  it("answers bad input with problem+json per field", async () => {
    const missing = await login({ email: "orang@contoh.id" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: "invalid_input", errors: [expect.objectContaining({ path: "body.password" })] });

    const extra = await login({ email: "orang@contoh.id", password: "x", admin: true });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].message).toContain("admin");

    const both = await login({ email: "orang@contoh.id", phone: "081234567890", password: "x" });
    expect(both.statusCode).toBe(400);

    const malformed = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"email": "orang@contoh.id", "password": ',
      remoteAddress: "10.0.0.9",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: "malformed_json" });
  });

  it("counts attempts per connection address and email; a forged X-Forwarded-For changes nothing", async () => {
    const who = await createUser(t.ctx);
    const remaining: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: who.email, password: who.password },
        remoteAddress: "10.9.9.9",
        headers: { "x-forwarded-for": `203.0.113.${i}` },
      });
      expect(res.statusCode).toBe(200);
      remaining.push(res.headers["x-ratelimit-remaining"]);
    }
    expect(remaining).toEqual(["9", "8", "7"]);
  });

  it("counts a phone number as one account however it is written", async () => {
    const who = await createUser(t.ctx, { phone: "+6281344445555" });
    for (let i = 0; i < 5; i += 1) {
      const phone = i % 2 === 0 ? "0813-4444-5555" : "+62 813 4444 5555";
      expect((await login({ phone, password: `salah-${i}-salah` }, `10.9.8.${i}`)).statusCode).toBe(401);
    }
    const delayed = await login({ phone: "6281344445555", password: who.password }, "10.9.8.99");
    expect(delayed.statusCode).toBe(429);
    expect(delayed.json()).toMatchObject({ code: "sign_in_delayed" });
  });
});

describe("GET /auth/session and POST /auth/switch", () => {
  it("links each membership to her own member record, and to nobody else's", async () => {
    const sri = await createUser(t.ctx);
    const { koperasiId } = await createKoperasi(t.ctx, sri.userId);
    await addToKoperasi(t.ctx, koperasiId, sri.userId, ["anggota"]);
    const memberId = uuidv7();
    await t.ctx.database.tenant({ koperasiId }, async (trx) => {
      await trx.insertInto("member").values({ koperasi_id: koperasiId, id: memberId, member_number: "AGT-000101", full_name: "Sri Wahyuni", user_id: sri.userId, joined_on: "2026-01-05" }).execute();
      await trx.insertInto("member").values({ koperasi_id: koperasiId, id: uuidv7(), member_number: "AGT-000102", full_name: "Orang Lain", user_id: null, joined_on: "2026-01-05" }).execute();
    });
    const admin = await createUser(t.ctx);
    await addToKoperasi(t.ctx, koperasiId, admin.userId, ["admin"]);
    const mine = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: await sessionCookie(t.ctx, sri.email, sri.password) } });
    expect(mine.json().memberships).toEqual([expect.objectContaining({ koperasiId, memberId })]);
    const theirs = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: await sessionCookie(t.ctx, admin.email, admin.password) } });
    expect(theirs.json().memberships).toEqual([expect.objectContaining({ koperasiId, memberId: null })]);
  });

  it("answers 401 problem+json when not signed in", async () => {
    const res = await t.app.inject({ url: "/api/v1/auth/session" });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "unauthenticated" });
    const forged = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: "kp.session_token=palsu.palsu" } });
    expect(forged.statusCode).toBe(401);
  });

  it("answers a public page's probe (ifSignedIn=1) with 204 and no body when not signed in, and the session when signed in", async () => {
    const probe = await t.app.inject({ url: "/api/v1/auth/session?ifSignedIn=1" });
    expect(probe.statusCode).toBe(204);
    expect(probe.body).toBe("");
    const forged = await t.app.inject({ url: "/api/v1/auth/session?ifSignedIn=1", headers: { cookie: "kp.session_token=palsu.palsu" } });
    expect(forged.statusCode).toBe(204);
    const who = await createUser(t.ctx);
    const signedIn = await t.app.inject({ url: "/api/v1/auth/session?ifSignedIn=1", headers: { cookie: await sessionCookie(t.ctx, who.email, who.password) } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: expect.objectContaining({ email: who.email }) });
  });

  it("lists only her active memberships and switches between her cooperatives", async () => {
    const who = await createUser(t.ctx);
    const first = await createKoperasi(t.ctx, who.userId, { name: "Koperasi Pertama" });
    const second = await createKoperasi(t.ctx, who.userId, { name: "Koperasi Kedua", status: "pending" });
    const disabled = await createKoperasi(t.ctx, who.userId, { name: "Koperasi Nonaktif" });
    const foreign = await createKoperasi(t.ctx, who.userId, { name: "Koperasi Orang Lain" });
    await addToKoperasi(t.ctx, first.koperasiId, who.userId, ["admin"]);
    await addToKoperasi(t.ctx, second.koperasiId, who.userId, ["anggota"]);
    await t.ctx.database.tenant({ koperasiId: disabled.koperasiId }, (trx) =>
      trx
        .insertInto("koperasi_user")
        .values({ koperasi_id: disabled.koperasiId, id: uuidv7(), user_id: who.userId, roles: ["kasir"], status: "disabled" })
        .execute(),
    );
    const cookie = await sessionCookie(t.ctx, who.email, who.password);

    const session = (await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie } })).json();
    expect(session.memberships.map((m: { name: string }) => m.name)).toEqual(["Koperasi Pertama", "Koperasi Kedua"]);
    expect(session.memberships[1]).toMatchObject({ status: "pending", roles: ["anggota"] });
    expect(session.activeKoperasiId).toBe(first.koperasiId);

    const switched = await t.app.inject({ method: "POST", url: "/api/v1/auth/switch", headers: { cookie }, payload: { koperasiId: second.koperasiId } });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().activeKoperasiId).toBe(second.koperasiId);
    const switchCookie = String(switched.headers["set-cookie"]);
    expect(switchCookie).toMatch(/kp_koperasi=/);
    expect(switchCookie).toMatch(/HttpOnly/i);

    const after = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: `${cookie}; ${cookiesFrom(switched)}` } });
    expect(after.json().activeKoperasiId).toBe(second.koperasiId);

    for (const target of [disabled.koperasiId, foreign.koperasiId, uuidv7()]) {
      const refused = await t.app.inject({ method: "POST", url: "/api/v1/auth/switch", headers: { cookie }, payload: { koperasiId: target } });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: "not_a_member" });
      expect(refused.headers["set-cookie"]).toBeUndefined();
    }
    // A stale or forged preference cookie falls back to her first cooperative.
    const stale = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: `${cookie}; kp_koperasi=${foreign.koperasiId}` } });
    expect(stale.json().activeKoperasiId).toBe(first.koperasiId);

    const bad = await t.app.inject({ method: "POST", url: "/api/v1/auth/switch", headers: { cookie }, payload: { koperasiId: "bukan-uuid" } });
    expect(bad.statusCode).toBe(400);
  });

  it("marks a platform operator", async () => {
    const who = await createUser(t.ctx);
    await t.ctx.database.db.insertInto("platform_operator").values({ user_id: who.userId }).execute();
    const cookie = await sessionCookie(t.ctx, who.email, who.password);
    const session = (await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie } })).json();
    expect(session).toMatchObject({ platformOperator: true, memberships: [], activeKoperasiId: null });
  });
});

describe("POST /auth/logout", () => {
  it("ends the session on the server and clears the cookies", async () => {
    const who = await createUser(t.ctx);
    const cookie = await sessionCookie(t.ctx, who.email, who.password);
    const res = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(String(res.headers["set-cookie"])).toMatch(/kp\.session_token=;/);
    expect(String(res.headers["set-cookie"])).toMatch(/kp_koperasi=;/);
    // The old cookie no longer works even if the browser kept it.
    expect((await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie } })).statusCode).toBe(401);
  });
});
