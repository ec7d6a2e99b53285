import { DomainError } from "../errors";
import { parseBusinessDate, type BusinessDate } from "../time";

// Nomor bukti: every posted entry gets `PREFIX/YEAR/NNNNNN`, e.g.
// `JU/2026/000123`. The prefix names the kind of source document, the year is
// the book year of the entry's business date, and the running number is
// gap-free per cooperative, prefix and year (an auditor checks that no voucher
// is missing), drawn in the posting transaction.

/** The command that made an entry. Savings, loans and jobs add theirs here. */
export type JournalSource =
  | "manual"
  | "reversal"
  | "transfer"
  | "opening_balance"
  | "year_end_close"
  | "deposit"
  | "withdrawal"
  | "savings_interest"
  | "wajib_auto_debit"
  | "loan_disbursement"
  | "loan_repayment"
  | "shu_distribution";
export const JOURNAL_SOURCES: readonly JournalSource[] = [
  "manual",
  "reversal",
  "transfer",
  "opening_balance",
  "year_end_close",
  "deposit",
  "withdrawal",
  "savings_interest",
  "wajib_auto_debit",
  "loan_disbursement",
  "loan_repayment",
  "shu_distribution",
];

export const VOUCHER_PREFIXES: Readonly<Record<JournalSource, string>> = {
  manual: "JU", // jurnal umum
  reversal: "JK", // jurnal koreksi (a reversing entry)
  transfer: "TRF", // pemindahbukuan antarrekening anggota
  opening_balance: "SA", // saldo awal, when a cooperative moves its books here
  year_end_close: "TB", // tutup buku: the closing entry of a book year
  deposit: "BKM", // bukti kas masuk: a member pays savings in at the counter
  withdrawal: "BKK", // bukti kas keluar: a member takes savings out in cash
  savings_interest: "JSS", // jasa simpanan: month-end interest and the tax withheld from it
  wajib_auto_debit: "ADW", // autodebet wajib: wajib arrears paid from the member's sukarela
  loan_disbursement: "PCR", // pencairan pinjaman: a loan paid out, its charges taken
  loan_repayment: "ANG", // angsuran pinjaman: a repayment or the payoff of a loan
  shu_distribution: "SHU", // pembagian SHU: the approved split out of SHU tahun berjalan
};

export const JOURNAL_SOURCE_LABELS: Readonly<Record<JournalSource, { readonly id: string; readonly en: string }>> = {
  manual: { id: "Jurnal umum", en: "Manual journal" },
  reversal: { id: "Jurnal koreksi", en: "Reversing entry" },
  transfer: { id: "Pemindahbukuan", en: "Transfer" },
  opening_balance: { id: "Saldo awal", en: "Opening balance" },
  year_end_close: { id: "Tutup buku", en: "Year-end close" },
  deposit: { id: "Setoran tunai", en: "Cash deposit" },
  withdrawal: { id: "Penarikan tunai", en: "Cash withdrawal" },
  savings_interest: { id: "Jasa simpanan", en: "Savings interest" },
  wajib_auto_debit: { id: "Autodebet simpanan wajib", en: "Wajib auto-debit" },
  loan_disbursement: { id: "Pencairan pinjaman", en: "Loan disbursement" },
  loan_repayment: { id: "Angsuran pinjaman", en: "Loan repayment" },
  shu_distribution: { id: "Pembagian SHU", en: "SHU distribution" },
};

export const VOUCHER_DIGITS = 6;
const PREFIX = /^[A-Z]{2,5}$/;
const VOUCHER = /^([A-Z]{2,5})\/(\d{4})\/(\d{6,})$/;

export function isJournalSource(value: unknown): value is JournalSource {
  return typeof value === "string" && (JOURNAL_SOURCES as readonly string[]).includes(value);
}

export function voucherPrefixOf(source: JournalSource): string {
  return VOUCHER_PREFIXES[source];
}

/** The book year a voucher counts in: the year of its business date. */
export function voucherYearOf(businessDate: BusinessDate): number {
  return parseBusinessDate(businessDate).year;
}

/** The counter's name in the cooperative's sequence table, e.g. `voucher/JU/2026`. */
export function voucherSequenceId(prefix: string, year: number): string {
  assertPrefix(prefix);
  return `voucher/${prefix}/${year}`;
}

export function formatVoucherNumber(prefix: string, year: number, sequence: number | bigint): string {
  assertPrefix(prefix);
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new DomainError("date_invalid");
  const n = BigInt(sequence);
  if (n < 1n) throw new RangeError(`voucher sequence starts at 1, got ${n}`);
  // More than 999.999 entries in a year simply widen the number.
  return `${prefix}/${year}/${n.toString().padStart(VOUCHER_DIGITS, "0")}`;
}

export function parseVoucherNumber(voucherNo: string): { prefix: string; year: number; sequence: number } | null {
  const match = VOUCHER.exec(voucherNo);
  if (!match) return null;
  return { prefix: match[1] ?? "", year: Number(match[2]), sequence: Number(match[3]) };
}

function assertPrefix(prefix: string): void {
  if (!PREFIX.test(prefix)) throw new DomainError("voucher_prefix_invalid", { prefix });
}
