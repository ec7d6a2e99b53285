import { describe, expect, it } from "vitest";
import {
  NAMA_BULAN,
  formatInteger,
  formatJam,
  formatPersen,
  formatRupiah,
  formatTanggal,
  formatTanggalJam,
  parseRupiah,
  terbilang,
  terbilangAngka,
} from "./format";
import { rupiah, type Rupiah } from "./money";
import type { TimeZone } from "./time";
import { expectDomainError } from "./test-support";

describe("formatRupiah", () => {
  it.each([
    [0, "Rp0"],
    [5, "Rp5"],
    [999, "Rp999"],
    [1_000, "Rp1.000"],
    [12_346, "Rp12.346"],
    [1_250_000, "Rp1.250.000"],
    [10_000_000, "Rp10.000.000"],
    [1_234_567_890, "Rp1.234.567.890"],
    [Number.MAX_SAFE_INTEGER, "Rp9.007.199.254.740.991"],
    [-1_250_000, "-Rp1.250.000"],
    [-1, "-Rp1"],
  ])("%d → %s", (amount, expected) => {
    expect(formatRupiah(rupiah(amount))).toBe(expected);
  });

  it("refuses an unchecked fraction", () => {
    expectDomainError(() => formatRupiah(1.5 as Rupiah), "amount_not_integer");
  });
});

describe("formatInteger", () => {
  it("groups by dots", () => {
    expect(formatInteger(0)).toBe("0");
    expect(formatInteger(83_000)).toBe("83.000");
    expect(formatInteger(-1_000_000)).toBe("-1.000.000");
    expect(formatInteger(12_345_678_901_234_567_890n)).toBe("12.345.678.901.234.567.890");
  });

  it("refuses fractions", () => {
    expectDomainError(() => formatInteger(1.5), "amount_not_integer");
  });
});

describe("parseRupiah", () => {
  it.each([
    ["1250000", 1_250_000],
    ["1.250.000", 1_250_000],
    ["Rp1.250.000", 1_250_000],
    ["Rp 1.250.000", 1_250_000],
    ["rp. 1.250.000", 1_250_000],
    ["IDR 1250000", 1_250_000],
    ["Rp1.250.000,-", 1_250_000],
    ["Rp1.250.000,00", 1_250_000],
    ["  500  ", 500],
    ["0", 0],
    ["-Rp5.000", -5_000],
    ["- 5000", -5_000],
  ])("%s → %d", (text, expected) => {
    expect(parseRupiah(text)).toBe(expected);
  });

  it.each(["", "Rp", "1,5", "1.25", "1.2500", "1,250,000", "12.34.567", "Rp1.250.000,50", "satu", "1e6", "--5", "Rp-5"])(
    "refuses %j",
    (text) => {
      expectDomainError(() => parseRupiah(text), "amount_invalid");
    },
  );

  it("refuses amounts beyond the safe range", () => {
    expectDomainError(() => parseRupiah("9.007.199.254.740.992"), "amount_unsafe");
  });

  it("round-trips with formatRupiah", () => {
    for (const amount of [0, 7, 1_000, 1_250_000, -98_765_432]) {
      expect(parseRupiah(formatRupiah(rupiah(amount)))).toBe(amount);
    }
  });
});

describe("formatPersen", () => {
  it.each([
    [50, "0,5%"],
    [100, "1%"],
    [150, "1,5%"],
    [125, "1,25%"],
    [2_643, "26,43%"],
    [0, "0%"],
    [1, "0,01%"],
    [10_000, "100%"],
    [-50, "-0,5%"],
  ])("%d bp → %s", (basisPoints, expected) => {
    expect(formatPersen(basisPoints)).toBe(expected);
  });

  it("refuses fractional basis points", () => {
    expectDomainError(() => formatPersen(0.5), "rate_invalid");
  });
});

