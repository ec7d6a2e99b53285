import { describe, expect, it } from "vitest";
import { CARD_CODE_PREFIX, ROTATING_CODE_SECONDS, rotatingCode, signCardCode, verifyCardCode } from "./card-code";

const secret = "rahasia-deployment-uji";
const koperasiId = "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506";
const otherKoperasi = "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f507";
const memberId = "0192f3a4-0000-7000-8000-000000000001";
const cardId = "0192f3a4-0000-7000-8000-0000000000aa";
const now = new Date("2026-11-28T03:00:00.400Z");

function flipChar(text: string, index: number): string {
  const c = text[index];
  return text.slice(0, index) + (c === "A" ? "B" : "A") + text.slice(index + 1);
}

describe("member card codes", () => {
  it("a rotating code names the member and verifies until it expires", () => {
    const { code, expiresAt } = rotatingCode(secret, koperasiId, memberId, now);
    expect(code.startsWith(CARD_CODE_PREFIX)).toBe(true);
    expect(code.length).toBeLessThanOrEqual(80);
    expect(expiresAt.toISOString()).toBe("2026-11-28T03:03:00.000Z");
    expect(verifyCardCode(secret, code, koperasiId, now)).toEqual({ ok: true, code: { kind: "rotating", koperasiId, memberId, expiresAt } });
    const lastMoment = new Date(expiresAt.getTime() - 1);
    expect(verifyCardCode(secret, code, koperasiId, lastMoment).ok).toBe(true);
    expect(verifyCardCode(secret, code, koperasiId, expiresAt)).toEqual({ ok: false, failure: "expired" });
    expect(verifyCardCode(secret, code, koperasiId, new Date(now.getTime() + ROTATING_CODE_SECONDS * 1000 + 5000))).toEqual({ ok: false, failure: "expired" });
  });

  it("a printed card's code names the card and never expires", () => {
    const code = signCardCode(secret, { kind: "card", koperasiId, cardId });
    expect(code.length).toBeLessThanOrEqual(72);
    const years = new Date("2036-01-01T00:00:00Z");
    expect(verifyCardCode(secret, ` ${code}\n`, koperasiId, years)).toEqual({ ok: true, code: { kind: "card", koperasiId, cardId } });
  });

  it("carries nothing but ids and an expiry", () => {
    const { code } = rotatingCode(secret, koperasiId, memberId, now);
    expect(Buffer.from(code.slice(CARD_CODE_PREFIX.length), "base64url")).toHaveLength(1 + 16 + 16 + 4 + 16);
  });

  it("refuses a changed byte anywhere, another deployment's key, and a forged expiry", () => {
    const { code } = rotatingCode(secret, koperasiId, memberId, now);
    // Every position of the member id, expiry and tag (the cooperative's bytes are checked first, below).
    for (let index = CARD_CODE_PREFIX.length + 23; index < code.length - 1; index += 1) {
      expect([index, verifyCardCode(secret, flipChar(code, index), koperasiId, now).ok]).toEqual([index, false]);
    }
    expect(verifyCardCode("kunci-lain", code, koperasiId, now)).toEqual({ ok: false, failure: "forged" });
    // Moving the expiry a day ahead without the key.
    const bytes = Buffer.from(code.slice(CARD_CODE_PREFIX.length), "base64url");
    bytes.writeUInt32BE(bytes.readUInt32BE(33) + 86_400, 33);
    expect(verifyCardCode(secret, CARD_CODE_PREFIX + bytes.toString("base64url"), koperasiId, now)).toEqual({ ok: false, failure: "forged" });
  });

  it("tells another cooperative's code apart, and a code made with another cooperative's key does not verify here", () => {
    const theirs = rotatingCode(secret, otherKoperasi, memberId, now).code;
    expect(verifyCardCode(secret, theirs, koperasiId, now)).toEqual({ ok: false, failure: "other_koperasi" });
    // Their code with our id pasted in: the key is per cooperative, so the tag no longer fits.
    const bytes = Buffer.from(theirs.slice(CARD_CODE_PREFIX.length), "base64url");
    Buffer.from(koperasiId.replace(/-/g, ""), "hex").copy(bytes, 1);
    expect(verifyCardCode(secret, CARD_CODE_PREFIX + bytes.toString("base64url"), koperasiId, now)).toEqual({ ok: false, failure: "forged" });
  });

  it("refuses what is not a card code", () => {
    const { code } = rotatingCode(secret, koperasiId, memberId, now);
    for (const text of ["", "KP1.", "3507123456780001", "https://contoh.id/", code.slice(0, -2), `${code}AA`, code.replace("KP1.", "KP2."), `${code.slice(0, 20)}+/${code.slice(22)}`]) {
      expect([text, verifyCardCode(secret, text, koperasiId, now)]).toEqual([text, { ok: false, failure: "malformed" }]);
    }
  });
});
