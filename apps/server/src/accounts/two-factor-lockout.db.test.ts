import { afterAll, beforeAll, expect, it } from "vitest";
import * as OTPAuth from "otpauth";
import { cookiesFrom, createTestApp, createUser, sessionCookie, type TestApp } from "../testing/harness";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

function post(url: string, cookie: string | undefined, payload: Record<string, unknown>) {
  return t.app.inject({ method: "POST", url: `/api/v1${url}`, headers: cookie ? { cookie } : {}, payload });
}

function totpCode(uri: string): string {
  const otp = OTPAuth.URI.parse(uri);
  if (!(otp instanceof OTPAuth.TOTP)) throw new Error("not a TOTP URI");
  return otp.generate();
}

/** A code that is not the current one, nor the one before or after (the window better-auth accepts). */
function wrongCode(uri: string): string {
  const otp = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
  const near = new Set([-1, 0, 1].map((step) => otp.generate({ timestamp: Date.now() + step * 30_000 })));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, "0");
    if (!near.has(code)) return code;
  }
}

it("locks the second factor after ten wrong codes, however many fresh sign-in challenges they are spread over", async () => {
  const who = await createUser(t.ctx);
  const cookie = await sessionCookie(t.ctx, who.email, who.password);
  const { totpUri } = (await post("/auth/two-factor/enable", cookie, { password: who.password })).json() as { totpUri: string };
  expect((await post("/auth/two-factor/verify", cookie, { code: totpCode(totpUri) })).statusCode).toBe(200);

  const challenge = async () => {
    const res = await post("/auth/login", undefined, { email: who.email, password: who.password });
    expect(res.json()).toEqual({ status: "two_factor_required" });
    return cookiesFrom(res);
  };
  for (let round = 0; round < 2; round += 1) {
    const challengeCookie = await challenge();
    for (let i = 0; i < 5; i += 1) {
      const res = await post("/auth/login/two-factor", challengeCookie, { code: wrongCode(totpUri), kind: "totp" });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
  }
  // A fresh challenge and the right code: still locked, and told for how long.
  const locked = await post("/auth/login/two-factor", await challenge(), { code: totpCode(totpUri), kind: "totp" });
  expect(locked.statusCode).toBe(429);
  expect(locked.json()).toMatchObject({ code: "account_locked" });
  expect(locked.json().detail).toContain("15 menit");
});
