import { describe, expect, it } from "vitest";
import { formatRupiah, rupiah } from "@koperasi/domain";
import { formatBytes, formatDate, formatDateTime, formatMoney, formatMonth, todayIn } from "./format";

describe("format", () => {
  it("shows instants in the cooperative's zone", () => {
    expect(formatDateTime("2025-03-05T07:30:00Z", "Asia/Jakarta", "id")).toBe("5 Maret 2025 14.30 WIB");
    expect(formatDateTime("2025-03-05T07:30:00Z", "Asia/Jayapura", "id")).toBe("5 Maret 2025 16.30 WIT");
    expect(formatDateTime("2025-03-05T07:30:00Z", "Asia/Makassar", "en")).toBe("5 Mar 2025, 15:30 WITA");
    expect(formatDateTime("bukan tanggal", "Asia/Jakarta", "id")).toBe("bukan tanggal");
  });
  it("shows calendar dates without shifting them", () => {
    expect(formatDate("2024-02-29", "id")).toBe("29 Februari 2024");
    expect(formatDate("2024-02-29", "en")).toBe("29 Feb 2024");
    // 00.30 WIB on 1 January is still 31 December in UTC
    expect(formatDate("2024-12-31T17:30:00Z", "id", "Asia/Jakarta")).toBe("1 Januari 2025");
  });
  it("shows sizes", () => {
    expect(formatBytes(45, "id")).toBe("45 B");
    expect(formatBytes(1536, "id")).toBe("1,5 KB");
    expect(formatBytes(1536, "en")).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024, "id")).toBe("5 MB");
  });
  it("Rupiah goes through the domain's formatter", () => {
    expect(formatRupiah(rupiah(1_250_000))).toBe("Rp1.250.000");
    expect(formatMoney(1_250_000)).toBe("Rp1.250.000");
    expect(formatMoney(0)).toBe("Rp0");
    expect(formatMoney(-5_000)).toBe("-Rp5.000");
    expect(() => formatMoney(1.5)).toThrow();
  });
  it("today is the cooperative's date, not UTC's", () => {
    // 23.30 UTC on 31 December is 06.30 WIB on 1 January
    expect(todayIn("Asia/Jakarta", new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
    expect(todayIn("bukan/zona", new Date("2025-12-31T16:59:00Z"))).toBe("2025-12-31");
  });

  it("names a month in the app's language, whatever the browser's", () => {
    expect(formatMonth("2024-05", "id")).toBe("Mei 2024");
    expect(formatMonth("2025-08", "id")).toBe("Agu 2025");
    expect(formatMonth("2024-05", "en")).toBe("May 2024");
    expect(formatMonth("bukan", "id")).toBe("bukan");
  });
});
