import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

// What a member-card QR code carries. Two kinds:
// - `rotating`: shown in the app, names the member and expires within
//   minutes, so a screenshot passed around is soon worthless;
// - `card`: printed on the plastic card, names the card (not the member), so
//   revoking a lost card stops its QR without touching the member.
// Neither carries the NIK or anything else personal.
//
// Layout, then base64url after the "KP1." prefix (71–75 characters, a small
// QR code a cheap phone camera reads at arm's length):
//   kind (1 byte) ‖ cooperative id (16) ‖ member id (16) ‖ expiry, Unix seconds (4)   — rotating
//   kind (1 byte) ‖ cooperative id (16) ‖ card id (16)                                  — card
//   followed by HMAC-SHA256 over those bytes, cut to 16 bytes (128 bits).
//
// The MAC key is the cooperative's own, derived with HKDF from the
// deployment's `logSealKey` (stable across TOKEN_PEPPER rotation, see
// secrets.ts): a code made for one cooperative never verifies for another,
// and printed cards stay valid for as long as the deployment's key does.

export const CARD_CODE_PREFIX = "KP1.";

/** How long a rotating code verifies; the app asks for a new one well before. */
export const ROTATING_CODE_SECONDS = 180;

const KIND_BYTE = { rotating: 0x01, card: 0x02 } as const;
const MAC_SIZE = 16;
const UUID_SIZE = 16;
const HKDF_SALT = "koperasi-pintar/member-card/v1";

export type CardCode =
  | { readonly kind: "rotating"; readonly koperasiId: string; readonly memberId: string; readonly expiresAt: Date }
  | { readonly kind: "card"; readonly koperasiId: string; readonly cardId: string };

export type CardCodeFailure = "malformed" | "forged" | "expired" | "other_koperasi";

export type CardCodeCheck = { readonly ok: true; readonly code: CardCode } | { readonly ok: false; readonly failure: CardCodeFailure };

export function cardKey(secret: string, koperasiId: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, HKDF_SALT, `${koperasiId}/member-card`, 32));
}

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(hex, "hex");
}

function uuidText(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mac(secret: string, koperasiId: string, payload: Buffer): Buffer {
  return createHmac("sha256", cardKey(secret, koperasiId)).update(payload).digest().subarray(0, MAC_SIZE);
}

function payloadOf(code: CardCode): Buffer {
  if (code.kind === "rotating") {
    const expiry = Buffer.alloc(4);
    expiry.writeUInt32BE(Math.floor(code.expiresAt.getTime() / 1000));
    return Buffer.concat([Buffer.from([KIND_BYTE.rotating]), uuidBytes(code.koperasiId), uuidBytes(code.memberId), expiry]);
  }
  return Buffer.concat([Buffer.from([KIND_BYTE.card]), uuidBytes(code.koperasiId), uuidBytes(code.cardId)]);
}

export function signCardCode(secret: string, code: CardCode): string {
  const payload = payloadOf(code);
  return CARD_CODE_PREFIX + Buffer.concat([payload, mac(secret, code.koperasiId, payload)]).toString("base64url");
}

/** A rotating code for the member, valid `ROTATING_CODE_SECONDS` from `now`. */
export function rotatingCode(secret: string, koperasiId: string, memberId: string, now: Date): { code: string; expiresAt: Date } {
  // Whole seconds, as the code stores them, so the expiry reported is the one enforced.
  const expiresAt = new Date((Math.floor(now.getTime() / 1000) + ROTATING_CODE_SECONDS) * 1000);
  return { code: signCardCode(secret, { kind: "rotating", koperasiId, memberId, expiresAt }), expiresAt };
}

function parse(text: string): { code: CardCode; payload: Buffer; tag: Buffer } | undefined {
  if (!text.startsWith(CARD_CODE_PREFIX)) return undefined;
  const body = text.slice(CARD_CODE_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return undefined;
  const bytes = Buffer.from(body, "base64url");
  const kind = bytes[0];
  const size = kind === KIND_BYTE.rotating ? 1 + 2 * UUID_SIZE + 4 : kind === KIND_BYTE.card ? 1 + 2 * UUID_SIZE : -1;
  // Re-encoding must give the text back: no trailing bits or padding tricks.
  if (size < 0 || bytes.length !== size + MAC_SIZE || bytes.toString("base64url") !== body) return undefined;
  const payload = bytes.subarray(0, size);
  const tag = bytes.subarray(size);
  const koperasiId = uuidText(payload.subarray(1, 1 + UUID_SIZE));
  const second = uuidText(payload.subarray(1 + UUID_SIZE, 1 + 2 * UUID_SIZE));
  const code: CardCode =
    kind === KIND_BYTE.rotating
      ? { kind: "rotating", koperasiId, memberId: second, expiresAt: new Date(payload.readUInt32BE(1 + 2 * UUID_SIZE) * 1000) }
      : { kind: "card", koperasiId, cardId: second };
  return { code, payload, tag };
}

/**
 * Checks a scanned code for the cooperative whose counter scanned it. The
 * signature is checked before the expiry, so a forged code is never told
 * apart from a stale one.
 */
export function verifyCardCode(secret: string, text: string, koperasiId: string, now: Date): CardCodeCheck {
  const parsed = parse(text.trim());
  if (!parsed) return { ok: false, failure: "malformed" };
  const { code, payload, tag } = parsed;
  if (code.koperasiId !== koperasiId.toLowerCase()) return { ok: false, failure: "other_koperasi" };
  if (!timingSafeEqual(tag, mac(secret, koperasiId, payload))) return { ok: false, failure: "forged" };
  if (code.kind === "rotating" && code.expiresAt.getTime() <= now.getTime()) return { ok: false, failure: "expired" };
  return { ok: true, code };
}
