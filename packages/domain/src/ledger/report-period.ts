import { DomainError } from "../errors";
import { NAMA_BULAN } from "../format";
import { daysInMonth, type BusinessDate } from "../time";

// The period a financial statement covers: a month (`2026-11`), a quarter
// (`2026-Q4`) or a book year (`2026`, the calendar year under SAK EP). The
// statements set it beside the period of the same length just before it.

export type ReportPeriodKind = "month" | "quarter" | "year";

export interface ReportPeriod {
  readonly kind: ReportPeriodKind;
  /** As chosen and shown: `2026-11`, `2026-Q4`, `2026`. */
  readonly label: string;
  readonly from: BusinessDate;
  /** The as-at date: the last day of the period. */
  readonly to: BusinessDate;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function monthsSpan(kind: ReportPeriodKind, year: number, firstMonth: number): ReportPeriod {
  const span = kind === "month" ? 1 : kind === "quarter" ? 3 : 12;
  const lastMonth = firstMonth + span - 1;
  const label = kind === "month" ? `${pad(year, 4)}-${pad(firstMonth)}` : kind === "quarter" ? `${pad(year, 4)}-Q${(firstMonth + 2) / 3}` : pad(year, 4);
  return {
    kind,
    label,
    from: `${pad(year, 4)}-${pad(firstMonth)}-01`,
    to: `${pad(year, 4)}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
  };
}

/** Reads `YYYY-MM`, `YYYY-Qn` or `YYYY`; throws `date_invalid` (field `period`) for anything else. */
export function parseReportPeriod(text: string): ReportPeriod {
  const match = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$/.exec(typeof text === "string" ? text.trim().toUpperCase() : "");
  const year = match ? Number(match[1]) : 0;
  if (!match || year < 1900) throw new DomainError("date_invalid", { field: "period" });
  if (match[2] !== undefined) return monthsSpan("month", year, Number(match[2]));
  if (match[3] !== undefined) return monthsSpan("quarter", year, (Number(match[3]) - 1) * 3 + 1);
  return monthsSpan("year", year, 1);
}

/** The period of the same kind just before: November's October, Q1's previous Q4, a year's previous year. */
export function priorReportPeriod(period: ReportPeriod): ReportPeriod {
  const year = Number(period.from.slice(0, 4));
  const month = Number(period.from.slice(5, 7));
  const span = period.kind === "month" ? 1 : period.kind === "quarter" ? 3 : 12;
  const first = month - span;
  return first >= 1 ? monthsSpan(period.kind, year, first) : monthsSpan(period.kind, year - 1, first + 12);
}

const ROMAN_QUARTERS = ["I", "II", "III", "IV"] as const;

/** How a statement names its period: "November 2026", "Triwulan IV 2026", "Tahun 2026". */
export function reportPeriodName(period: ReportPeriod): string {
  const year = period.from.slice(0, 4);
  const month = Number(period.from.slice(5, 7));
  if (period.kind === "year") return `Tahun ${year}`;
  if (period.kind === "quarter") return `Triwulan ${ROMAN_QUARTERS[(month - 1) / 3] ?? ""} ${year}`;
  return `${NAMA_BULAN[month - 1] ?? ""} ${year}`;
}
