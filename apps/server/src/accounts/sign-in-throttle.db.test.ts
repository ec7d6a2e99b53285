import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, createUser, type TestApp } from "../testing/harness";
import { settleDeferred } from "./deferred-work";
import { passwordHashing } from "./password-hashing";
import { resetCodeDelivery } from "./password-reset";

let t: TestApp;
let offsetMs = 0;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(Date.now() + offsetMs) });
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

let address = 0;
/** Every attempt from a new address, as a guesser rotating addresses (or X-Forwarded-For) would. */
function login(body: Record<string, unknown>) {
  address += 1;
  return t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: body,
    remoteAddress: `10.20.${Math.floor(address / 250)}.${address % 250}`,
    headers: { "x-forwarded-for": `198.51.100.${address % 250}` },
  });
}

function forgot(identifier: string) {
  address += 1;
  return t.app.inject({ method: "POST", url: "/api/v1/auth/password/forgot", payload: { identifier }, remoteAddress: `10.21.0.${address % 250}` });
}

/** What a client sees of an answer: status, code and words (the request id and the clock aside). */
function seen(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) {
  const body = res.json() as { code?: string; detail?: string };
  return { status: res.statusCode, code: body.code, detail: body.detail, retryAfter: res.headers["retry-after"] };
}

describe("failed sign-ins per account", () => {
  it("slow down and then lock the account whatever address they come from, telling how long, and alike for an unknown email", async () => {
    offsetMs = 0;
    const who = await createUser(t.ctx);
    const runs: Record<string, ReturnType<typeof seen>[]> = {};
    for (const email of [who.email, "tidak-terdaftar@contoh.id"]) {
      const start = offsetMs;
      const steps: ReturnType<typeof seen>[] = [];
      for (let i = 0; i < 4; i += 1) steps.push(seen(await login({ email, password: `salah-${i}-sekali` })));
      // The fifth failure: the next attempt must wait 30 seconds.
      steps.push(seen(await login({ email, password: "salah-lima-kali" })));
      // Even the right password waits (and from yet another address).
      steps.push(seen(await login({ email, password: who.password })));
      // Waited out, four more failures double the wait each time, the tenth locks the account.
      for (const wait of [30, 60, 120, 240, 480]) {
        offsetMs += wait * 1000 + 1000;
        steps.push(seen(await login({ email, password: `salah-setelah-${wait}` })));
      }
      steps.push(seen(await login({ email, password: who.password })));
      runs[email] = steps;
      offsetMs = start + 24 * 60 * 60 * 1000 + 60_000;
    }
    const known = runs[who.email]!;
    const unknown = runs["tidak-terdaftar@contoh.id"]!;
    expect(known.slice(0, 4).map((s) => s.status)).toEqual([401, 401, 401, 401]);
    expect(known[0]!.detail).toBe("Email atau kata sandi salah.");
    expect(known[4]).toMatchObject({ status: 401, code: "invalid_credentials" });
    expect(known[4]!.detail).toContain("30 detik");
    expect(known[5]).toMatchObject({ status: 429, code: "sign_in_delayed" });
    expect(known[5]!.detail).toMatch(/tunggu \d+ detik/);
    expect(Number(known[5]!.retryAfter)).toBeGreaterThan(0);
    expect(known[10]!.detail).toContain("dikunci sementara");
    expect(known[11]).toMatchObject({ status: 429, code: "account_locked" });
    expect(known[11]!.detail).toContain("15 menit");
    // The unknown address gets the very same answers.
    expect(unknown.map(({ status, code, detail }) => ({ status, code, detail }))).toEqual(known.map(({ status, code, detail }) => ({ status, code, detail })));
  });

  it("does not lock anyone else, and the right password after the lock forgets the failures", async () => {
    offsetMs = 0;
    const who = await createUser(t.ctx);
    const other = await createUser(t.ctx);
    for (let i = 0; i < 10; i += 1) {
      offsetMs += 10 * 60 * 1000;
      await login({ email: who.email, password: `salah-${i}-lagi` });
    }
    expect((await login({ email: who.email, password: who.password })).statusCode).toBe(429);
    expect((await login({ email: other.email, password: other.password })).statusCode).toBe(200);
    offsetMs += 15 * 60 * 1000 + 1000;
    expect((await login({ email: who.email, password: who.password })).statusCode).toBe(200);
    // Forgotten: the next wrong password is a plain refusal again.
    expect(seen(await login({ email: who.email, password: "salah-lagi-sekali" })).detail).toBe("Email atau kata sandi salah.");
  });

  it("lets no parallel burst slip past the count", async () => {
    offsetMs = 0;
    const who = await createUser(t.ctx);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login({ email: who.email, password: `tebakan-${i}-paralel` })));
    const statuses = answers.map((a) => a.statusCode);
    // Four free failures, the fifth sets the wait; everything after it waits.
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe("the same work for known and unknown accounts", () => {
  it("computes one password hash for a wrong password and for an unknown phone or email, and answers alike", async () => {
    offsetMs = 0;
    const who = await createUser(t.ctx, { phone: "+6281377778888" });
    const hash = vi.spyOn(passwordHashing, "hash");
    const verify = vi.spyOn(passwordHashing, "verify");
    const work = async (body: Record<string, unknown>) => {
      hash.mockClear();
      verify.mockClear();
      const res = await login(body);
      return { answer: seen(res), hashes: hash.mock.calls.length + verify.mock.calls.length };
    };
    const knownPhone = await work({ phone: "081377778888", password: "bukan-kata-sandinya" });
    const unknownPhone = await work({ phone: "081377770000", password: "bukan-kata-sandinya" });
    const knownEmail = await work({ email: who.email, password: "bukan-kata-sandinya" });
    const unknownEmail = await work({ email: "tak-dikenal@contoh.id", password: "bukan-kata-sandinya" });
    for (const attempt of [knownPhone, unknownPhone, knownEmail, unknownEmail]) {
      expect(attempt).toEqual({ answer: { status: 401, code: "invalid_credentials", detail: "Email atau kata sandi salah.", retryAfter: undefined }, hashes: 1 });
    }
  });

  it("takes a reset request the same way for a known and an unknown address, and sends only to the known one", async () => {
    offsetMs = 0;
    const who = await createUser(t.ctx);
    const schedule = vi.spyOn(resetCodeDelivery, "schedule");
    const known = await forgot(who.email);
    const unknown = await forgot("tidak-ada-akun@contoh.id");
    expect(seen(known)).toEqual(seen(unknown));
    expect(known.statusCode).toBe(202);
    // The request did the same thing for both: it handed the lookup and the sending to after the answer.
    expect(schedule.mock.calls.map((call) => call[2])).toEqual([
      { channel: "email", email: who.email },
      { channel: "email", email: "tidak-ada-akun@contoh.id" },
    ]);
    await settleDeferred(t.ctx);
    const sent = await t.ctx.database.db
      .selectFrom("outbound_message")
      .select("recipient")
      .where("recipient", "in", [who.email, "tidak-ada-akun@contoh.id"])
      .execute();
    expect(sent).toEqual([{ recipient: who.email }]);
  });
});

describe("codes per recipient", () => {
  it("sends one code a minute, five an hour and ten a day to one phone, however many ask", async () => {
    offsetMs = 0;
    await createUser(t.ctx, { phone: "+6281399990000" });
    const burst = await Promise.all(Array.from({ length: 20 }, () => forgot("0813-9999-0000")));
    expect(burst.filter((r) => r.statusCode === 202)).toHaveLength(1);
    const refused = burst.find((r) => r.statusCode === 429)!;
    expect(refused.json()).toMatchObject({ code: "code_rate_limited" });
    expect(refused.json().detail).toMatch(/dalam \d+ detik/);
    let accepted = 1;
    for (let minute = 1; minute <= 6; minute += 1) {
      offsetMs += 61_000;
      if ((await forgot("+62 813 9999 0000")).statusCode === 202) accepted += 1;
    }
    // The hour allows five.
    expect(accepted).toBe(5);
    for (let hour = 1; hour <= 4; hour += 1) {
      offsetMs += 60 * 60 * 1000;
      for (let i = 0; i < 3; i += 1) {
        offsetMs += 61_000;
        if ((await forgot("081399990000")).statusCode === 202) accepted += 1;
      }
    }
    // The day allows ten.
    expect(accepted).toBe(10);
    await settleDeferred(t.ctx);
    const sms = await t.ctx.database.db.selectFrom("outbound_message").select("id").where("recipient", "=", "+6281399990000").execute();
    expect(sms).toHaveLength(10);
  });
});
