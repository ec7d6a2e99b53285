import { DomainError } from "./errors";
import { rupiah, type Rupiah } from "./money";
import {
  TIME_ZONE_LABELS,
  parseBusinessDate,
  toLocalDateTime,
  isValidCalendarDate,
  type BusinessDate,
  type CalendarDate,
  type TimeZone,
} from "./time";

// Formatting is plain arithmetic rather than Intl: Intl's output for "id-ID"
// depends on the ICU data of each browser and Node build (some insert a
// non-breaking space after "Rp", some lack the locale), and receipts must
// read the same on a server, a low-end Android phone and in a test.

/** Digits grouped by dots, PUEBI style: 1250000 → "1.250.000". */
export function formatInteger(value: number | bigint): string {
  if (typeof value === "number" && !Number.isSafeInteger(value)) throw new DomainError("amount_not_integer");
  const big = BigInt(value);
  const negative = big < 0n;
  const digits = (negative ? -big : big).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return negative ? `-${grouped}` : grouped;
}

/** "Rp1.250.000"; negative "-Rp1.250.000" (PUEBI: no space after Rp). */
export function formatRupiah(amount: Rupiah): string {
  const checked = rupiah(amount);
  const body = `Rp${formatInteger(Math.abs(checked))}`;
  return checked < 0 ? `-${body}` : body;
}

/**
 * Reads what people type in an amount field: "1250000", "1.250.000",
 * "Rp1.250.000", "Rp 1.250.000,-", "Rp1.250.000,00", "-Rp5.000".
 * Refuses anything with a non-zero fraction or ambiguous grouping ("1.25").
 */
export function parseRupiah(text: string): Rupiah {
  const match =
    typeof text === "string"
      ? /^(-)?\s*(?:rp\.?|idr)?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(?:-|0{1,2}))?$/i.exec(text.trim())
      : null;
  const digits = match?.[2];
  if (!match || digits === undefined) throw new DomainError("amount_invalid");
  const value = BigInt(digits.replaceAll(".", ""));
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new DomainError("amount_unsafe");
  return rupiah(match[1] ? -Number(value) : Number(value));
}

/**
 * A rate in basis points as Indonesians write it: 50 → "0,5%", 150 → "1,5%",
 * 100 → "1%", 2643 → "26,43%".
 */
export function formatPersen(basisPoints: number): string {
  if (!Number.isSafeInteger(basisPoints)) throw new DomainError("rate_invalid");
  const negative = basisPoints < 0;
  const magnitude = Math.abs(basisPoints);
  const whole = Math.floor(magnitude / 100);
  const fraction = String(magnitude % 100).padStart(2, "0").replace(/0+$/, "");
  const body = `${formatInteger(whole)}${fraction ? `,${fraction}` : ""}%`;
  return negative ? `-${body}` : body;
}

const ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"] as const;
// 10^15 is "kuadriliun"; with it every safe integer (< 9,007 kuadriliun) has words.
const SCALES = ["", "ribu", "juta", "miliar", "triliun", "kuadriliun"] as const;

function wordsBelowThousand(value: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(value / 100);
  const rest = value % 100;
  if (hundreds === 1) words.push("seratus");
  else if (hundreds > 1) words.push(ONES[hundreds] ?? "", "ratus");
  if (rest === 10) words.push("sepuluh");
  else if (rest === 11) words.push("sebelas");
  else if (rest > 11 && rest < 20) words.push(ONES[rest - 10] ?? "", "belas");
  else {
    const tens = Math.floor(rest / 10);
    const ones = rest % 10;
    if (tens > 0) words.push(ONES[tens] ?? "", "puluh");
    if (ones > 0) words.push(ONES[ones] ?? "");
  }
  return words;
}

/**
 * An integer in Indonesian words, lower case: 1250000 → "satu juta dua ratus
 * lima puluh ribu". Formal usage: "seratus", "seribu" (only for the thousands
 * group, so 1.000.000 is "satu juta"), "sebelas", "nol", "minus".
 */
export function terbilangAngka(value: number): string {
  if (!Number.isSafeInteger(value)) throw new DomainError("amount_not_integer");
  if (value === 0) return "nol";
  const words: string[] = [];
  let remaining = Math.abs(value);
  for (let scale = 0; remaining > 0; scale += 1) {
    const group = remaining % 1000;
    remaining = Math.floor(remaining / 1000);
    if (group === 0) continue;
    const groupWords = scale === 1 && group === 1 ? ["seribu"] : [...wordsBelowThousand(group), SCALES[scale] ?? ""];
    words.unshift(...groupWords.filter((word) => word !== ""));
  }
  if (value < 0) words.unshift("minus");
  return words.join(" ");
}

/** The amount in words for receipts: "satu juta dua ratus lima puluh ribu rupiah". */
export function terbilang(amount: Rupiah): string {
  return `${terbilangAngka(rupiah(amount))} rupiah`;
}

export const NAMA_BULAN = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
] as const;

/**
 * "27 November 2026". A business date (`YYYY-MM-DD` or its parts) is printed
 * as is; an instant needs the cooperative's zone to know which day it is.
 */
export function formatTanggal(date: BusinessDate | CalendarDate): string;
export function formatTanggal(instant: Date, timeZone: TimeZone): string;
export function formatTanggal(date: BusinessDate | CalendarDate | Date, timeZone?: TimeZone): string {
  const parts = calendarDateOf(date, timeZone);
  return `${parts.day} ${NAMA_BULAN[parts.month - 1] ?? ""} ${parts.year}`;
}

/** "14.30 WIB": Indonesian writes a dot between hours and minutes. */
export function formatJam(instant: Date, timeZone: TimeZone): string {
  const local = toLocalDateTime(instant, timeZone);
  return `${pad2(local.hour)}.${pad2(local.minute)} ${TIME_ZONE_LABELS[timeZone]}`;
}

/** "27 November 2026 14.30 WIB". */
export function formatTanggalJam(instant: Date, timeZone: TimeZone): string {
  return `${formatTanggal(instant, timeZone)} ${formatJam(instant, timeZone)}`;
}

function calendarDateOf(date: BusinessDate | CalendarDate | Date, timeZone: TimeZone | undefined): CalendarDate {
  if (date instanceof Date) {
    if (timeZone === undefined) throw new DomainError("time_zone_invalid");
    return toLocalDateTime(date, timeZone);
  }
  if (typeof date === "string") return parseBusinessDate(date);
  if (date && isValidCalendarDate(date.year, date.month, date.day)) return date;
  throw new DomainError("date_invalid");
}

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

/** An amount in a financial statement: "Rp1.250.000", a negative in parentheses "(Rp1.250.000)". */
export function formatRupiahLaporan(amount: Rupiah): string {
  const checked = rupiah(amount);
  const body = `Rp${formatInteger(Math.abs(checked))}`;
  return checked < 0 ? `(${body})` : body;
}
