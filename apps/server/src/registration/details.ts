import type { KoperasiDetails, StartRegistration } from "@koperasi/contracts";
import {
  DomainError,
  normalizeNib,
  normalizeNomorBadanHukum,
  normalizeNomorIndukKoperasi,
  normalizePhone,
  slugify,
} from "@koperasi/domain";
import { checkPassword } from "../auth/password-policy";
import { AppError } from "../errors/app-error";

// Turns what the Daftar Sekarang form sent into the canonical form stored and
// compared: numbers normalised (so the same decree typed twice is the same),
// the phone in E.164. Every field that is wrong gets its own message, all at
// once, so the form can mark them together.

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export interface NormalizedRegistration {
  koperasi: KoperasiDetails;
  admin: { name: string; email: string; phone: string; password: string | undefined };
  /** The base of the cooperative's address (/k/<slug>); a suffix is added on collision at submit. */
  slugBase: string;
}

export function invalidInput(errors: FieldError[]): AppError {
  return new AppError(400, "invalid_input", "Data yang dikirim tidak sah. Periksa kolom yang ditandai.", "The request is invalid. Check the marked fields.", errors);
}

/** "" from an empty form field means "not given". */
function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function normalizeField<T>(errors: FieldError[], path: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DomainError) {
      errors.push({ path, code: error.code, message: error.messageId });
      return undefined;
    }
    throw error;
  }
}

/**
 * Who is asking: nobody (a new login will be made, so a password is needed),
 * or a signed-in person registering for herself (no password). Her login's
 * email must be the one given, unless her login has none of its own (a
 * phone-only login), in which case the email given becomes hers once verified.
 */
export type Registrant = { signedIn: false } | { signedIn: true; email: string | null };

/** Validates and normalises a StartRegistration. */
export function normalizeRegistration(body: StartRegistration, registrant: Registrant): NormalizedRegistration {
  const errors: FieldError[] = [];
  const k = body.koperasi;

  const nomorIndukKoperasi = given(k.nomorIndukKoperasi);
  const nomorBadanHukum = given(k.nomorBadanHukum);
  const nib = given(k.nib);
  const normalized: KoperasiDetails = {
    name: k.name,
    type: k.type,
    address: k.address,
    city: k.city,
    province: k.province,
    timeZone: k.timeZone,
  };
  if (given(k.postalCode)) normalized.postalCode = k.postalCode;
  if (nomorIndukKoperasi !== undefined) {
    const value = normalizeField(errors, "body.koperasi.nomorIndukKoperasi", () => normalizeNomorIndukKoperasi(nomorIndukKoperasi));
    if (value) normalized.nomorIndukKoperasi = value;
  }
  if (nomorBadanHukum !== undefined) {
    const value = normalizeField(errors, "body.koperasi.nomorBadanHukum", () => normalizeNomorBadanHukum(nomorBadanHukum));
    if (value) normalized.nomorBadanHukum = value;
  }
  if (nib !== undefined) {
    const value = normalizeField(errors, "body.koperasi.nib", () => normalizeNib(nib));
    if (value) normalized.nib = value;
  }
  // Without one of the two numbers a second registration of the same
  // cooperative could not be recognised and refused.
  if (nomorIndukKoperasi === undefined && nomorBadanHukum === undefined) {
    const message = "Isi Nomor Induk Koperasi atau nomor badan hukum (salah satu wajib).";
    errors.push({ path: "body.koperasi.nomorIndukKoperasi", code: "required_one_of", message });
    errors.push({ path: "body.koperasi.nomorBadanHukum", code: "required_one_of", message });
  }
  let slugBase = "";
  try {
    slugBase = slugify(k.name);
  } catch {
    errors.push({ path: "body.koperasi.name", code: "name_unusable", message: "Nama koperasi harus mengandung huruf atau angka." });
  }

  const phone = normalizeField(errors, "body.admin.phone", () => normalizePhone(body.admin.phone)) ?? "";
  const email = body.admin.email;
  const password = body.admin.password;
  if (registrant.signedIn) {
    if (password !== undefined) {
      errors.push({ path: "body.admin.password", code: "not_expected", message: "Anda sudah masuk; kata sandi tidak perlu diisi." });
    }
    if (registrant.email !== null && email !== registrant.email) {
      errors.push({
        path: "body.admin.email",
        code: "email_mismatch",
        message: `Anda masuk sebagai ${registrant.email}; pendaftaran koperasi kedua memakai email akun Anda.`,
      });
    }
  } else if (password === undefined) {
    errors.push({ path: "body.admin.password", code: "required", message: "Kata sandi wajib diisi." });
  } else {
    const problem = checkPassword(password, { email, name: body.admin.name, phone });
    if (problem) errors.push({ path: "body.admin.password", code: problem.code, message: problem.messageId });
  }

  if (errors.length > 0) throw invalidInput(errors);
  return { koperasi: normalized, admin: { name: body.admin.name, email, phone, password }, slugBase };
}
