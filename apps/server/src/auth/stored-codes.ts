import { createHmac, timingSafeEqual } from "node:crypto";

// better-auth keeps its e-mail and phone one-time codes in the `verification`
// table. Six digits are a million guesses: a plain hash of one is as good as
// the code itself, so only an HMAC keyed with the server's auth secret is
// stored, and a copy of the table (a backup, a replica) reveals no code.

const HASHED = "h$";

export function hashStoredCode(secret: string, code: string): string {
  return HASHED + createHmac("sha256", secret).update(`auth-code:${code}`).digest("hex");
}

export function storedCodeMatches(secret: string, stored: string, code: string): boolean {
  const expected = Buffer.from(hashStoredCode(secret, code));
  const actual = Buffer.from(stored);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The phone plugin stores `code:attempts` under these identifiers. */
const PHONE_CODE_IDENTIFIER = /^phone-number-(otp|reset)-/;

/**
 * The row the phone plugin is about to write, with its code replaced by the
 * HMAC. A row it writes back after a wrong guess (attempts + 1) already holds
 * the HMAC and is left as it is.
 */
export function withPhoneCodeHashed<T extends { identifier: string; value: string }>(secret: string, row: T): T {
  if (!PHONE_CODE_IDENTIFIER.test(row.identifier)) return row;
  const separator = row.value.lastIndexOf(":");
  const code = separator < 0 ? row.value : row.value.slice(0, separator);
  if (code.startsWith(HASHED)) return row;
  const attempts = separator < 0 ? "0" : row.value.slice(separator + 1);
  return { ...row, value: `${hashStoredCode(secret, code)}:${attempts}` };
}

/** The identifier under which the phone plugin keeps the code a request is checking. */
export function phoneCodeIdentifier(path: string | undefined, phoneNumber: string): string {
  return path === "/phone-number/reset-password" ? `phone-number-reset-${phoneNumber}` : `phone-number-otp-${phoneNumber}`;
}
