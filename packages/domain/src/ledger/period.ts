import { DomainError } from "../errors";
import { daysInMonth, parseBusinessDate, type BusinessDate } from "../time";

// Books close by calendar month. A closed month refuses postings dated in it;
// an entry that belongs there is posted in an open month with a note.

/** The first day of the business date's month, the key of a closed period (`2026-03-01`). */
export function periodStartOf(businessDate: BusinessDate): BusinessDate {
  const { year, month } = parseBusinessDate(businessDate);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
}

/** `YYYY-MM`, as a period is shown and chosen. */
export function periodLabelOf(businessDate: BusinessDate): string {
  return periodStartOf(businessDate).slice(0, 7);
}

/** The last day of the business date's month (`2026-02-28`). */
export function periodEndOf(businessDate: BusinessDate): BusinessDate {
  const { year, month } = parseBusinessDate(businessDate);
  return `${periodLabelOf(businessDate)}-${String(daysInMonth(year, month)).padStart(2, "0")}`;
}

/** A period label `YYYY-MM` as the first day of its month; throws `date_invalid` for anything else. */
export function periodStartFromLabel(label: string): BusinessDate {
  if (!/^\d{4}-\d{2}$/.test(label)) throw new DomainError("date_invalid", { field: "period" });
  return periodStartOf(`${label}-01`);
}

/** The twelve months of a book year (calendar year, SAK EP), as first days. */
export function periodsOfYear(year: number): BusinessDate[] {
  return Array.from({ length: 12 }, (_, i) => periodStartOf(`${String(year).padStart(4, "0")}-${String(i + 1).padStart(2, "0")}-01`));
}

/** The last day of a book year: the date of its closing entry. */
export function lastDayOfYear(year: number): BusinessDate {
  return periodEndOf(`${String(year).padStart(4, "0")}-12-01`);
}
