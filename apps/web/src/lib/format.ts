import { TIME_ZONE_LABELS, businessDateOf, formatRupiah, formatTanggal, formatTanggalJam, isBusinessDate, isTimeZone, rupiah } from "@koperasi/domain";
import type { Language } from "../i18n";

// Dates and sizes as people read them: Indonesian through the domain's
// formatters (the same ones receipts and reports use), English through Intl.

const DEFAULT_ZONE = "Asia/Jakarta";

/** An instant (ISO string) in the cooperative's zone: "5 Maret 2025 14.30 WIB". */
export function formatDateTime(iso: string, timeZone: string, language: Language): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const zone = isTimeZone(timeZone) ? timeZone : DEFAULT_ZONE;
  if (language === "id") return formatTanggalJam(instant, zone);
  const text = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(instant);
  return `${text} ${TIME_ZONE_LABELS[zone]}`;
}

/** A calendar date `YYYY-MM-DD` (or an ISO instant, read in the zone): "5 Maret 2025". */
export function formatDate(value: string, language: Language, timeZone: string = DEFAULT_ZONE): string {
  const zone = isTimeZone(timeZone) ? timeZone : DEFAULT_ZONE;
  if (isBusinessDate(value)) {
    if (language === "id") return formatTanggal(value);
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  if (language === "id") return formatTanggal(instant, zone);
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: zone }).format(instant);
}

/** 1536 → "1,5 MB" (id) / "1.5 MB" (en). */
export function formatBytes(bytes: number, language: Language): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const text = new Intl.NumberFormat(language === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: digits }).format(value);
  return `${text} ${units[unit]}`;
}

/** Whole Rupiah as Indonesians write it in either language: 1250000 → "Rp1.250.000", -5000 → "-Rp5.000". */
export function formatMoney(amount: number): string {
  return formatRupiah(rupiah(amount));
}

/** Today's business date (`YYYY-MM-DD`) in the cooperative's zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return businessDateOf(now, isTimeZone(timeZone) ? timeZone : DEFAULT_ZONE);
}

/** A month `YYYY-MM`, short: "Mei 2026" (id), "May 2026" (en), whatever the browser's locale. */
export function formatMonth(month: string, language: Language): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(language === "id" ? "id-ID" : "en-GB", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}
