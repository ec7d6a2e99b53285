import { format } from "node:util";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import * as OTPAuth from "otpauth";
import { pino, type LoggerOptions } from "pino";
import { uuidv7 } from "@koperasi/domain";
import { buildApp, LOG_REDACT } from "../app";
import { loggerOptions } from "../http/terminal-log";
import type { ZodApp } from "../http/zod-app";
import { headers, ledgerKoperasi, memberWithAccount } from "../ledger/test-support";
import { latestCode, registrationBody, startRegistration, submit, verify } from "../registration/test-support";
import { cookiesFrom, createTestApp, signedInAs, type TestApp } from "../testing/harness";

// The server's logs hold no NIK, phone, one-time code, password, PIN or
// token. A representative flow runs against an app logging at debug with the
// production logger (JSON, the same redaction), every line captured, and the
// capture is searched for each secret the flow used. Other tests run with the
// logger off, so their logs would prove nothing.

let t: TestApp;
let app: ZodApp;
const lines: string[] = [];
const used: { what: string; value: string }[] = [];
const secret = (what: string, value: string) => used.push({ what, value });

beforeAll(async () => {
  t = await createTestApp({ config: { logLevel: "debug", logFormat: "json" } });
  const { logger } = (await loggerOptions(t.ctx.config, LOG_REDACT)) as { logger: LoggerOptions };
  app = await buildApp(t.ctx, { loggerInstance: pino(logger, { write: (line: string) => void lines.push(line) }) });
  await app.ready();
  // Whatever writes to the console instead (better-auth's logger) is captured too.
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(format(...args)));
  }
}, 120_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await app?.close();
  await t?.close();
});

const post = (url: string, payload: object, extra: Record<string, string> = {}) => app.inject({ method: "POST", url: `/api/v1${url}`, headers: extra, payload });
const tokenIn = (cookie: string, name: string) => new RegExp(`${name}=([^;]+)`).exec(cookie)?.[1];

/** A secret in the logs: digits only where a run of digits stands alone (a code inside a timestamp is not one). */
function foundIn(text: string, value: string): boolean {
  if (/^\d+$/.test(value)) return new RegExp(`(?<!\\d)${value}(?!\\d)`).test(text);
  return text.includes(value);
}

