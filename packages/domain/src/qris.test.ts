import { crc16ccitt } from "crc";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseQris, qrisCrc, splitTlv, tlv, withQrisCrc } from "./qris";

// Payloads are built here from the TLV rules (DOMAIN.md "QR"): ID(2) LEN(2)
// VALUE; 00 = "01"; 01 = "11"/"12"; 26–51 merchant templates (51 =
// ID.CO.QRIS.WWW with the NMID in 02); 52 MCC; 53 = "360"; 54 amount;
// 58 = "ID"; 59 name; 60 city; 63 = CRC over everything up to "6304".

interface Fields {
  readonly initiation?: string;
  readonly amount?: string;
  readonly name?: string;
  readonly city?: string;
  readonly extra?: string;
}

function qrisBody(fields: Fields = {}): string {
  return [
    tlv("00", "01"),
    tlv("01", fields.initiation ?? "11"),
    tlv("26", tlv("00", "ID.CO.BANKCONTOH.WWW") + tlv("01", "936000140000012345") + tlv("02", "000012345") + tlv("03", "UMI")),
    tlv("51", tlv("00", "ID.CO.QRIS.WWW") + tlv("02", "ID1026123456789") + tlv("03", "UMI")),
    tlv("52", "5499"),
    tlv("53", "360"),
    fields.amount === undefined ? "" : tlv("54", fields.amount),
    tlv("58", "ID"),
    tlv("59", fields.name ?? "WARUNG BU SITI"),
    tlv("60", fields.city ?? "SLEMAN"),
    tlv("61", "55281"),
    fields.extra ?? "",
  ].join("");
}

const qris = (fields: Fields = {}) => withQrisCrc(qrisBody(fields));

describe("the QRIS CRC", () => {
  it("is CRC-16/CCITT-FALSE: the standard check value and the maintained crc package agree", () => {
    expect(qrisCrc("123456789")).toBe("29B1");
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const expected = crc16ccitt(Buffer.from(text, "utf8")).toString(16).toUpperCase().padStart(4, "0");
        expect(qrisCrc(text)).toBe(expected);
      }),
    );
  });

  it("covers everything up to and including 6304, and is written as four upper-case hex digits", () => {
    const payload = qris();
    const covered = payload.slice(0, -4);
    expect(covered.endsWith("6304")).toBe(true);
    expect(payload.slice(-4)).toBe(crc16ccitt(Buffer.from(covered)).toString(16).toUpperCase().padStart(4, "0"));
    expect(payload.slice(-4)).toMatch(/^[0-9A-F]{4}$/);
  });
});

