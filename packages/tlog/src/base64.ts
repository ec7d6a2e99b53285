import { TlogError } from "./errors.js";

/*
 * Standard base64 (RFC 4648 section 4, with padding), as every C2SP format in
 * this package uses. Decoding is strict: padding is required and the unused
 * bits of the last character must be zero, so each byte string has exactly
 * one accepted encoding and a note cannot be re-encoded into a second valid
 * form.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET.charAt((n >> 18) & 63) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63) + ALPHABET.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += ALPHABET.charAt((n >> 18) & 63) + ALPHABET.charAt((n >> 12) & 63) + "==";
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += ALPHABET.charAt((n >> 18) & 63) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63) + "=";
  }
  return out;
}

function sextet(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const v = c < 128 ? (LOOKUP[c] ?? -1) : -1;
  if (v < 0) throw new TlogError("malformed-base64", `invalid base64 character at ${i}`);
  return v;
}

export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new TlogError("malformed-base64", "base64 length is not a multiple of 4");
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    if (last && pad === 2) {
      if ((b & 15) !== 0) throw new TlogError("malformed-base64", "non-canonical base64 padding bits");
      out[o++] = (a << 2) | (b >> 4);
      break;
    }
    const c = sextet(text, i + 2);
    if (last && pad === 1) {
      if ((c & 3) !== 0) throw new TlogError("malformed-base64", "non-canonical base64 padding bits");
      out[o++] = (a << 2) | (b >> 4);
      out[o++] = ((b & 15) << 4) | (c >> 2);
      break;
    }
    const d = sextet(text, i + 3);
    out[o++] = (a << 2) | (b >> 4);
    out[o++] = ((b & 15) << 4) | (c >> 2);
    out[o++] = ((c & 3) << 6) | d;
  }
  return out;
}
