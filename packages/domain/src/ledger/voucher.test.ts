import { describe, expect, it } from "vitest";
import { expectDomainError } from "../test-support";
import { periodLabelOf, periodStartOf } from "./period";
import {
  JOURNAL_SOURCES,
  VOUCHER_PREFIXES,
  formatVoucherNumber,
  isJournalSource,
  parseVoucherNumber,
  voucherPrefixOf,
  voucherSequenceId,
  voucherYearOf,
} from "./voucher";

describe("voucher numbers", () => {
  it("read PREFIX/YEAR/NNNNNN, the prefix by source", () => {
    expect(formatVoucherNumber(voucherPrefixOf("manual"), 2026, 123)).toBe("JU/2026/000123");
    expect(formatVoucherNumber(voucherPrefixOf("transfer"), 2026, 1)).toBe("TRF/2026/000001");
    expect(formatVoucherNumber("JK", 2027, 1_234_567n)).toBe("JK/2027/1234567");
  });

  it("give every source its own prefix", () => {
    const prefixes = JOURNAL_SOURCES.map((s) => VOUCHER_PREFIXES[s]);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(isJournalSource("transfer")).toBe(true);
    expect(isJournalSource("deposit")).toBe(true);
    expect(isJournalSource("setoran")).toBe(false);
    expect(formatVoucherNumber(voucherPrefixOf("deposit"), 2026, 7)).toBe("BKM/2026/000007");
    expect(formatVoucherNumber(voucherPrefixOf("withdrawal"), 2026, 7)).toBe("BKK/2026/000007");
  });

  it("count per prefix and book year", () => {
    expect(voucherSequenceId("JU", 2026)).toBe("voucher/JU/2026");
    expect(voucherYearOf("2026-12-31")).toBe(2026);
    expect(voucherYearOf("2027-01-01")).toBe(2027);
  });

  it("parse back, and refuse what they never produce", () => {
    expect(parseVoucherNumber("TRF/2026/000042")).toEqual({ prefix: "TRF", year: 2026, sequence: 42 });
    expect(parseVoucherNumber("TRF/2026/42")).toBeNull();
    expect(parseVoucherNumber("trf/2026/000042")).toBeNull();
    expectDomainError(() => formatVoucherNumber("J/U", 2026, 1), "voucher_prefix_invalid");
    expectDomainError(() => voucherSequenceId("", 2026), "voucher_prefix_invalid");
    expect(() => formatVoucherNumber("JU", 2026, 0)).toThrow(RangeError);
  });
});

describe("periods", () => {
  it("are calendar months", () => {
    expect(periodStartOf("2026-03-31")).toBe("2026-03-01");
    expect(periodLabelOf("2026-12-01")).toBe("2026-12");
    expectDomainError(() => periodStartOf("2026-02-30"), "date_invalid");
  });
});
