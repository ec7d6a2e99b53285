import { DomainError, type DomainErrorCode } from "./errors";
import { parseBusinessDate, type BusinessDate } from "./time";

// ---------------------------------------------------------------------------
// NIK (Nomor Induk Kependudukan), the personal identity number on the KTP.
// Layout: PP KK CC DD MM YY NNNN — province, regency, district, day of birth
// (+40 for women), month, two-digit year, sequence from 0001.
// ---------------------------------------------------------------------------

export type Gender = "male" | "female";

export const GENDER_LABELS: Readonly<Record<Gender, { readonly id: string; readonly en: string }>> = {
  male: { id: "Laki-laki", en: "Male" },
  female: { id: "Perempuan", en: "Female" },
};

export interface NikInfo {
  /** The 16 digits, separators removed. */
  readonly nik: string;
  readonly provinceCode: string;
  /** Province + regency, the 4-digit kabupaten/kota code. */
  readonly regencyCode: string;
  /** Province + regency + district, the 6-digit kecamatan code. */
  readonly districtCode: string;
  readonly birthDay: number;
  readonly birthMonth: number;
  /** Two digits only: the NIK does not say the century (see `nikBirthYear`). */
  readonly birthYear2: number;
  readonly gender: Gender;
  readonly sequence: string;
}

export type NikErrorCode = Extract<
  DomainErrorCode,
  "nik_invalid_format" | "nik_invalid_birth_day" | "nik_invalid_birth_month" | "nik_invalid_sequence"
>;

export type NikValidation = { readonly ok: true; readonly value: NikInfo } | { readonly ok: false; readonly code: NikErrorCode };

const FEMALE_DAY_OFFSET = 40;

/** Separators people type from a KTP ("3515 1405 0868 0001") are dropped. */
export function normalizeNik(input: string): string {
  return typeof input === "string" ? input.replace(/[\s.-]/g, "") : "";
}

/** Checks a NIK without throwing, so a form can show the precise reason. */
export function validateNik(input: string): NikValidation {
  const nik = normalizeNik(input);
  if (!/^\d{16}$/.test(nik)) return { ok: false, code: "nik_invalid_format" };

  const encodedDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year2 = Number(nik.slice(10, 12));
  const sequence = nik.slice(12, 16);

  const female = encodedDay > FEMALE_DAY_OFFSET;
  const day = female ? encodedDay - FEMALE_DAY_OFFSET : encodedDay;
  // Day 00, 32–40 and above 71 can never be encoded.
  if (encodedDay === 0 || (encodedDay > 31 && encodedDay <= FEMALE_DAY_OFFSET) || encodedDay > 71) {
    return { ok: false, code: "nik_invalid_birth_day" };
  }
  if (month < 1 || month > 12) return { ok: false, code: "nik_invalid_birth_month" };
  // Also refuse days the month does not have (31 April, 30 February). 29
  // February is accepted in years divisible by 4: leap in 2000 and in every
  // such 19xx year except 1900, and the NIK does not say the century.
  if (day > maxDayForTwoDigitYear(month, year2)) return { ok: false, code: "nik_invalid_birth_day" };
  if (sequence === "0000") return { ok: false, code: "nik_invalid_sequence" };

  return {
    ok: true,
    value: {
      nik,
      provinceCode: nik.slice(0, 2),
      regencyCode: nik.slice(0, 4),
      districtCode: nik.slice(0, 6),
      birthDay: day,
      birthMonth: month,
      birthYear2: year2,
      gender: female ? "female" : "male",
      sequence,
    },
  };
}

export function isValidNik(input: string): boolean {
  return validateNik(input).ok;
}

/** Decodes a NIK; throws a DomainError naming the part that is wrong. */
export function parseNik(input: string): NikInfo {
  const result = validateNik(input);
  if (!result.ok) throw new DomainError(result.code, { field: "nik" });
  return result.value;
}

/**
 * The four-digit birth year: the latest century that does not put the birth
 * after `referenceYear` (usually this year). A 2-digit year cannot tell a
 * newborn from a centenarian; for members of legal age this is unambiguous.
 */
export function nikBirthYear(birthYear2: number, referenceYear: number): number {
  const candidate = Math.floor(referenceYear / 100) * 100 + birthYear2;
  return candidate > referenceYear ? candidate - 100 : candidate;
}

