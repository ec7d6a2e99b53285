import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, businessDateOf, DEFAULT_TIME_ZONE, tlv, withQrisCrc } from "@koperasi/domain";
import { settleDeferred } from "../accounts/deferred-work";
import { createTestApp, createUser, sessionCookie, signedInAs, type TestApp } from "../testing/harness";
import { IdempotencyHeaders, KoperasiParams } from "@koperasi/contracts";
import { uuidv7 } from "@koperasi/domain";
import { z } from "zod";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { pipelineApp } from "../testing/pipeline-app";
import { payloadHash, takeFeeQuote } from "./quotes";

// The platform's commission over HTTP: the rates a new installation starts
// with, the quote (preview and bound to a payload), who bears the fee, the
// operator's new rate with its 30 days' notice and its announcement.

let t: TestApp;
let offsetMs = 0;
let payApp: ZodApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(Date.now() + offsetMs) });
  // A payment route as the QR payment declares it: money, and the fee taken from her quote.
  payApp = await pipelineApp(t.ctx, (app) => {
    app.post(
      "/koperasi/:koperasiId/pay-with-quote",
      { schema: { params: KoperasiParams, headers: IdempotencyHeaders, body: z.object({ quoteId: z.string(), payload: z.string() }) }, config: { gate: { action: "payments.quote_self", money: true } } },
      async (request) => takeFeeQuote(command(request), request.body),
    );
  });
});
afterEach(() => {
  offsetMs = 0;
});
afterAll(async () => {
  await payApp?.close();
  await t?.close();
});

type Person = Awaited<ReturnType<typeof signedInAs>>;

const quote = (who: Person, payload: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: `/api/v1/koperasi/${who.koperasiId}/fee-quotes`, headers: { cookie: who.cookie }, payload });

async function operator(): Promise<string> {
  const user = await createUser(t.ctx);
  await t.ctx.database.db.insertInto("platform_operator").values({ user_id: user.userId }).execute();
  return sessionCookie(t.ctx, user.email, user.password);
}

const today = () => businessDateOf(t.ctx.now(), DEFAULT_TIME_ZONE);

