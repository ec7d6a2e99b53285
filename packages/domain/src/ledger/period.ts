import { parseBusinessDate, type BusinessDate } from "../time";

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
