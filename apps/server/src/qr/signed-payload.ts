import { sign, verify, type KeyObject } from "node:crypto";
import { isUuid } from "@koperasi/domain";

// The cooperative's own QR codes: a small JSON body signed with Ed25519 under
// a key of the cooperative's own (never the transparency log's), written as
// `KQR1.<body>.<signature>` in base64url. A dynamic code ("Terima" with or
// without an amount, the counter's) carries an expiry and a nonce, so a
// screenshot of a used or expired code is refused; a merchant's static code
// carries neither (the quote and the payment's Idempotency-Key stop replays).
// Parsing is strict: exact fields and types, canonical encodings, the
// signature over the exact bytes, the cooperative the scanner is in.

export const SIGNED_QR_PREFIX = "KQR1";
export const SIGNED_QR_MAX_LENGTH = 700;
/** A dynamic code lives at most this long. */
export const DYNAMIC_QR_MAX_LIFETIME_S = 15 * 60;

export type QrPurpose = "terima" | "counter" | "merchant";
const DYNAMIC: Readonly<Record<QrPurpose, boolean>> = { terima: true, counter: true, merchant: false };

export interface QrBody {
  readonly v: 1;
  /** The cooperative. */
  readonly k: string;
  /** The key's id within the cooperative (keys are rotated, old ones kept to verify). */
  readonly kid: string;
  readonly t: QrPurpose;
  /** The payee: a member account (terima, merchant) or the counter's id. */
  readonly p: string;
  /** A fixed amount in whole Rupiah, when the code asks for one. */
  readonly a?: number;
  /** Dynamic codes only: a random nonce (base64url, 16 bytes) and the expiry in Unix seconds. */
  readonly n?: string;
  readonly x?: number;
}

export type SignedQrRefusal =
  | "not_ours"
  | "too_long"
  | "malformed"
  | "bad_signature"
  | "other_koperasi"
  | "unknown_key"
  | "expired"
  | "lifetime_too_long";

export type SignedQrParse = { readonly ok: true; readonly body: QrBody } | { readonly ok: false; readonly reason: SignedQrRefusal };

const B64URL = /^[A-Za-z0-9_-]+$/;
const NONCE = /^[A-Za-z0-9_-]{22}$/;
const KID = /^[a-z0-9]{1,16}$/;
const MAX_AMOUNT = 999_999_999_999;

function encode(bytes: Buffer): string {
  return bytes.toString("base64url");
}

/** base64url that decodes and re-encodes to itself: one text per byte string, so no two payloads share a signature. */
function decodeCanonical(text: string): Buffer | undefined {
  if (!B64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return encode(bytes) === text ? bytes : undefined;
}

/** The body's shape, strictly: exact fields for its purpose, exact types. */
export function qrBodyIssue(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return true;
  const record = body as Record<string, unknown>;
  const purpose = record.t;
  if (purpose !== "terima" && purpose !== "counter" && purpose !== "merchant") return true;
  const dynamic = DYNAMIC[purpose];
  const allowed = new Set(["v", "k", "kid", "t", "p", "a", ...(dynamic ? ["n", "x"] : [])]);
  if (Object.keys(record).some((key) => !allowed.has(key))) return true;
  if (record.v !== 1 || !isUuid(record.k) || typeof record.kid !== "string" || !KID.test(record.kid) || !isUuid(record.p)) return true;
  if (record.a !== undefined && (typeof record.a !== "number" || !Number.isSafeInteger(record.a) || record.a < 1 || record.a > MAX_AMOUNT)) return true;
  if (purpose === "merchant" && record.a !== undefined) return true;
  if (dynamic) {
    if (typeof record.n !== "string" || !NONCE.test(record.n)) return true;
    if (typeof record.x !== "number" || !Number.isSafeInteger(record.x) || record.x < 0) return true;
  }
  return false;
}

/** Writes and signs a payload. Throws on a body that its own parser would refuse. */
export function signQrPayload(body: QrBody, privateKey: KeyObject): string {
  if (qrBodyIssue(body)) throw new Error("signQrPayload: the body breaks the payload rules");
  const bodyText = encode(Buffer.from(JSON.stringify(body), "utf8"));
  const signed = `${SIGNED_QR_PREFIX}.${bodyText}`;
  return `${signed}.${encode(sign(null, Buffer.from(signed, "utf8"), privateKey))}`;
}

/**
 * Reads a scanned payload for the cooperative the scanner is in. `keyFor`
 * gives the cooperative's public key by its id (undefined for none). The
 * caller still refuses a dynamic code whose nonce was already used.
 */
export function parseSignedQr(
  text: unknown,
  expect: { readonly koperasiId: string; readonly now: Date; readonly keyFor: (kid: string) => KeyObject | undefined },
): SignedQrParse {
  if (typeof text !== "string" || !text.startsWith(`${SIGNED_QR_PREFIX}.`)) return { ok: false, reason: "not_ours" };
  if (text.length > SIGNED_QR_MAX_LENGTH) return { ok: false, reason: "too_long" };
  const parts = text.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const bodyBytes = decodeCanonical(parts[1]!);
  const signature = decodeCanonical(parts[2]!);
  if (!bodyBytes || !signature || signature.length !== 64) return { ok: false, reason: "malformed" };
  let body: unknown;
  try {
    body = JSON.parse(bodyBytes.toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (qrBodyIssue(body)) return { ok: false, reason: "malformed" };
  const qr = body as QrBody;
  if (qr.k !== expect.koperasiId) return { ok: false, reason: "other_koperasi" };
  const key = expect.keyFor(qr.kid);
  if (!key) return { ok: false, reason: "unknown_key" };
  if (!verify(null, Buffer.from(`${parts[0]}.${parts[1]}`, "utf8"), key, signature)) return { ok: false, reason: "bad_signature" };
  if (qr.x !== undefined) {
    const nowS = Math.floor(expect.now.getTime() / 1000);
    if (qr.x <= nowS) return { ok: false, reason: "expired" };
    if (qr.x - nowS > DYNAMIC_QR_MAX_LIFETIME_S) return { ok: false, reason: "lifetime_too_long" };
  }
  return { ok: true, body: qr };
}
