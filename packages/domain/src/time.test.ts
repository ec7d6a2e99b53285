import { describe, expect, it } from "vitest";
import {
  timeZoneOr,
  TIME_ZONES,
  TIME_ZONE_LABELS,
  TIME_ZONE_NAMES,
  TIME_ZONE_UTC_OFFSET_MINUTES,
  businessDateOf,
  daysInMonth,
  isBusinessDate,
  isLeapYear,
  isTimeZone,
  isValidCalendarDate,
  parseBusinessDate,
  toLocalDateTime,
  type TimeZone,
} from "./time";
import { expectDomainError } from "./test-support";

describe("time zones", () => {
  it("lists Indonesia's three zones with their labels and offsets", () => {
    expect(TIME_ZONES).toEqual(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]);
    expect(TIME_ZONES.map((zone) => TIME_ZONE_LABELS[zone])).toEqual(["WIB", "WITA", "WIT"]);
    expect(TIME_ZONES.map((zone) => TIME_ZONE_UTC_OFFSET_MINUTES[zone])).toEqual([420, 480, 540]);
    for (const zone of TIME_ZONES) expect(TIME_ZONE_NAMES[zone].id).toContain(TIME_ZONE_LABELS[zone]);
  });

  it("recognises only those zones", () => {
    for (const zone of TIME_ZONES) expect(isTimeZone(zone)).toBe(true);
    for (const other of ["Asia/Singapore", "UTC", "WIB", "", null, 7]) expect(isTimeZone(other)).toBe(false);
  });

  it("agrees with the IANA database where the runtime has it", () => {
    // A cross-check of the fixed offsets, not a dependency on Intl.
    const instants = ["2026-01-15T12:00:00Z", "2026-07-15T23:59:00Z", "1999-12-31T16:59:00Z"].map((s) => new Date(s));
    for (const zone of TIME_ZONES) {
      const formatter = new Intl.DateTimeFormat("en-CA", {
        timeZone: zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
      for (const instant of instants) expect(businessDateOf(instant, zone)).toBe(formatter.format(instant));
    }
  });
});

describe("businessDateOf and toLocalDateTime", () => {
  it("takes the calendar day in the cooperative's zone, not UTC", () => {
    const instant = new Date("2026-03-31T16:30:00Z");
    expect(businessDateOf(instant, "Asia/Jakarta")).toBe("2026-03-31");
    expect(businessDateOf(instant, "Asia/Makassar")).toBe("2026-04-01");
    expect(businessDateOf(instant, "Asia/Jayapura")).toBe("2026-04-01");
  });

  it("gives wall-clock fields", () => {
    expect(toLocalDateTime(new Date("2026-11-27T07:30:00Z"), "Asia/Jayapura")).toEqual({
      year: 2026,
      month: 11,
      day: 27,
      hour: 16,
      minute: 30,
    });
  });

  it("refuses invalid instants and zones", () => {
    expectDomainError(() => businessDateOf(new Date("nope"), "Asia/Jakarta"), "date_invalid");
    expectDomainError(() => businessDateOf("2026-01-01" as unknown as Date, "Asia/Jakarta"), "date_invalid");
    expectDomainError(() => businessDateOf(new Date(), "Europe/Paris" as TimeZone), "time_zone_invalid");
  });
});

describe("calendar dates", () => {
  it("knows leap years", () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(daysInMonth(2023, 12)).toBe(31);
  });

  it("validates dates", () => {
    expect(isValidCalendarDate(2024, 2, 29)).toBe(true);
    expect(isValidCalendarDate(2023, 2, 29)).toBe(false);
    expect(isValidCalendarDate(2023, 0, 1)).toBe(false);
    expect(isValidCalendarDate(2023, 1, 0)).toBe(false);
    expect(isValidCalendarDate(2023, 1, 1.5)).toBe(false);
  });

  it("parses strict YYYY-MM-DD", () => {
    expect(parseBusinessDate("2026-11-27")).toEqual({ year: 2026, month: 11, day: 27 });
    for (const bad of ["2026-11-31", "2026-1-5", "2026/11/27", "27-11-2026", "2026-11-27T00:00:00Z", ""]) {
      expectDomainError(() => parseBusinessDate(bad), "date_invalid");
      expect(isBusinessDate(bad)).toBe(false);
    }
    expect(isBusinessDate("2024-02-29")).toBe(true);
    expect(isBusinessDate(20240229)).toBe(false);
  });
});

describe("timeZoneOr", () => {
  it("keeps a known zone and falls back to Jakarta for anything else", () => {
    expect(timeZoneOr("Asia/Jayapura")).toBe("Asia/Jayapura");
    expect(timeZoneOr("Europe/Paris")).toBe("Asia/Jakarta");
    expect(timeZoneOr(null)).toBe("Asia/Jakarta");
  });
});
