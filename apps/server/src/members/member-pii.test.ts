import { describe, expect, it } from "vitest";
import { keyringFrom, newMemberDataKey, parseMemberKeys, formatMemberKeys } from "./member-keys";
import { blindIndex, blindIndexesForLookup, maskNik, open, seal, sealedKeyId } from "./member-pii";

const older = newMemberDataKey([], new Date("2026-01-01"));
const newer = newMemberDataKey([older], new Date("2026-11-28"));
const keyring = keyringFrom([older], "env");
const rotated = keyringFrom([newer, older], "env");
const K1 = "0193f000-0000-7000-8000-000000000001";
const K2 = "0193f000-0000-7000-8000-000000000002";
const M1 = "0193f000-0000-7000-8000-00000000000a";
const M2 = "0193f000-0000-7000-8000-00000000000b";

describe("sealing a member field", () => {
  it("opens what it sealed, and never shows the plaintext", () => {
    const sealed = seal(keyring, { koperasiId: K1, rowId: M1, field: "nik" }, "3515140508680001");
    expect(sealed).not.toContain("3515140508680001");
    expect(sealedKeyId(sealed)).toBe(older.id);
    expect(open(keyring, { koperasiId: K1, rowId: M1, field: "nik" }, sealed)).toBe("3515140508680001");
    // Fresh nonce each time.
    expect(seal(keyring, { koperasiId: K1, rowId: M1, field: "nik" }, "3515140508680001")).not.toBe(sealed);
  });

  it("refuses a ciphertext moved to another member, field or cooperative, or altered", () => {
    const sealed = seal(keyring, { koperasiId: K1, rowId: M1, field: "phone" }, "+6281234567890");
    expect(() => open(keyring, { koperasiId: K1, rowId: M2, field: "phone" }, sealed)).toThrow();
    expect(() => open(keyring, { koperasiId: K1, rowId: M1, field: "heir_phone" }, sealed)).toThrow();
    expect(() => open(keyring, { koperasiId: K2, rowId: M1, field: "phone" }, sealed)).toThrow();
    const flipped = sealed.slice(0, -3) + (sealed.at(-3) === "A" ? "B" : "A") + sealed.slice(-2);
    expect(() => open(keyring, { koperasiId: K1, rowId: M1, field: "phone" }, flipped)).toThrow();
    // A key that is no longer configured cannot open it.
    expect(() => open(keyringFrom([newer], "env"), { koperasiId: K1, rowId: M1, field: "phone" }, sealed)).toThrow(/not configured/);
    // After a new key is put first, old ciphertexts still open.
    expect(open(rotated, { koperasiId: K1, rowId: M1, field: "phone" }, sealed)).toBe("+6281234567890");
  });
});

describe("blind indexes", () => {
  it("index the normalised value, apart per cooperative and field", () => {
    expect(blindIndex(keyring, K1, "phone", "0812-3456-7890")).toBe(blindIndex(keyring, K1, "phone", "+62 812 3456 7890"));
    expect(blindIndex(keyring, K1, "nik", "3515 1405 0868 0001")).toBe(blindIndex(keyring, K1, "nik", "3515140508680001"));
    expect(blindIndex(keyring, K1, "nik", "3515140508680001")).not.toBe(blindIndex(keyring, K2, "nik", "3515140508680001"));
    expect(blindIndex(keyring, K1, "nik", "6281234567890")).not.toBe(blindIndex(keyring, K1, "phone", "6281234567890"));
    expect(blindIndex(keyring, K1, "nik", "3515140508680001")).not.toContain("3515");
  });

  it("are looked up under every known key, current first", () => {
    const indexes = blindIndexesForLookup(rotated, K1, "nik", "3515140508680001");
    expect(indexes).toEqual([blindIndex(keyringFrom([newer], "env"), K1, "nik", "3515140508680001"), blindIndex(keyring, K1, "nik", "3515140508680001")]);
  });
});

describe("keys", () => {
  it("read MEMBER_DATA_KEY as id:base64 pairs, newest first, and refuse bad ones", () => {
    const text = formatMemberKeys([newer, older]);
    const parsed = parseMemberKeys(text);
    expect(parsed.map((k) => k.id)).toEqual([newer.id, older.id]);
    expect(parsed[0]!.key.equals(newer.key)).toBe(true);
    expect(() => parseMemberKeys("k1:AAAA")).toThrow(/32 bita/);
    expect(() => parseMemberKeys("tanpa-titik-dua")).toThrow();
    expect(() => keyringFrom([older, older], "env")).toThrow(/ganda/);
  });

  it("masks a NIK to its region and sequence", () => {
    expect(maskNik("3515140508680001")).toBe("3515********0001");
  });
});
