import { DomainError } from "./errors";

// Indonesia has three zones and no daylight saving time (none since 1964), so
// a fixed UTC offset is exact and the arithmetic below is deterministic in
// every runtime, unlike Intl, whose output varies with the ICU data shipped.
export type TimeZone = "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";
export type TimeZoneLabel = "WIB" | "WITA" | "WIT";

export const TIME_ZONES: readonly TimeZone[] = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"];

export const TIME_ZONE_LABELS: Readonly<Record<TimeZone, TimeZoneLabel>> = {
  "Asia/Jakarta": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

export const TIME_ZONE_NAMES: Readonly<Record<TimeZone, { readonly id: string; readonly en: string }>> = {
  "Asia/Jakarta": { id: "Waktu Indonesia Barat (WIB)", en: "Western Indonesia Time (WIB, UTC+7)" },
  "Asia/Makassar": { id: "Waktu Indonesia Tengah (WITA)", en: "Central Indonesia Time (WITA, UTC+8)" },
  "Asia/Jayapura": { id: "Waktu Indonesia Timur (WIT)", en: "Eastern Indonesia Time (WIT, UTC+9)" },
};

export const TIME_ZONE_UTC_OFFSET_MINUTES: Readonly<Record<TimeZone, number>> = {
  "Asia/Jakarta": 7 * 60,
  "Asia/Makassar": 8 * 60,
  "Asia/Jayapura": 9 * 60,
};

export const DEFAULT_TIME_ZONE: TimeZone = "Asia/Jakarta";

export function isTimeZone(value: unknown): value is TimeZone {
  return typeof value === "string" && (TIME_ZONES as readonly string[]).includes(value);
}

/** A cooperative's stored zone, or Jakarta's when it holds none we know. */
export function timeZoneOr(value: unknown): TimeZone {
  return isTimeZone(value) ? value : DEFAULT_TIME_ZONE;
}

/** Wall-clock fields of an instant in a cooperative's zone. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

export function toLocalDateTime(instant: Date, timeZone: TimeZone): LocalDateTime {
  const time = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new DomainError("date_invalid");
  if (!isTimeZone(timeZone)) throw new DomainError("time_zone_invalid");
  const shifted = new Date(time + TIME_ZONE_UTC_OFFSET_MINUTES[timeZone] * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/**
 * A business date is a calendar day in the cooperative's zone, written
 * `YYYY-MM-DD` like a PostgreSQL `date`. It is what month-end and interest
 * jobs run on, and it can differ from the UTC date (00.30 WIB is still
 * yesterday in UTC).
 */
export type BusinessDate = string;

export function businessDateOf(instant: Date, timeZone: TimeZone): BusinessDate {
  const local = toLocalDateTime(instant, timeZone);
  return `${String(local.year).padStart(4, "0")}-${pad2(local.month)}-${pad2(local.day)}`;
}

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Parses a strict `YYYY-MM-DD` calendar date. Throws `date_invalid`. */
export function parseBusinessDate(value: string): CalendarDate {
  const match = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) throw new DomainError("date_invalid");
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isValidCalendarDate(date.year, date.month, date.day)) throw new DomainError("date_invalid");
  return date;
}

export function isBusinessDate(value: unknown): value is BusinessDate {
  if (typeof value !== "string") return false;
  try {
    parseBusinessDate(value);
    return true;
  } catch {
    return false;
  }
}

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}
