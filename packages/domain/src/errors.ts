// Domain errors carry a stable code so the server can map them to HTTP and to
// RFC 9457 problem+json without parsing messages, and the web app can show the
// message in the user's language without a round trip.

export type DomainErrorCode =
  | "amount_not_integer"
  | "amount_unsafe"
  | "amount_invalid"
  | "rate_invalid"
  | "rounding_invalid"
  | "allocation_invalid"
  | "date_invalid"
  | "time_zone_invalid"
  | "nik_invalid_format"
  | "nik_invalid_birth_day"
  | "nik_invalid_birth_month"
  | "nik_invalid_sequence"
  | "nik_birth_date_mismatch"
  | "nik_gender_mismatch"
  | "phone_invalid"
  | "nomor_induk_koperasi_invalid"
  | "nomor_badan_hukum_invalid"
  | "nib_invalid"
  | "slug_invalid"
  | "amount_not_positive"
  | "journal_too_few_lines"
  | "journal_too_many_lines"
  | "journal_line_one_side"
  | "journal_unbalanced"
  | "account_code_invalid"
  | "account_code_type_mismatch"
  | "voucher_prefix_invalid"
  | "percent_invalid"
  | "loan_method_invalid"
  | "loan_principal_invalid"
  | "loan_tenor_invalid"
  | "loan_principal_too_small"
  | "loan_rounding_too_coarse"
  | "loan_charges_exceed_principal"
  | "loan_penalty_invalid"
  | "loan_repays_less_than_received"
  | "savings_terms_invalid"
  | "savings_balances_invalid"
  | "wajib_billing_invalid"
  | "forbidden";

/** Broad class of a code: lets the server pick an HTTP status with one switch. */
export type DomainErrorKind = "invalid_input" | "forbidden";

export interface DomainErrorMessage {
  readonly id: string;
  readonly en: string;
  readonly kind: DomainErrorKind;
}

