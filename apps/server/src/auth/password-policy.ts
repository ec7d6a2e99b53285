import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "../errors/app-error";

// OWASP ASVS 4.0 L2, V2.1: at least 8 characters, at least 64 allowed (we
// allow 128), no composition rules, and common or breached passwords refused.
// zxcvbn's "passwords-common" list is ranked by frequency; only membership
// matters here, so it becomes a set once. A few that Indonesian users pick
// and the English list misses are added.

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const INDONESIAN_COMMON = [
  "katasandi",
  "katasandi1",
  "katasandi123",
  "sandiaman",
  "rahasia123",
  "rahasiaku",
  "bismillah",
  "bismillah1",
  "bismillah123",
  "alhamdulillah",
  "indonesia",
  "indonesia1",
  "indonesia123",
  "indonesiaraya",
  "merdeka45",
  "merdeka1945",
  "sayangku",
  "sayangkamu",
  "cintaku",
  "cintakamu",
  "koperasi",
  "koperasi1",
  "koperasi123",
  "koperasipintar",
  "jakarta123",
  "garuda123",
  "anakku123",
];

let commonPasswords: ReadonlySet<string> | undefined;

function common(): ReadonlySet<string> {
  commonPasswords ??= new Set([...dictionary["passwords-common"], ...INDONESIAN_COMMON].map((p) => p.toLowerCase()));
  return commonPasswords;
}

export type PasswordProblemCode = "password_too_short" | "password_too_long" | "password_common" | "password_matches_identity";

export interface PasswordProblem {
  code: PasswordProblemCode;
  messageId: string;
  messageEn: string;
}

/** What the password may not resemble: the person's own identifiers. */
export interface PasswordIdentity {
  email?: string | null | undefined;
  name?: string | null | undefined;
  phone?: string | null | undefined;
}

const PROBLEMS: Record<PasswordProblemCode, Omit<PasswordProblem, "code">> = {
  password_too_short: { messageId: `Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter.`, messageEn: `The password needs at least ${PASSWORD_MIN_LENGTH} characters.` },
  password_too_long: { messageId: `Kata sandi paling banyak ${PASSWORD_MAX_LENGTH} karakter.`, messageEn: `The password may have at most ${PASSWORD_MAX_LENGTH} characters.` },
  password_common: {
    messageId: "Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya beberapa kata acak.",
    messageEn: "This password is too common and easy to guess. Choose another, for example a few random words.",
  },
  password_matches_identity: {
    messageId: "Kata sandi tidak boleh sama dengan email, nama, atau nomor HP Anda.",
    messageEn: "The password may not be your email, name or phone number.",
  },
};

function problem(code: PasswordProblemCode): PasswordProblem {
  return { code, ...PROBLEMS[code] };
}

function squash(value: string): string {
  return value.toLowerCase().replace(/[\s._-]+/g, "");
}

function identityForms(identity: PasswordIdentity): string[] {
  const forms: string[] = [];
  const email = identity.email?.trim().toLowerCase();
  if (email) {
    forms.push(email);
    const local = email.split("@")[0];
    if (local) forms.push(local);
  }
  const name = identity.name?.trim();
  if (name) forms.push(name);
  const phone = identity.phone?.replace(/\D/g, "");
  if (phone) {
    forms.push(phone);
    // The same number as typed locally: 62812… → 0812…
    if (phone.startsWith("62")) forms.push(`0${phone.slice(2)}`);
  }
  return forms.map(squash).filter((f) => f.length > 0);
}

/** The first rule the password breaks, or null when it is acceptable. */
export function checkPassword(password: string, identity: PasswordIdentity = {}): PasswordProblem | null {
  // Length in characters as the person sees them (an emoji counts once).
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return problem("password_too_short");
  if (password.length > PASSWORD_MAX_LENGTH) return problem("password_too_long");
  const lower = password.toLowerCase();
  if (common().has(lower) || common().has(lower.trim())) return problem("password_common");
  // One repeated character ("aaaaaaaa", "00000000") is as weak as any listed one.
  if (new Set([...lower]).size === 1) return problem("password_common");
  const squashed = squash(password);
  if (identityForms(identity).some((form) => form === squashed)) return problem("password_matches_identity");
  return null;
}

/** Throws a 400 problem naming the field (e.g. `body.password`) when the password is refused. */
export function assertAcceptablePassword(password: string, identity: PasswordIdentity = {}, path = "body.password"): void {
  const found = checkPassword(password, identity);
  if (!found) return;
  throw new AppError(400, "invalid_input", "Data yang dikirim tidak sah.", "The request is invalid.", [
    { path, code: found.code, message: found.messageId },
  ]);
}