describe("a fee quote", () => {
  it("shows the fee from the rates a new installation starts with: 0,75 % of Rp333.333 is Rp2.500", async () => {
    const siti = await signedInAs(t.ctx, ["anggota"]);
    const before = Date.now();
    const answer = await quote(siti, { kind: "qr_transfer", amount: 333_333 });
    expect(answer.statusCode, answer.body).toBe(201);
    const body = answer.json();
    expect(body).toMatchObject({ kind: "qr_transfer", amount: 333_333, fee: 2_500, total: 335_833, ratePercent: "0.75", bearer: "member", preview: true });
    expect(body.maximumFee).toBeUndefined();
    const expires = new Date(body.expiresAt).getTime();
    expect(expires - before).toBeGreaterThanOrEqual(5 * 60_000 - 1_000);
    expect(expires - before).toBeLessThanOrEqual(5 * 60_000 + 5_000);

    const stored = await t.ctx.database.tenant({ koperasiId: siti.koperasiId }, (trx) => trx.selectFrom("fee_quote").selectAll().where("id", "=", body.quoteId).executeTakeFirstOrThrow());
    expect(stored).toMatchObject({ user_id: siti.userId, kind: "qr_transfer", rate: 7_500, payload_hash: null });
    expect([stored.amount, stored.fee, stored.total].map(Number)).toEqual([333_333, 2_500, 335_833]);
  });

  it("is bound to the payload it was made for", async () => {
    const siti = await signedInAs(t.ctx, ["anggota"]);
    const payload = "KOPERASI-QR-CONTOH-PENERIMA";
    const answer = await quote(siti, { kind: "qr_merchant", amount: 500_000, payload });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json()).toMatchObject({ fee: 2_500, total: 502_500, ratePercent: "0.5", preview: false });
    const stored = await t.ctx.database.tenant({ koperasiId: siti.koperasiId }, (trx) => trx.selectFrom("fee_quote").selectAll().where("id", "=", answer.json().quoteId).executeTakeFirstOrThrow());
    expect(stored.payload_hash).toBe(payloadHash(payload));
  });

  it("tells her to pay a QRIS code with her bank or e-wallet app, naming the merchant, and stores nothing", async () => {
    const siti = await signedInAs(t.ctx, ["anggota"]);
    const qris = withQrisCrc(
      tlv("00", "01") + tlv("01", "11") + tlv("51", tlv("00", "ID.CO.QRIS.WWW") + tlv("02", "ID1026123456789")) + tlv("52", "5499") + tlv("53", "360") + tlv("58", "ID") + tlv("59", "WARUNG BU SITI") + tlv("60", "SLEMAN"),
    );
    const answer = await quote(siti, { kind: "qr_transfer", amount: 15_000, payload: qris });
    expect(answer.statusCode).toBe(422);
    expect(answer.headers["content-type"]).toContain("application/problem+json");
    expect(answer.json().code).toBe("qris_not_payable");
    expect(answer.json().detail).toContain("WARUNG BU SITI");
    expect(answer.json().detail).toMatch(/aplikasi bank atau e-wallet/);
    const stored = await t.ctx.database.tenant({ koperasiId: siti.koperasiId }, (trx) => trx.selectFrom("fee_quote").select("id").where("user_id", "=", siti.userId).execute());
    expect(stored).toEqual([]);
  });

  it("refuses an amount that is not whole positive Rupiah, with the field named", async () => {
    const siti = await signedInAs(t.ctx, ["anggota"]);
    for (const amount of [0, -5_000, 1_000.5, 1e15]) {
      const answer = await quote(siti, { kind: "qr_transfer", amount });
      expect(answer.statusCode, `${amount}`).toBe(400);
      expect(answer.json().errors[0].path).toBe("body.amount");
    }
    expect((await quote(siti, { kind: "QR transfer", amount: 1_000 })).statusCode).toBe(400);
  });

  it("carries no fee for a kind the operator has set no rate for", async () => {
    const siti = await signedInAs(t.ctx, ["anggota"]);
    const answer = await quote(siti, { kind: "counter_deposit", amount: 1_000_000 });
    expect(answer.json()).toMatchObject({ fee: 0, total: 1_000_000, ratePercent: "0" });
  });

  it("costs the member only the amount when the cooperative bears the fee, and staff set that", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const siti = await signedInAs(t.ctx, ["anggota"], { koperasiId: admin.koperasiId });
    const settingsUrl = `/api/v1/koperasi/${admin.koperasiId}/payment-settings`;
    expect((await t.app.inject({ url: settingsUrl, headers: { cookie: admin.cookie } })).json()).toEqual({ staffPinAbove: 0, feeBearers: {} });
    expect((await t.app.inject({ method: "PUT", url: settingsUrl, headers: { cookie: siti.cookie }, payload: { feeBearers: { qr_transfer: "koperasi" } } })).statusCode).toBe(403);
    const set = await t.app.inject({ method: "PUT", url: settingsUrl, headers: { cookie: admin.cookie }, payload: { staffPinAbove: 1_000_000, feeBearers: { qr_transfer: "koperasi" } } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ staffPinAbove: 1_000_000, feeBearers: { qr_transfer: "koperasi" } });

    const answer = await quote(siti, { kind: "qr_transfer", amount: 333_333 });
    expect(answer.json()).toMatchObject({ fee: 2_500, total: 333_333, bearer: "koperasi" });
    // Another cooperative's setting is its own.
    const elsewhere = await signedInAs(t.ctx, ["anggota"]);
    expect((await quote(elsewhere, { kind: "qr_transfer", amount: 333_333 })).json()).toMatchObject({ total: 335_833, bearer: "member" });
    const bad = await t.app.inject({ method: "PUT", url: settingsUrl, headers: { cookie: admin.cookie }, payload: { feeBearers: { qr_transfer: "anggota" } } });
    expect(bad.statusCode).toBe(400);
  });
});