export const DOMAIN_ERRORS: Readonly<Record<DomainErrorCode, DomainErrorMessage>> = {
  amount_not_integer: {
    id: "Jumlah uang harus bilangan bulat Rupiah.",
    en: "The amount must be a whole number of Rupiah.",
    kind: "invalid_input",
  },
  amount_unsafe: {
    id: "Jumlah uang terlalu besar untuk diproses dengan aman.",
    en: "The amount is too large to process safely.",
    kind: "invalid_input",
  },
  amount_invalid: {
    id: "Jumlah uang tidak dapat dibaca. Contoh: Rp1.250.000.",
    en: "The amount cannot be read. Example: Rp1.250.000.",
    kind: "invalid_input",
  },
  rate_invalid: {
    id: "Tarif harus bilangan bulat basis poin yang tidak negatif.",
    en: "The rate must be a non-negative whole number of basis points.",
    kind: "invalid_input",
  },
  rounding_invalid: {
    id: "Aturan pembulatan tidak dikenal atau pembaginya tidak sah.",
    en: "Unknown rounding rule or invalid divisor.",
    kind: "invalid_input",
  },
  allocation_invalid: {
    id: "Pembagian tidak dapat dihitung: bobot harus bilangan bulat tidak negatif dan tidak semuanya nol.",
    en: "Cannot allocate: weights must be non-negative integers, not all zero.",
    kind: "invalid_input",
  },
  date_invalid: {
    id: "Tanggal tidak sah.",
    en: "The date is not valid.",
    kind: "invalid_input",
  },
  time_zone_invalid: {
    id: "Zona waktu harus WIB, WITA, atau WIT.",
    en: "The time zone must be WIB, WITA or WIT.",
    kind: "invalid_input",
  },
  nik_invalid_format: {
    id: "NIK harus terdiri dari 16 angka.",
    en: "The NIK must be 16 digits.",
    kind: "invalid_input",
  },
  nik_invalid_birth_day: {
    id: "Tanggal lahir dalam NIK tidak sah.",
    en: "The day of birth encoded in the NIK is not valid.",
    kind: "invalid_input",
  },
  nik_invalid_birth_month: {
    id: "Bulan lahir dalam NIK tidak sah.",
    en: "The month of birth encoded in the NIK is not valid.",
    kind: "invalid_input",
  },
  nik_invalid_sequence: {
    id: "Nomor urut dalam NIK tidak boleh 0000.",
    en: "The sequence number in the NIK cannot be 0000.",
    kind: "invalid_input",
  },
  nik_birth_date_mismatch: {
    id: "Tanggal lahir tidak sesuai dengan NIK.",
    en: "The date of birth does not match the NIK.",
    kind: "invalid_input",
  },
  nik_gender_mismatch: {
    id: "Jenis kelamin tidak sesuai dengan NIK.",
    en: "The gender does not match the NIK.",
    kind: "invalid_input",
  },
  phone_invalid: {
    id: "Nomor telepon tidak sah. Contoh: 0812 3456 7890.",
    en: "The phone number is not valid. Example: 0812 3456 7890.",
    kind: "invalid_input",
  },
  nomor_induk_koperasi_invalid: {
    id: "Nomor Induk Koperasi harus terdiri dari 12 sampai 16 angka.",
    en: "The cooperative registration number (Nomor Induk Koperasi) must be 12 to 16 digits.",
    kind: "invalid_input",
  },
  nomor_badan_hukum_invalid: {
    id: "Nomor badan hukum tidak sah. Contoh: AHU-0001234.AH.01.26.TAHUN 2023 atau 123/BH/XII/2010.",
    en: "The legal entity number is not valid. Example: AHU-0001234.AH.01.26.TAHUN 2023 or 123/BH/XII/2010.",
    kind: "invalid_input",
  },
  nib_invalid: {
    id: "NIB harus terdiri dari 13 angka.",
    en: "The business identification number (NIB) must be 13 digits.",
    kind: "invalid_input",
  },
  slug_invalid: {
    id: "Alamat singkat hanya boleh berisi huruf kecil, angka, dan tanda hubung (maksimal 48 karakter).",
    en: "The short address may contain only lower-case letters, digits and hyphens (at most 48 characters).",
    kind: "invalid_input",
  },
  amount_not_positive: {
    id: "Jumlah uang harus lebih dari nol.",
    en: "The amount must be greater than zero.",
    kind: "invalid_input",
  },
  journal_too_few_lines: {
    id: "Jurnal harus memiliki paling sedikit dua baris.",
    en: "A journal entry needs at least two lines.",
    kind: "invalid_input",
  },
  journal_too_many_lines: {
    id: "Jurnal paling banyak memiliki 200 baris.",
    en: "A journal entry has at most 200 lines.",
    kind: "invalid_input",
  },
  journal_line_one_side: {
    id: "Setiap baris jurnal diisi tepat satu: debit atau kredit.",
    en: "Each journal line has exactly one of debit or credit.",
    kind: "invalid_input",
  },
  journal_unbalanced: {
    id: "Jumlah debit harus sama dengan jumlah kredit.",
    en: "Total debits must equal total credits.",
    kind: "invalid_input",
  },
  account_code_invalid: {
    id: "Kode akun tidak sah. Contoh: 1-1100 (angka, tanda hubung, atau titik; maksimal 20 karakter).",
    en: "The account code is not valid. Example: 1-1100 (digits, hyphens or dots; at most 20 characters).",
    kind: "invalid_input",
  },
  account_code_type_mismatch: {
    id: "Angka pertama kode akun harus sesuai jenisnya: 1 aset, 2 liabilitas, 3 ekuitas, 4 pendapatan, 5 beban.",
    en: "The first digit of the account code must match its type: 1 assets, 2 liabilities, 3 equity, 4 income, 5 expenses.",
    kind: "invalid_input",
  },
  voucher_prefix_invalid: {
    id: "Awalan nomor bukti tidak sah.",
    en: "The voucher number prefix is not valid.",
    kind: "invalid_input",
  },
  percent_invalid: {
    id: "Persentase harus angka desimal tidak negatif dengan paling banyak 6 angka di belakang koma, contoh 1.5.",
    en: "The percentage must be a non-negative decimal with at most 6 decimal places, e.g. 1.5.",
    kind: "invalid_input",
  },
  loan_method_invalid: {
    id: "Metode bunga harus flat, menurun (equal_principal), atau anuitas (annuity).",
    en: "The interest method must be flat, equal_principal or annuity.",
    kind: "invalid_input",
  },
  loan_principal_invalid: {
    id: "Pokok pinjaman harus lebih dari Rp0.",
    en: "The loan principal must be more than Rp0.",
    kind: "invalid_input",
  },
  loan_tenor_invalid: {
    id: "Jangka waktu pinjaman harus bilangan bulat minimal 1 angsuran.",
    en: "The loan term must be a whole number of at least 1 installment.",
    kind: "invalid_input",
  },
  loan_principal_too_small: {
    id: "Pokok pinjaman terlalu kecil untuk jangka waktu dan bunga ini: pembulatan angsuran ke Rupiah akan melunasi pokok sebelum angsuran terakhir. Perbesar pokok atau perpendek jangka waktu.",
    en: "The principal is too small for this term and rate: rounding the installments to the Rupiah would repay it before the last installment. Raise the principal or shorten the term.",
    kind: "invalid_input",
  },
  loan_rounding_too_coarse: {
    id: "Pembulatan angsuran terlalu besar untuk pinjaman ini: pokok akan lunas sebelum angsuran terakhir. Pilih pembulatan lebih kecil atau jangka waktu lebih pendek.",
    en: "The installment rounding is too coarse for this loan: the principal would be repaid before the last installment. Choose a smaller rounding or a shorter term.",
    kind: "invalid_input",
  },
  loan_charges_exceed_principal: {
    id: "Biaya pencairan (dipotong maupun dibayar tunai) tidak boleh sama dengan atau melebihi pokok pinjaman.",
    en: "The disbursement charges (deducted or paid in cash) may not equal or exceed the principal.",
    kind: "invalid_input",
  },
  loan_penalty_invalid: {
    id: "Aturan denda tidak sah: tarif, masa tenggang, hari keterlambatan dan batas denda tidak boleh negatif, dan hari harus bilangan bulat.",
    en: "Invalid late-penalty rule: the rate, grace days, days late and cap may not be negative, and days must be whole numbers.",
    kind: "invalid_input",
  },
  loan_repays_less_than_received: {
    id: "Angsuran pinjaman berjumlah kurang dari yang diterima anggota; suku bunga efektif tidak dapat dihitung.",
    en: "The installments add up to less than the member receives; no effective rate can be computed.",
    kind: "invalid_input",
  },
  savings_terms_invalid: {
    id: "Ketentuan simpanan tidak sah: suku bunga, saldo minimum, jangka waktu dan batas hari tidak boleh negatif, dan jangka waktu harus bilangan bulat.",
    en: "Invalid savings terms: the rate, minimum balance, term and day limits may not be negative, and the term must be a whole number.",
    kind: "invalid_input",
  },
  savings_balances_invalid: {
    id: "Riwayat saldo simpanan tidak sah: tanggal harus urut dan saldo harus bilangan bulat Rupiah.",
    en: "Invalid savings balance history: dates must be in order and balances whole Rupiah.",
    kind: "invalid_input",
  },
  wajib_billing_invalid: {
    id: "Tagihan simpanan wajib tidak sah: periode harus urut tanpa ganda, jumlah tidak negatif, dan yang dibayar tidak melebihi tagihan.",
    en: "Invalid mandatory-savings billing: periods must be in order without duplicates, amounts non-negative, and no period paid beyond its bill.",
    kind: "invalid_input",
  },
  forbidden: {
    id: "Anda tidak memiliki izin untuk tindakan ini.",
    en: "You are not allowed to do this.",
    kind: "forbidden",
  },
};

export type DomainErrorDetails = Readonly<Record<string, string | number | boolean>>;

export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: DomainErrorCode;
  readonly kind: DomainErrorKind;
  /** Indonesian message, the default shown to users. */
  readonly messageId: string;
  readonly messageEn: string;
  /** Structured context for logs and problem+json; never a NIK, phone or secret. */
  readonly details: DomainErrorDetails | undefined;

  constructor(code: DomainErrorCode, details?: DomainErrorDetails) {
    const entry = DOMAIN_ERRORS[code];
    // `message` is English so stack traces and logs read the same everywhere.
    super(entry.en);
    this.code = code;
    this.kind = entry.kind;
    this.messageId = entry.id;
    this.messageEn = entry.en;
    this.details = details;
  }

  messageFor(language: "id" | "en"): string {
    return language === "en" ? this.messageEn : this.messageId;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