it("registers, signs in with a second factor, records a member with NIK and phone and takes a deposit without logging any of their secrets", async () => {
  // Registration: the admin's password and phone, the resume token, both one-time codes (one wrong code first).
  const body = registrationBody();
  const admin = body.admin as { email: string; password: string; phone: string };
  secret("admin password", admin.password);
  secret("admin phone", admin.phone.replace(/^0/, ""));
  const started = await startRegistration(app, body);
  secret("resume token", started.token);
  const emailCode = await latestCode(t.ctx, started.email);
  secret("email code", emailCode);
  expect((await verify(app, started, "email", String((Number(emailCode) + 1) % 1_000_000).padStart(6, "0"))).statusCode).toBe(400);
  expect((await verify(app, started, "email", emailCode)).statusCode).toBe(200);
  const phoneCode = await latestCode(t.ctx, started.phone);
  secret("phone code", phoneCode);
  expect((await verify(app, started, "phone", phoneCode)).statusCode).toBe(200);
  const submitted = await submit(app, started);
  expect(submitted.statusCode, submitted.body).toBe(201);
  const koperasiId = submitted.json().koperasi.id as string;

  // Sign-in: a wrong password, then the right one; two-factor switched on; then password and TOTP code.
  secret("wrong password", "salah-kata-sandi-sekali");
  expect((await post("/auth/login", { email: admin.email, password: "salah-kata-sandi-sekali" })).statusCode).toBe(401);
  const signedIn = await post("/auth/login", { email: admin.email, password: admin.password });
  expect(signedIn.statusCode, signedIn.body).toBe(200);
  let cookie = cookiesFrom(signedIn);
  secret("session token", tokenIn(cookie, "kp\\.session_token")!.split(".")[0]!);
  const enabled = await post("/auth/two-factor/enable", { password: admin.password }, { cookie });
  expect(enabled.statusCode, enabled.body).toBe(200);
  const { totpUri, backupCodes } = enabled.json() as { totpUri: string; backupCodes: string[] };
  const totp = OTPAuth.URI.parse(totpUri) as OTPAuth.TOTP;
  secret("TOTP secret", totp.secret.base32);
  for (const code of backupCodes) secret("backup code", code);
  const firstCode = totp.generate();
  secret("first TOTP code", firstCode);
  const confirmed = await post("/auth/two-factor/verify", { code: firstCode }, { cookie });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  await post("/auth/logout", {}, { cookie: cookiesFrom(confirmed) || cookie });
  const half = await post("/auth/login", { email: admin.email, password: admin.password });
  expect(half.json()).toEqual({ status: "two_factor_required" });
  const halfCookie = cookiesFrom(half);
  secret("two-factor challenge", tokenIn(halfCookie, "kp\\.two_factor")!.split(".")[0]!);
  expect((await post("/auth/login/two-factor", { code: "000000" }, { cookie: halfCookie })).statusCode).toBe(400);
  const code = totp.generate({ timestamp: Date.now() + 30_000 });
  secret("sign-in TOTP code", code);
  const done = await post("/auth/login/two-factor", { code }, { cookie: halfCookie });
  expect(done.statusCode, done.body).toBe(200);
  cookie = cookiesFrom(done);
  secret("second-factor session token", tokenIn(cookie, "kp\\.session_token")!.split(".")[0]!);

  // A member with NIK and phone, read back, and a refused duplicate.
  const member = { fullName: "Budi Santoso", nik: "3515140508680007", birthPlace: "Sidoarjo", birthDate: "1968-08-05", gender: "male", phone: "0813-5791-3579", motherMaidenName: "Sumarni" };
  secret("NIK", member.nik);
  secret("member phone", "81357913579");
  secret("member phone as typed", "813-5791-3579");
  secret("mother's maiden name", member.motherMaidenName);
  const created = await post(`/koperasi/${koperasiId}/members`, member, { cookie });
  expect(created.statusCode, created.body).toBe(201);
  expect((await app.inject({ url: `/api/v1/koperasi/${koperasiId}/members/${created.json().id}`, headers: { cookie } })).statusCode).toBe(200);
  expect((await post(`/koperasi/${koperasiId}/members`, { ...member, fullName: "Budi Lain" }, { cookie })).statusCode).toBe(409);

  // A deposit at the counter, sent twice with its key.
  const k = await ledgerKoperasi(t);
  const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  secret("kasir password", kasir.password);
  secret("kasir session token", tokenIn(kasir.cookie, "kp\\.session_token")!.split(".")[0]!);
  const account = await memberWithAccount(t, k, { balance: 100_000 });
  const key = uuidv7();
  for (let i = 0; i < 2; i++) {
    const deposit = await app.inject({
      method: "POST",
      url: `/api/v1/koperasi/${k.koperasiId}/savings/deposits`,
      headers: headers(kasir, key),
      payload: { memberAccountId: account.memberAccountId, amount: 250_000 },
    });
    expect(deposit.statusCode, deposit.body).toBe(201);
  }

  const log = lines.join("\n");
  // The capture is real: the logger ran at debug and every request above is in it.
  expect(app.log.level).toBe("debug");
  expect(lines.length).toBeGreaterThan(40);
  expect(log).toContain("/api/v1/auth/login");
  expect(log).toContain("savings/deposits");
  // The search finds what is logged: the cooperatives' ids are in the request URLs.
  expect(foundIn(log, koperasiId) && foundIn(log, k.koperasiId)).toBe(true);
  expect(used.length).toBeGreaterThan(20);
  for (const { what, value } of used) expect(foundIn(log, value), `${what} (${value}) appears in the log`).toBe(false);
});

it("censors personal data and secrets in an object logged whole", () => {
  const before = lines.length;
  const body = { nik: "3515140508680011", phone: "+6281357913571", phoneNumber: "+6281357913572", pin: "482913", code: "591734", password: "kata-sandi-rahasia", token: "tkn-rahasia-sekali", secret: "JBSWY3DPEHPK3PXP", backupCodes: ["bck-rahasia-1"], resumeToken: "rsm-rahasia", motherMaidenName: "Sumarni Rahasia" };
  app.log.info({ body }, "permintaan dicatat utuh");
  const logged = lines.slice(before).join("\n");
  expect(logged).toContain("permintaan dicatat utuh");
  for (const value of [body.nik, body.phone, body.phoneNumber, body.pin, body.code, body.password, body.token, body.secret, "bck-rahasia-1", body.resumeToken, body.motherMaidenName]) {
    expect(logged).not.toContain(value);
  }
});