describe("the operator's rate", () => {
  it("is refused sooner than 30 days ahead, outside 0,5 %–1 %, with a minimum-like maximum, or by anyone but the operator", async () => {
    const cookie = await operator();
    const post = (payload: Record<string, unknown>, as = cookie) => t.app.inject({ method: "POST", url: "/api/v1/platform/commission-rates", headers: { cookie: as }, payload });
    const soon = await post({ kind: "qr_transfer", ratePercent: "0.8", effectiveFrom: addDays(today(), 29) });
    expect(soon.statusCode).toBe(400);
    expect(soon.json().errors).toEqual([expect.objectContaining({ path: "body.effectiveFrom", code: "too_soon" })]);
    const high = await post({ kind: "qr_transfer", ratePercent: "1.5", effectiveFrom: addDays(today(), 40) });
    expect(high.json().errors).toEqual([expect.objectContaining({ path: "body.ratePercent", code: "rate_out_of_band" })]);
    const comma = await post({ kind: "qr_transfer", ratePercent: "0,8", effectiveFrom: addDays(today(), 40) });
    expect(comma.statusCode).toBe(400);
    const zeroCap = await post({ kind: "qr_transfer", ratePercent: "0.8", maximumFee: 0, effectiveFrom: addDays(today(), 40) });
    expect(zeroCap.json().errors).toEqual([expect.objectContaining({ path: "body.maximumFee" })]);
    const admin = await signedInAs(t.ctx, ["admin"]);
    expect((await post({ kind: "qr_transfer", ratePercent: "0.8", effectiveFrom: addDays(today(), 40) }, admin.cookie)).statusCode).toBe(403);
  });

  it("applies from its date, capped by its maximum, and every cooperative's admins are told in the app and by e-mail", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const siti = await signedInAs(t.ctx, ["anggota"], { koperasiId: admin.koperasiId });
    const cookie = await operator();
    const effectiveFrom = addDays(today(), 30);
    const set = await t.app.inject({
      method: "POST",
      url: "/api/v1/platform/commission-rates",
      headers: { cookie },
      payload: { kind: "qr_merchant", ratePercent: "0.8", maximumFee: 20_000, effectiveFrom },
    });
    expect(set.statusCode, set.body).toBe(201);
    expect(set.json()).toMatchObject({ kind: "qr_merchant", ratePercent: "0.8", maximumFee: 20_000, effectiveFrom });
    const again = await t.app.inject({ method: "POST", url: "/api/v1/platform/commission-rates", headers: { cookie }, payload: { kind: "qr_merchant", ratePercent: "0.9", effectiveFrom } });
    expect(again.statusCode).toBe(409);

    await settleDeferred(t.ctx);
    const notices = await t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/notices`, headers: { cookie: admin.cookie } });
    expect(notices.statusCode).toBe(200);
    expect(notices.json()[0].title).toMatch(/qr_merchant menjadi 0,8%/);
    expect(notices.json()[0].body).toContain("Rp20.000");
    const mail = await t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "=", admin.email).orderBy("created_at", "desc").executeTakeFirst();
    expect(mail?.subject).toMatch(/qr_merchant menjadi 0,8%/);
    expect((await t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/notices`, headers: { cookie: siti.cookie } })).statusCode).toBe(403);

    // Before its date the old rate holds; from it, the new one, never above the maximum.
    expect((await quote(siti, { kind: "qr_merchant", amount: 10_000_000 })).json()).toMatchObject({ fee: 50_000, ratePercent: "0.5" });
    offsetMs = 31 * 24 * 60 * 60_000;
    expect((await quote(siti, { kind: "qr_merchant", amount: 10_000_000 })).json()).toMatchObject({ fee: 20_000, ratePercent: "0.8", maximumFee: 20_000 });
    expect((await quote(siti, { kind: "qr_merchant", amount: 1_000_000 })).json()).toMatchObject({ fee: 8_000, total: 1_008_000 });

    const list = await t.app.inject({ url: "/api/v1/platform/commission-rates", headers: { cookie } });
    expect(list.json().filter((rate: { kind: string }) => rate.kind === "qr_merchant").map((rate: { ratePercent: string }) => rate.ratePercent)).toEqual(["0.5", "0.8"]);
  });
});

