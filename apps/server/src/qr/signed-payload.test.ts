import { generateKeyPairSync, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { DYNAMIC_QR_MAX_LIFETIME_S, parseSignedQr, signQrPayload, type QrBody } from "./signed-payload";

// The cooperative's own QR payloads: signed with its own key, dynamic ones
// with an expiry and a nonce; forged, expired, foreign and malformed ones
// refused.

const koperasiKey = generateKeyPairSync("ed25519");
const logKey = generateKeyPairSync("ed25519");
const koperasiId = uuidv7();
const now = new Date("2026-12-08T03:00:00Z");
const nowS = Math.floor(now.getTime() / 1000);
const keyFor = (kid: string) => (kid === "k1" ? koperasiKey.publicKey : undefined);
const expectations = { koperasiId, now, keyFor };

const terima = (over: Partial<QrBody> = {}): QrBody => ({
  v: 1,
  k: koperasiId,
  kid: "k1",
  t: "terima",
  p: uuidv7(),
  a: 50_000,
  n: randomBytes(16).toString("base64url"),
  x: nowS + 300,
  ...over,
});

describe("a signed QR payload", () => {
  it("reads back what was signed: a dynamic Terima code and a static merchant code", () => {
    const body = terima();
    expect(parseSignedQr(signQrPayload(body, koperasiKey.privateKey), expectations)).toEqual({ ok: true, body });
    const merchant: QrBody = { v: 1, k: koperasiId, kid: "k1", t: "merchant", p: uuidv7() };
    expect(parseSignedQr(signQrPayload(merchant, koperasiKey.privateKey), expectations)).toEqual({ ok: true, body: merchant });
  });

  it("is refused when any character is changed (forged)", () => {
    const payload = signQrPayload(terima(), koperasiKey.privateKey);
    fc.assert(
      fc.property(fc.integer({ min: 5, max: payload.length - 1 }), fc.constantFrom(..."AbZ09_-"), (at, replacement) => {
        fc.pre(payload[at] !== replacement);
        expect(parseSignedQr(payload.slice(0, at) + replacement + payload.slice(at + 1), expectations).ok).toBe(false);
      }),
    );
  });

  it("is refused when signed with another key, such as the transparency log's", () => {
    expect(parseSignedQr(signQrPayload(terima(), logKey.privateKey), expectations)).toEqual({ ok: false, reason: "bad_signature" });
    expect(parseSignedQr(signQrPayload(terima({ kid: "k9" }), koperasiKey.privateKey), expectations)).toEqual({ ok: false, reason: "unknown_key" });
  });

  it("is refused in another cooperative", () => {
    const payload = signQrPayload(terima(), koperasiKey.privateKey);
    expect(parseSignedQr(payload, { ...expectations, koperasiId: uuidv7() })).toEqual({ ok: false, reason: "other_koperasi" });
  });

  it("is refused once expired, and when it claims a longer life than a dynamic code may have", () => {
    expect(parseSignedQr(signQrPayload(terima({ x: nowS }), koperasiKey.privateKey), expectations)).toEqual({ ok: false, reason: "expired" });
    expect(parseSignedQr(signQrPayload(terima({ x: nowS + 1 }), koperasiKey.privateKey), expectations).ok).toBe(true);
    expect(parseSignedQr(signQrPayload(terima({ x: nowS + DYNAMIC_QR_MAX_LIFETIME_S + 1 }), koperasiKey.privateKey), expectations)).toEqual({
      ok: false,
      reason: "lifetime_too_long",
    });
  });

  it("holds to its shape: a dynamic code has a nonce and an expiry, a static one neither, and no field beyond its own", () => {
    const { n: _n, ...withoutNonce } = terima();
    expect(() => signQrPayload(withoutNonce as QrBody, koperasiKey.privateKey)).toThrow();
    expect(() => signQrPayload({ v: 1, k: koperasiId, kid: "k1", t: "merchant", p: uuidv7(), n: "x".repeat(22), x: nowS + 60 }, koperasiKey.privateKey)).toThrow();
    expect(() => signQrPayload(terima({ a: 0 }), koperasiKey.privateKey)).toThrow();
    expect(() => signQrPayload(terima({ a: 1.5 }), koperasiKey.privateKey)).toThrow();
    expect(() => signQrPayload({ ...terima(), extra: 1 } as QrBody, koperasiKey.privateKey)).toThrow();
  });

  it("refuses what is not one of ours, or is not written the one canonical way", () => {
    expect(parseSignedQr("00020101021126", expectations)).toEqual({ ok: false, reason: "not_ours" });
    expect(parseSignedQr(42, expectations)).toEqual({ ok: false, reason: "not_ours" });
    expect(parseSignedQr("KQR1.abc", expectations)).toEqual({ ok: false, reason: "malformed" });
    expect(parseSignedQr(`KQR1.${"A".repeat(800)}.B`, expectations)).toEqual({ ok: false, reason: "too_long" });
    const payload = signQrPayload(terima(), koperasiKey.privateKey);
    const [prefix, body, signature] = payload.split(".");
    expect(parseSignedQr(`${prefix}.${body}.${signature}.`, expectations)).toEqual({ ok: false, reason: "malformed" });
    expect(parseSignedQr(`${prefix}.${body}=.${signature}`, expectations)).toEqual({ ok: false, reason: "malformed" });
    // A body that is valid JSON but breaks the rules is refused before any key is looked up.
    const odd = Buffer.from(JSON.stringify({ ...terima(), v: 2 })).toString("base64url");
    expect(parseSignedQr(`${prefix}.${odd}.${signature}`, expectations)).toEqual({ ok: false, reason: "malformed" });
  });
});