export type NikMismatch = Extract<DomainErrorCode, "nik_birth_date_mismatch" | "nik_gender_mismatch">;

/**
 * Cross-checks what was typed on a form against what the NIK encodes.
 * `birthDate` is a `YYYY-MM-DD` date; its day, month and last two year digits
 * must match. Returns the mismatches (empty when consistent) so each field
 * can get its own message; throws if the NIK itself is invalid.
 */
export function checkNikAgainst(
  nik: string,
  claimed: { readonly birthDate?: BusinessDate; readonly gender?: Gender },
): NikMismatch[] {
  const info = parseNik(nik);
  const mismatches: NikMismatch[] = [];
  if (claimed.birthDate !== undefined) {
    const date = parseBusinessDate(claimed.birthDate);
    if (date.day !== info.birthDay || date.month !== info.birthMonth || date.year % 100 !== info.birthYear2) {
      mismatches.push("nik_birth_date_mismatch");
    }
  }
  if (claimed.gender !== undefined && claimed.gender !== info.gender) mismatches.push("nik_gender_mismatch");
  return mismatches;
}

function maxDayForTwoDigitYear(month: number, year2: number): number {
  if (month === 2) return year2 % 4 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// ---------------------------------------------------------------------------
// Phone numbers. Stored as E.164 (+62…); typed as 0812…, 62812… or +62812….
// ---------------------------------------------------------------------------

export const INDONESIA_COUNTRY_CODE = "62";
// Digits after +62 (the national significant number). Mobile numbers run
// 9–12 digits, Jakarta-style landlines 9–10; 13 leaves room for the longest
// numbering-plan ranges.
const NATIONAL_NUMBER_MIN = 9;
const NATIONAL_NUMBER_MAX = 13;

/**
 * Normalises to E.164, e.g. "0812-3456-7890" → "+6281234567890". Accepts
 * 0…, 62…, +62… and a bare mobile 8…. Throws `phone_invalid`.
 */
export function normalizePhone(input: string): string {
  if (typeof input !== "string") throw new DomainError("phone_invalid");
  // Separators people type or paste from contacts: spaces, dashes, dots, brackets.
  const compact = input.trim().replace(/[\s\-.()]/g, "");
  let national: string;
  if (compact.startsWith("+62")) national = compact.slice(3);
  else if (compact.startsWith("62")) national = compact.slice(2);
  else if (compact.startsWith("0")) national = compact.slice(1);
  // Forms that show "+62" beside the field get "812…" with no prefix at all.
  else if (compact.startsWith("8")) national = compact;
  else throw new DomainError("phone_invalid");
  // A national number never starts with 0 (that is the trunk prefix) or 1.
  if (!/^[2-9]\d*$/.test(national)) throw new DomainError("phone_invalid");
  if (national.length < NATIONAL_NUMBER_MIN || national.length > NATIONAL_NUMBER_MAX) {
    throw new DomainError("phone_invalid");
  }
  return `+${INDONESIA_COUNTRY_CODE}${national}`;
}

export function isValidPhone(input: string): boolean {
  try {
    normalizePhone(input);
    return true;
  } catch {
    return false;
  }
}

/** Mobile numbers (+628…) can receive an SMS or WhatsApp one-time code; landlines cannot. */
export function isMobilePhone(input: string): boolean {
  return isValidPhone(input) && normalizePhone(input).startsWith("+628");
}

/**
 * For logs and screens that must not show the whole number:
 * "+6281234567678" → "+62812****678". Always four stars, so the mask does not
 * reveal the length either. Never throws (a logger must not fail): input that
 * is not a phone number is masked entirely.
 */
export function maskPhone(input: string): string {
  if (!isValidPhone(input)) return "****";
  const e164 = normalizePhone(input);
  return `${e164.slice(0, 6)}****${e164.slice(-3)}`;
}

/** A WhatsApp click-to-chat link: `https://wa.me/62812…?text=…`. */
export function whatsappLink(phone: string, text?: string): string {
  const digits = normalizePhone(phone).slice(1);
  const query = text ? `?text=${encodeURIComponent(text)}` : "";
  return `https://wa.me/${digits}${query}`;
}