describe("paying with a quote", () => {
  const pay = (who: Person, quoteId: string, payload: string, key = uuidv7()) =>
    payApp.inject({ method: "POST", url: `/koperasi/${who.koperasiId}/pay-with-quote`, headers: { cookie: who.cookie, "idempotency-key": key }, payload: { quoteId, payload } });
  const payload = "KOPERASI-QR-PENERIMA-BAYAR";

  it("takes the fee she was shown, once", async () => {
    const siti = await signedInAs(t.ctx, ["anggota"]);
    const quoted = (await quote(siti, { kind: "qr_transfer", amount: 333_333, payload })).json();
    const taken = await pay(siti, quoted.quoteId, payload);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ id: quoted.quoteId, amount: 333_333, fee: 2_500, total: 335_833, bearer: "member" });
    const again = await pay(siti, quoted.quoteId, payload);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("quote_used");
  });

  it("refuses a preview, another QR than the one quoted, and another person's quote", async () => {
    const siti = await signedInAs(t.ctx, ["anggota"]);
    const preview = (await quote(siti, { kind: "qr_transfer", amount: 10_000 })).json();
    expect((await pay(siti, preview.quoteId, payload)).json().code).toBe("quote_is_preview");
    const quoted = (await quote(siti, { kind: "qr_transfer", amount: 10_000, payload })).json();
    const otherQr = await pay(siti, quoted.quoteId, `${payload}-LAIN`);
    expect(otherQr.statusCode).toBe(409);
    expect(otherQr.json().code).toBe("quote_payload_mismatch");
    const ani = await signedInAs(t.ctx, ["anggota"], { koperasiId: siti.koperasiId });
    const foreign = await pay(ani, quoted.quoteId, payload);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe("quote_unknown");
  });

  it("answers an expired quote with 409 and a new quote, kept although the payment is refused, and the same answer on a retry", async () => {
    const siti = await signedInAs(t.ctx, ["anggota"]);
    const quoted = (await quote(siti, { kind: "qr_transfer", amount: 333_333, payload })).json();
    offsetMs = 5 * 60_000 + 1_000;
    const key = uuidv7();
    const stale = await pay(siti, quoted.quoteId, payload, key);
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
    const body = stale.json();
    expect(body).toMatchObject({ code: "quote_stale", fee: 2_500, total: 335_833, ratePercent: "0.75", preview: false });
    expect(body.detail).toContain("Rp2.500");
    expect(body.quoteId).not.toBe(quoted.quoteId);
    const replay = await pay(siti, quoted.quoteId, payload, key);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json().quoteId).toBe(body.quoteId);
    const taken = await pay(siti, body.quoteId, payload);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ id: body.quoteId, fee: 2_500 });
  });

  it("answers with the new total when the fee's bearer changed since the quote", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const siti = await signedInAs(t.ctx, ["anggota"], { koperasiId: admin.koperasiId });
    const quoted = (await quote(siti, { kind: "qr_transfer", amount: 333_333, payload })).json();
    expect(quoted.total).toBe(335_833);
    const set = await t.app.inject({ method: "PUT", url: `/api/v1/koperasi/${admin.koperasiId}/payment-settings`, headers: { cookie: admin.cookie }, payload: { feeBearers: { qr_transfer: "koperasi" } } });
    expect(set.statusCode).toBe(200);
    const stale = await pay(siti, quoted.quoteId, payload);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "quote_stale", fee: 2_500, total: 333_333, bearer: "koperasi" });
  });
});
