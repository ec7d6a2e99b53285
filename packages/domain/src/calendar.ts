import { DomainError } from "./errors";
import { parseBusinessDate, type BusinessDate } from "./time";

// Calendar arithmetic on business dates (`YYYY-MM-DD`, no time of day): the
// day after, days between two dates, a month later. Done on UTC midnights so
// no zone or daylight saving shift can move a date.

const MS_PER_DAY = 86_400_000;

/** A calendar month, `YYYY-MM`: what wajib is billed for and interest is posted for. */
export type BusinessMonth = string;

function toUtc(date: BusinessDate): number {
  const { year, month, day } = parseBusinessDate(date);
  return Date.UTC(year, month - 1, day);
}

function fromUtc(time: number): BusinessDate {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new DomainError("date_invalid");
  return `${String(year).padStart(4, "0")}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
}

/** Whole days from `from` to `to`: 0 on the same day, negative when `to` is earlier. */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / MS_PER_DAY);
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  if (!Number.isSafeInteger(days)) throw new DomainError("date_invalid");
  return fromUtc(toUtc(date) + days * MS_PER_DAY);
}

/**
 * The same day `months` months later; a day the month lacks becomes its last
 * day (31 January + 1 month = 28 or 29 February), as a term deposit's
 * maturity is counted.
 */
export function addMonths(date: BusinessDate, months: number): BusinessDate {
  if (!Number.isSafeInteger(months)) throw new DomainError("date_invalid");
  const { year, month, day } = parseBusinessDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return fromUtc(Date.UTC(targetYear, targetMonth - 1, Math.min(day, lastDay)));
}

export function monthOf(date: BusinessDate): BusinessMonth {
  parseBusinessDate(date);
  return date.slice(0, 7);
}

/** Parses a strict `YYYY-MM`. Throws `date_invalid`. */
export function parseBusinessMonth(value: BusinessMonth): { readonly year: number; readonly month: number } {
  const match = typeof value === "string" ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  if (!match) throw new DomainError("date_invalid");
  const { year, month } = parseBusinessDate(`${match[1]}-${match[2]}-01`);
  return { year, month };
}

export function firstDayOfMonth(month: BusinessMonth): BusinessDate {
  parseBusinessMonth(month);
  return `${month}-01`;
}

export function lastDayOfMonth(month: BusinessMonth): BusinessDate {
  const { year, month: m } = parseBusinessMonth(month);
  return fromUtc(Date.UTC(year, m, 0));
}

export function isLastDayOfMonth(date: BusinessDate): boolean {
  return lastDayOfMonth(monthOf(date)) === date;
}

export function addMonthsToMonth(month: BusinessMonth, months: number): BusinessMonth {
  return monthOf(addMonths(firstDayOfMonth(month), months));
}

/** Every date from `from` to `to`, both included; empty when `to` is earlier. */
export function datesFromTo(from: BusinessDate, to: BusinessDate): BusinessDate[] {
  const count = daysBetween(from, to) + 1;
  const dates: BusinessDate[] = [];
  for (let offset = 0; offset < count; offset += 1) dates.push(addDays(from, offset));
  return dates;
}
