import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { IdempotencyHeaders, KoperasiParams } from "@koperasi/contracts";
import { rupiah, uuidv7 } from "@koperasi/domain";
import { z } from "zod";
import { settleDeferred } from "../accounts/deferred-work";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { pipelineApp } from "../testing/pipeline-app";
import { PIN_LOCK_MS, PIN_MAX_FAILURES, staffNeedsPin, verifyTransactionPin, weakPin } from "./pin";

// The transaction PIN over HTTP: set with a code soon after signing in,
// checked by a money route that declares `gate.pin`, locked after five wrong
// tries (and told how long), counted one by one under concurrency, reset
// with a code.

let t: TestApp;
let offsetMs = 0;
let checkApp: ZodApp;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(Date.now() + offsetMs) });
  // Routes a money feature declares: one that moves nothing, one with an Idempotency-Key; both write an audit entry first, which a refusal must undo.
  const Body = z.object({ pin: z.string() });
  checkApp = await pipelineApp(t.ctx, (app) => {
    app.post(
      "/koperasi/:koperasiId/pin-check",
      { schema: { params: KoperasiParams, body: Body }, config: { gate: { action: "payments.pin_self", pin: true } } },
      async (request) => {
        const cmd = command(request);
        await cmd.audit({ action: "test.before_pin" });
        await verifyTransactionPin(cmd, request.body.pin);
        return { ok: true };
      },
    );
    app.post(
      "/koperasi/:koperasiId/pin-pay",
      { schema: { params: KoperasiParams, headers: IdempotencyHeaders, body: Body }, config: { gate: { action: "payments.pin_self", money: true, pin: true } } },
      async (request) => {
        const cmd = command(request);
        await cmd.audit({ action: "test.before_pin" });
        await verifyTransactionPin(cmd, request.body.pin);
        return { paid: true };
      },
    );
    app.post(
      "/koperasi/:koperasiId/pin-needed",
      { schema: { params: KoperasiParams, body: z.object({ amount: z.number().int() }) }, config: { gate: { action: "payments.pin_self" } } },
      async (request) => ({ needed: await staffNeedsPin(command(request), rupiah(request.body.amount)) }),
    );
  });
});

afterEach(() => {
  offsetMs = 0;
});

afterAll(async () => {
  await checkApp?.close();
  await t?.close();
});

type Person = Awaited<ReturnType<typeof signedInAs>>;

async function member(): Promise<Person> {
  return signedInAs(t.ctx, ["anggota"]);
}

async function latestCode(recipient: string): Promise<string> {
  await settleDeferred(t.ctx);
  const messages = await t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "=", recipient).orderBy("created_at").execute();
  const code = /(\d{6})/.exec(messages.at(-1)?.body ?? "")?.[1];
  if (!code) throw new Error(`no code for ${recipient}`);
  return code;
}

const url = (who: Person, path = "") => `/api/v1/koperasi/${who.koperasiId}/transaction-pin${path}`;

async function setPin(who: Person, pin: string) {
  const sent = await t.app.inject({ method: "POST", url: url(who, "/code"), headers: { cookie: who.cookie }, payload: { channel: "email" } });
  expect(sent.statusCode, sent.body).toBe(202);
  const code = await latestCode(who.email);
  return t.app.inject({ method: "PUT", url: url(who), headers: { cookie: who.cookie }, payload: { pin, code, channel: "email" } });
}

const check = (who: Person, pin: string) =>
  checkApp.inject({ method: "POST", url: `/koperasi/${who.koperasiId}/pin-check`, headers: { cookie: who.cookie }, payload: { pin } });
const pay = (who: Person, pin: string, key = uuidv7()) =>
  checkApp.inject({ method: "POST", url: `/koperasi/${who.koperasiId}/pin-pay`, headers: { cookie: who.cookie, "idempotency-key": key }, payload: { pin } });

async function pinRow(who: Person) {
  return t.ctx.database.db.selectFrom("transaction_pin").selectAll().where("user_id", "=", who.userId).executeTakeFirstOrThrow();
}