describe("terbilang", () => {
  it.each([
    [0, "nol"],
    [1, "satu"],
    [9, "sembilan"],
    [10, "sepuluh"],
    [11, "sebelas"],
    [12, "dua belas"],
    [19, "sembilan belas"],
    [20, "dua puluh"],
    [21, "dua puluh satu"],
    [99, "sembilan puluh sembilan"],
    [100, "seratus"],
    [101, "seratus satu"],
    [110, "seratus sepuluh"],
    [111, "seratus sebelas"],
    [115, "seratus lima belas"],
    [200, "dua ratus"],
    [999, "sembilan ratus sembilan puluh sembilan"],
    [1_000, "seribu"],
    [1_001, "seribu satu"],
    [1_100, "seribu seratus"],
    [1_111, "seribu seratus sebelas"],
    [2_000, "dua ribu"],
    [10_000, "sepuluh ribu"],
    [11_000, "sebelas ribu"],
    [100_000, "seratus ribu"],
    [101_000, "seratus satu ribu"],
    [111_000, "seratus sebelas ribu"],
    [1_000_000, "satu juta"],
    [1_001_000, "satu juta seribu"],
    [2_000_001, "dua juta satu"],
    [1_250_000, "satu juta dua ratus lima puluh ribu"],
    [10_000_000, "sepuluh juta"],
    [916_800, "sembilan ratus enam belas ribu delapan ratus"],
    [1_000_000_000, "satu miliar"],
    [1_000_001_000, "satu miliar seribu"],
    [5_000_000_000, "lima miliar"],
    [1_000_000_000_000, "satu triliun"],
    [
      999_999_999_999_999,
      "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar " +
        "sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu " +
        "sembilan ratus sembilan puluh sembilan",
    ],
    [1_000_000_000_000_000, "satu kuadriliun"],
    [
      Number.MAX_SAFE_INTEGER,
      "sembilan kuadriliun tujuh triliun seratus sembilan puluh sembilan miliar dua ratus lima puluh empat juta " +
        "tujuh ratus empat puluh ribu sembilan ratus sembilan puluh satu",
    ],
    [-1_250_000, "minus satu juta dua ratus lima puluh ribu"],
  ])("%d → %s", (value, words) => {
    expect(terbilangAngka(value)).toBe(words);
    expect(terbilang(rupiah(value))).toBe(`${words} rupiah`);
  });

  it("gives receipt wording from DOMAIN.md", () => {
    expect(terbilang(rupiah(1_250_000))).toBe("satu juta dua ratus lima puluh ribu rupiah");
    expect(terbilang(rupiah(0))).toBe("nol rupiah");
  });

  it("never leaves double spaces", () => {
    for (const value of [1_000_000_001, 100_000_100, 1_000_010_000, 20_000_000_000_000]) {
      expect(terbilangAngka(value)).not.toMatch(/\s{2}|^\s|\s$/);
    }
  });

  it("refuses fractions and unsafe numbers", () => {
    expectDomainError(() => terbilangAngka(1.5), "amount_not_integer");
    expectDomainError(() => terbilangAngka(2 ** 60), "amount_not_integer");
  });
});

describe("formatTanggal", () => {
  it("formats business dates", () => {
    expect(formatTanggal("2026-11-27")).toBe("27 November 2026");
    expect(formatTanggal("2026-01-05")).toBe("5 Januari 2026");
    expect(formatTanggal("2024-02-29")).toBe("29 Februari 2024");
    expect(formatTanggal({ year: 2025, month: 8, day: 17 })).toBe("17 Agustus 2025");
  });

  it("names every month", () => {
    NAMA_BULAN.forEach((name, index) => {
      const month = String(index + 1).padStart(2, "0");
      expect(formatTanggal(`2026-${month}-01`)).toBe(`1 ${name} 2026`);
    });
  });

  it("places an instant on the cooperative's calendar day", () => {
    const lateEvening = new Date("2026-11-27T16:30:00Z"); // 23.30 WIB, 00.30 WITA, 01.30 WIT
    expect(formatTanggal(lateEvening, "Asia/Jakarta")).toBe("27 November 2026");
    expect(formatTanggal(lateEvening, "Asia/Makassar")).toBe("28 November 2026");
    expect(formatTanggal(lateEvening, "Asia/Jayapura")).toBe("28 November 2026");
    expect(formatTanggal(new Date("2026-12-31T17:00:00Z"), "Asia/Jakarta")).toBe("1 Januari 2027");
  });

  it("refuses invalid dates and an instant without a zone", () => {
    expectDomainError(() => formatTanggal("2026-02-30"), "date_invalid");
    expectDomainError(() => formatTanggal("27-11-2026"), "date_invalid");
    expectDomainError(() => formatTanggal({ year: 2026, month: 13, day: 1 }), "date_invalid");
    expectDomainError(() => formatTanggal(new Date(Number.NaN), "Asia/Jakarta"), "date_invalid");
    // @ts-expect-error an instant without a zone does not type-check…
    expectDomainError(() => formatTanggal(new Date()), "time_zone_invalid"); // …nor run
  });
});

describe("formatJam and formatTanggalJam", () => {
  const instant = new Date("2026-11-27T07:30:00Z");

  it.each([
    ["Asia/Jakarta", "14.30 WIB"],
    ["Asia/Makassar", "15.30 WITA"],
    ["Asia/Jayapura", "16.30 WIT"],
  ] as Array<[TimeZone, string]>)("%s → %s", (zone, expected) => {
    expect(formatJam(instant, zone)).toBe(expected);
  });

  it("pads hours and minutes", () => {
    expect(formatJam(new Date("2026-11-27T02:05:59Z"), "Asia/Jakarta")).toBe("09.05 WIB");
    expect(formatJam(new Date("2026-11-27T17:00:00Z"), "Asia/Jakarta")).toBe("00.00 WIB");
  });

  it("joins date and time", () => {
    expect(formatTanggalJam(instant, "Asia/Jakarta")).toBe("27 November 2026 14.30 WIB");
  });

  it("refuses an unknown zone", () => {
    expectDomainError(() => formatJam(instant, "Asia/Singapore" as TimeZone), "time_zone_invalid");
  });
});