describe("recognising a QRIS payload", () => {
  it("reads a static code: the merchant's name, city, category and NMID", () => {
    const parsed = parseQris(qris());
    expect(parsed).toMatchObject({
      ok: true,
      qris: { dynamic: false, merchantName: "WARUNG BU SITI", merchantCity: "SLEMAN", merchantCategoryCode: "5499", nmid: "ID1026123456789" },
    });
    if (parsed.ok) {
      expect(parsed.qris.amount).toBeUndefined();
      expect(parsed.qris.merchantAccounts.map((account) => account.id)).toEqual(["26", "51"]);
    }
  });

  it("reads a dynamic code with its amount", () => {
    expect(parseQris(qris({ initiation: "12", amount: "15000" }))).toMatchObject({ ok: true, qris: { dynamic: true, amount: "15000" } });
    expect(parseQris(qris({ initiation: "12", amount: "15000.50" }))).toMatchObject({ ok: true, qris: { amount: "15000.50" } });
  });

  it("refuses a payload with any one character changed (the CRC catches it)", () => {
    const payload = qris({ amount: "25000" });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: payload.length - 5 }), fc.constantFrom(..."0123456789ABCXYZ "), (at, replacement) => {
        fc.pre(payload[at] !== replacement);
        const corrupted = payload.slice(0, at) + replacement + payload.slice(at + 1);
        expect(parseQris(corrupted).ok).toBe(false);
      }),
    );
    const wrongCrc = payload.slice(0, -4) + (payload.slice(-4) === "0000" ? "0001" : "0000");
    expect(parseQris(wrongCrc)).toEqual({ ok: false, reason: "crc_mismatch" });
    expect(parseQris(payload.slice(0, -4) + payload.slice(-4).toLowerCase())).toMatchObject({ ok: false });
  });

  it("refuses a payload cut short, with no CRC, or with something after the CRC", () => {
    const payload = qris();
    expect(parseQris(payload.slice(0, -1))).toMatchObject({ ok: false });
    expect(parseQris(qrisBody())).toEqual({ ok: false, reason: "crc_missing" });
    expect(parseQris(`${payload}0102AB`)).toMatchObject({ ok: false });
    expect(parseQris("")).toEqual({ ok: false, reason: "not_text" });
    expect(parseQris(42)).toEqual({ ok: false, reason: "not_text" });
    expect(parseQris("https://contoh.id/bayar")).toEqual({ ok: false, reason: "malformed_tlv" });
  });

  it("refuses a code whose CRC is right but whose fields break the rules", () => {
    const build = (parts: string[]) => withQrisCrc(parts.join(""));
    const base = {
      head: tlv("00", "01") + tlv("01", "11"),
      account: tlv("51", tlv("00", "ID.CO.QRIS.WWW") + tlv("02", "ID1026123456789")),
      tail: tlv("52", "5499") + tlv("53", "360") + tlv("58", "ID") + tlv("59", "TOKO") + tlv("60", "BANTUL"),
    };
    expect(parseQris(build([base.head, base.account, base.tail]))).toMatchObject({ ok: true });
    expect(parseQris(build([tlv("00", "02") + tlv("01", "11"), base.account, base.tail]))).toEqual({ ok: false, reason: "format_indicator_invalid" });
    expect(parseQris(build([tlv("01", "11") + tlv("00", "01"), base.account, base.tail]))).toEqual({ ok: false, reason: "format_indicator_invalid" });
    expect(parseQris(build([tlv("00", "01") + tlv("01", "13"), base.account, base.tail]))).toEqual({ ok: false, reason: "initiation_method_invalid" });
    expect(parseQris(build([base.head, base.tail]))).toEqual({ ok: false, reason: "merchant_account_missing" });
    expect(parseQris(build([base.head, tlv("51", tlv("00", "ID.CO.QRIS.WWW")), base.tail]))).toEqual({ ok: false, reason: "merchant_account_invalid" });
    expect(parseQris(build([base.head, tlv("51", tlv("00", "ID.CO.LAIN.WWW") + tlv("02", "X1")), base.tail]))).toEqual({ ok: false, reason: "merchant_account_invalid" });
    expect(parseQris(build([base.head, tlv("51", "not-tlv"), base.tail]))).toEqual({ ok: false, reason: "merchant_account_invalid" });
    expect(parseQris(build([base.head, base.account, base.tail.replace(tlv("53", "360"), tlv("53", "840"))]))).toEqual({ ok: false, reason: "currency_invalid" });
    expect(parseQris(build([base.head, base.account, base.tail.replace(tlv("58", "ID"), tlv("58", "SG"))]))).toEqual({ ok: false, reason: "country_invalid" });
    expect(parseQris(build([base.head, base.account, base.tail.replace(tlv("52", "5499"), tlv("52", "54A9"))]))).toEqual({ ok: false, reason: "category_code_invalid" });
    expect(parseQris(build([base.head, base.account, base.tail.replace(tlv("59", "TOKO"), tlv("59", "X".repeat(26)))]))).toEqual({ ok: false, reason: "merchant_name_invalid" });
    expect(parseQris(build([base.head, base.account, base.tail.replace(tlv("60", "BANTUL"), "")]))).toEqual({ ok: false, reason: "merchant_city_invalid" });
    for (const amount of ["0", "1.234", "-5", "1,5", "01000", "12345678901234"]) {
      expect(parseQris(build([base.head, base.account, tlv("54", amount), base.tail])), amount).toEqual({ ok: false, reason: "amount_invalid" });
    }
    expect(parseQris(build([base.head, base.account, base.tail, tlv("59", "LAGI")]))).toEqual({ ok: false, reason: "duplicate_field" });
  });

  it("counts a field's length in characters, so a name in UTF-8 is still read", () => {
    const parsed = parseQris(qris({ name: "KEDAI KOPI SENJA É" }));
    expect(parsed).toMatchObject({ ok: true, qris: { merchantName: "KEDAI KOPI SENJA É" } });
  });
});

describe("splitting TLV fields", () => {
  it("takes exactly the fields written and refuses a length that runs past the end", () => {
    expect(splitTlv("0002AB0103XY")).toEqual({ ok: false, reason: "malformed_tlv" });
    expect(splitTlv("0002AB0103XYZ9")).toEqual({ ok: false, reason: "malformed_tlv" });
    expect(splitTlv("0A02AB")).toEqual({ ok: false, reason: "malformed_tlv" });
    expect(splitTlv("0000")).toEqual({ ok: false, reason: "malformed_tlv" });
    expect(splitTlv("0102AB0103XYZ")).toEqual({ ok: false, reason: "duplicate_field" });
    expect(splitTlv("0002AB0203XYZ")).toEqual({ ok: true, fields: [{ id: "00", value: "AB" }, { id: "02", value: "XYZ" }] });
  });
});
