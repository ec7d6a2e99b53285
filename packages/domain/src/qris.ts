// QRIS, Bank Indonesia's national QR, is EMVCo merchant-presented mode: a run
// of TLV fields `ID(2) LEN(2) VALUE` ending with a CRC. The app recognises one
// so it can show the merchant's name and send the member to her bank or
// e-wallet app: it never pays one. The parse is strict because a payload that
// is almost right is either damaged or forged, and both are refused.

export type QrisRefusal =
  | "not_text"
  | "too_long"
  | "malformed_tlv"
  | "duplicate_field"
  | "crc_missing"
  | "crc_mismatch"
  | "format_indicator_invalid"
  | "initiation_method_invalid"
  | "merchant_account_missing"
  | "merchant_account_invalid"
  | "category_code_invalid"
  | "currency_invalid"
  | "amount_invalid"
  | "country_invalid"
  | "merchant_name_invalid"
  | "merchant_city_invalid";

export interface TlvField {
  readonly id: string;
  readonly value: string;
}

export interface QrisMerchantAccount {
  /** The template's field id, 26–51. */
  readonly id: string;
  /** Sub-field 00: the globally unique identifier (a reverse domain or an AID). */
  readonly globallyUniqueId: string;
  /** Sub-field 02 of the QRIS template (51): the National Merchant ID. */
  readonly nmid?: string;
}

export interface QrisPayload {
  readonly dynamic: boolean;
  readonly merchantName: string;
  readonly merchantCity: string;
  readonly merchantCategoryCode: string;
  /** Field 54 as written (`"15000"`, `"15000.00"`); absent on a static code. */
  readonly amount?: string;
  /** The NMID of the QRIS template (51), when present. */
  readonly nmid?: string;
  readonly merchantAccounts: readonly QrisMerchantAccount[];
  readonly fields: readonly TlvField[];
}

export type QrisParse = { readonly ok: true; readonly qris: QrisPayload } | { readonly ok: false; readonly reason: QrisRefusal };

/** QRIS's own merchant-account template and its identifier. */
export const QRIS_TEMPLATE_ID = "51";
export const QRIS_GLOBAL_ID = "ID.CO.QRIS.WWW";

/** EMVCo payloads are at most 512 characters. */
export const QRIS_MAX_LENGTH = 512;

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final
 * xor) over the payload's UTF-8 bytes, as 4 upper-case hex digits.
 */
export function qrisCrc(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

/** One TLV field as written: its length counts characters (code points). */
export function tlv(id: string, value: string): string {
  const length = [...value].length;
  if (!/^\d{2}$/.test(id) || length > 99) throw new RangeError(`TLV field ${id} cannot hold ${length} characters`);
  return `${id}${String(length).padStart(2, "0")}${value}`;
}

/** Appends the CRC field (63) to the fields before it. */
export function withQrisCrc(body: string): string {
  const covered = `${body}6304`;
  return covered + qrisCrc(covered);
}

/**
 * Splits a run of TLV fields, strictly: two-digit ids and lengths, each value
 * exactly as long as its length says, nothing left over, no id twice.
 */
export function splitTlv(text: string): { readonly ok: true; readonly fields: TlvField[] } | { readonly ok: false; readonly reason: "malformed_tlv" | "duplicate_field" } {
  const chars = [...text];
  const fields: TlvField[] = [];
  const seen = new Set<string>();
  let at = 0;
  while (at < chars.length) {
    if (at + 4 > chars.length) return { ok: false, reason: "malformed_tlv" };
    const id = chars.slice(at, at + 2).join("");
    const lengthText = chars.slice(at + 2, at + 4).join("");
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(lengthText)) return { ok: false, reason: "malformed_tlv" };
    const length = Number(lengthText);
    if (length === 0 || at + 4 + length > chars.length) return { ok: false, reason: "malformed_tlv" };
    if (seen.has(id)) return { ok: false, reason: "duplicate_field" };
    seen.add(id);
    fields.push({ id, value: chars.slice(at + 4, at + 4 + length).join("") });
    at += 4 + length;
  }
  return { ok: true, fields };
}

const AMOUNT = /^(?:0|[1-9]\d{0,12})(?:\.\d{1,2})?$/;

function refuse(reason: QrisRefusal): QrisParse {
  return { ok: false, reason };
}

/** Recognises a QRIS payload: its TLV structure, its CRC and the fields QRIS requires. */
export function parseQris(input: unknown): QrisParse {
  if (typeof input !== "string" || input.length === 0) return refuse("not_text");
  if ([...input].length > QRIS_MAX_LENGTH) return refuse("too_long");
  // Control characters have no place in a payload; a scanner that let one in misread it.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(input)) return refuse("malformed_tlv");

  const split = splitTlv(input);
  if (!split.ok) return refuse(split.reason);
  const fields = split.fields;

  const last = fields[fields.length - 1];
  if (!last || last.id !== "63" || fields.filter((field) => field.id === "63").length !== 1) return refuse("crc_missing");
  if (!/^[0-9A-F]{4}$/.test(last.value)) return refuse("crc_mismatch");
  const covered = input.slice(0, input.length - 4);
  if (qrisCrc(covered) !== last.value) return refuse("crc_mismatch");

  const byId = new Map(fields.map((field) => [field.id, field.value]));
  if (fields[0]?.id !== "00" || byId.get("00") !== "01") return refuse("format_indicator_invalid");
  const initiation = byId.get("01");
  if (initiation !== "11" && initiation !== "12") return refuse("initiation_method_invalid");

  const merchantAccounts: QrisMerchantAccount[] = [];
  for (const field of fields) {
    const number = Number(field.id);
    if (number < 26 || number > 51) continue;
    const inner = splitTlv(field.value);
    if (!inner.ok) return refuse("merchant_account_invalid");
    const sub = new Map(inner.fields.map((subField) => [subField.id, subField.value]));
    const globallyUniqueId = sub.get("00");
    if (!globallyUniqueId) return refuse("merchant_account_invalid");
    if (field.id === QRIS_TEMPLATE_ID) {
      const nmid = sub.get("02");
      if (globallyUniqueId !== QRIS_GLOBAL_ID || !nmid) return refuse("merchant_account_invalid");
      merchantAccounts.push({ id: field.id, globallyUniqueId, nmid });
    } else {
      merchantAccounts.push({ id: field.id, globallyUniqueId });
    }
  }
  if (merchantAccounts.length === 0) return refuse("merchant_account_missing");

  const mcc = byId.get("52");
  if (!mcc || !/^\d{4}$/.test(mcc)) return refuse("category_code_invalid");
  if (byId.get("53") !== "360") return refuse("currency_invalid");
  const amount = byId.get("54");
  if (amount !== undefined && (!AMOUNT.test(amount) || Number(amount) === 0)) return refuse("amount_invalid");
  if (byId.get("58") !== "ID") return refuse("country_invalid");
  const name = byId.get("59");
  if (!name || [...name].length > 25 || name.trim() === "") return refuse("merchant_name_invalid");
  const city = byId.get("60");
  if (!city || [...city].length > 15 || city.trim() === "") return refuse("merchant_city_invalid");

  const nmid = merchantAccounts.find((account) => account.id === QRIS_TEMPLATE_ID)?.nmid;
  return {
    ok: true,
    qris: {
      dynamic: initiation === "12",
      merchantName: name.trim(),
      merchantCity: city.trim(),
      merchantCategoryCode: mcc,
      ...(amount === undefined ? {} : { amount }),
      ...(nmid === undefined ? {} : { nmid }),
      merchantAccounts,
      fields,
    },
  };
}