async function auditsBeforePin(who: Person): Promise<number> {
  const rows = await t.ctx.database.tenant({ koperasiId: who.koperasiId }, (trx) => trx.selectFrom("audit_log").select("id").where("action", "=", "test.before_pin").execute());
  return rows.length;
}

describe("setting the PIN", () => {
  it("takes six digits with the code sent to her verified e-mail, and keeps only a hash", async () => {
    const siti = await member();
    const before = await t.app.inject({ url: url(siti), headers: { cookie: siti.cookie } });
    expect(before.json()).toEqual({ set: false, lockedUntil: null, failures: 0 });

    const set = await setPin(siti, "482915");
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ set: true, lockedUntil: null, failures: 0 });
    const row = await pinRow(siti);
    expect(row.pin_hash).not.toContain("482915");
    expect((await check(siti, "482915")).statusCode).toBe(200);
  });

  it("refuses a wrong code, a PIN that is not six digits or is too simple, and a phone that is not verified", async () => {
    const siti = await member();
    const wrongCode = await t.app.inject({ method: "PUT", url: url(siti), headers: { cookie: siti.cookie }, payload: { pin: "482915", code: "000000", channel: "email" } });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json().code).toBe("code_invalid");

    const short = await t.app.inject({ method: "PUT", url: url(siti), headers: { cookie: siti.cookie }, payload: { pin: "4829", code: "000000", channel: "email" } });
    expect(short.statusCode).toBe(400);
    expect(short.headers["content-type"]).toContain("application/problem+json");

    for (const simple of ["111111", "123456", "987654"]) {
      expect(weakPin(simple)).toBe(true);
      const refused = await setPin(siti, simple);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe("pin_too_simple");
      // A refused PIN spends a sending slot; let the minute's limit pass.
      offsetMs += 61_000;
    }
    offsetMs = 0;

    const noPhone = await t.app.inject({ method: "POST", url: url(siti, "/code"), headers: { cookie: siti.cookie }, payload: { channel: "phone" } });
    expect(noPhone.statusCode).toBe(422);
    expect(noPhone.json().code).toBe("contact_not_verified");
    expect((await t.app.inject({ url: url(siti), headers: { cookie: siti.cookie } })).json().set).toBe(false);
  });

  it("is refused when she signed in more than 15 minutes ago, even with the right code", async () => {
    const siti = await member();
    const sent = await t.app.inject({ method: "POST", url: url(siti, "/code"), headers: { cookie: siti.cookie }, payload: { channel: "email" } });
    expect(sent.statusCode).toBe(202);
    const code = await latestCode(siti.email);
    offsetMs = 16 * 60_000;
    const stale = await t.app.inject({ method: "PUT", url: url(siti), headers: { cookie: siti.cookie }, payload: { pin: "482915", code, channel: "email" } });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe("login_not_fresh");
    expect(stale.json().detail).toMatch(/masuk kembali/);
  });
});

describe("checking the PIN in a money route", () => {
  it("refuses before it is set, and refuses a malformed PIN without counting it", async () => {
    const siti = await member();
    const unset = await check(siti, "482915");
    expect(unset.statusCode).toBe(409);
    expect(unset.json().code).toBe("pin_not_set");
    expect((await setPin(siti, "482915")).statusCode).toBe(200);
    const malformed = await check(siti, "48291");
    expect(malformed.statusCode).toBe(400);
    expect((await pinRow(siti)).failures).toBe(0);
  });

  it("counts each wrong try although the request's own writes are undone, and locks after five, telling her how long", async () => {
    const siti = await member();
    expect((await setPin(siti, "482915")).statusCode).toBe(200);
    for (let attempt = 1; attempt < PIN_MAX_FAILURES; attempt += 1) {
      const wrong = await check(siti, "000001");
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().code).toBe("pin_wrong");
      expect(wrong.json().detail).toContain(`Sisa ${PIN_MAX_FAILURES - attempt} kali`);
      expect((await pinRow(siti)).failures).toBe(attempt);
    }
    const fifth = await check(siti, "000001");
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().code).toBe("pin_locked");
    expect(fifth.headers["retry-after"]).toBe(String(PIN_LOCK_MS / 1000));
    expect(fifth.json().detail).toContain("30 menit");
    // Nothing the handler wrote before the check was kept.
    expect(await auditsBeforePin(siti)).toBe(0);

    // While locked, even the right PIN is refused, with the time left.
    offsetMs = 10 * 60_000;
    const locked = await check(siti, "482915");
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeLessThanOrEqual(20 * 60);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(19 * 60);
    expect(locked.json().detail).toContain("20 menit");
    const status = await t.app.inject({ url: url(siti), headers: { cookie: siti.cookie } });
    expect(status.json().lockedUntil).not.toBeNull();

    // When the lock ends the right PIN works and the count starts again.
    offsetMs = PIN_LOCK_MS + 1_000;
    const after = await check(siti, "482915");
    expect(after.statusCode, after.body).toBe(200);
    expect(await pinRow(siti)).toMatchObject({ failures: 0, locked_until: null });
    expect(await auditsBeforePin(siti)).toBe(1);
  });

  it("counts every one of many wrong tries sent at once, and lets no more than five be tried", async () => {
    const siti = await member();
    expect((await setPin(siti, "482915")).statusCode).toBe(200);
    const answers = await Promise.all(Array.from({ length: 8 }, () => pay(siti, "000001")));
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([403, 403, 403, 403, 429, 429, 429, 429]);
    const row = await pinRow(siti);
    expect(row.failures).toBe(PIN_MAX_FAILURES);
    expect(row.locked_until).not.toBeNull();
    // Even the right PIN among them would have been refused once locked.
    expect((await pay(siti, "482915")).statusCode).toBe(429);
    expect(await auditsBeforePin(siti)).toBe(0);
  });

  it("replays a refused payment's answer for the same key without counting it twice", async () => {
    const siti = await member();
    expect((await setPin(siti, "482915")).statusCode).toBe(200);
    const key = uuidv7();
    expect((await pay(siti, "000001", key)).statusCode).toBe(403);
    const again = await pay(siti, "000001", key);
    expect(again.statusCode).toBe(403);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect((await pinRow(siti)).failures).toBe(1);
    const right = await pay(siti, "482915");
    expect(right.statusCode, right.body).toBe(200);
    expect((await pinRow(siti)).failures).toBe(0);
  });
});

describe("resetting a forgotten or locked PIN", () => {
  it("takes a new PIN with a new code, unlocks it, and the old PIN no longer works", async () => {
    const siti = await member();
    expect((await setPin(siti, "482915")).statusCode).toBe(200);
    for (let attempt = 0; attempt < PIN_MAX_FAILURES; attempt += 1) await check(siti, "000001");
    expect((await check(siti, "482915")).statusCode).toBe(429);

    offsetMs = 61_000; // the minute between two codes to one address
    const reset = await setPin(siti, "739164");
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toEqual({ set: true, lockedUntil: null, failures: 0 });
    expect((await check(siti, "482915")).statusCode).toBe(403);
    expect((await check(siti, "739164")).statusCode).toBe(200);
  });
});

describe("the cooperative's amount above which staff confirm with their PIN", () => {
  it("is every amount until the cooperative sets one, then only amounts above it", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
    const needed = async (amount: number) =>
      (await checkApp.inject({ method: "POST", url: `/koperasi/${kasir.koperasiId}/pin-needed`, headers: { cookie: kasir.cookie }, payload: { amount } })).json().needed;
    expect(await needed(1)).toBe(true);
    const set = await t.app.inject({ method: "PUT", url: `/api/v1/koperasi/${admin.koperasiId}/payment-settings`, headers: { cookie: admin.cookie }, payload: { staffPinAbove: 1_000_000 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(await needed(1_000_000)).toBe(false);
    expect(await needed(1_000_001)).toBe(true);
  });
});
