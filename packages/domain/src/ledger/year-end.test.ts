import { describe, expect, it } from "vitest";
import { rupiah } from "../money";
import { chartTemplateFor } from "./chart-templates";
import { checkJournalLines } from "./journal";
import { closingEntryLines, SHU_TAHUN_BERJALAN_CODE, type ResultAccountTotals } from "./year-end";
import { KOPERASI_TYPES } from "../koperasi";

const totals = (account: string, type: ResultAccountTotals["type"], debit: number, credit: number): ResultAccountTotals => ({
  account,
  type,
  debit: rupiah(debit),
  credit: rupiah(credit),
});

describe("the closing entry (tutup buku)", () => {
  it("zeroes every income and expense account and credits the SHU to SHU tahun berjalan", () => {
    // A KSP's year: income Rp13.700.000 (one denda reversed), expenses Rp8.500.000, SHU Rp5.200.000.
    const entry = closingEntryLines(
      [
        totals("1-1100", "aset", 50_000_000, 10_000_000),
        totals("4-1100", "pendapatan", 0, 12_000_000),
        totals("4-1200", "pendapatan", 0, 1_500_000),
        totals("4-1300", "pendapatan", 50_000, 250_000),
        totals("5-1100", "beban", 3_000_000, 0),
        totals("5-1200", "beban", 0, 0),
        totals("5-2100", "beban", 4_000_000, 0),
        totals("5-2200", "beban", 1_000_000, 0),
        totals("5-2300", "beban", 500_000, 0),
      ],
      "3-4100",
    );
    expect(entry.netResult).toBe(5_200_000);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["4-1100", 12_000_000, 0],
      ["4-1200", 1_500_000, 0],
      ["4-1300", 200_000, 0],
      ["5-1100", 0, 3_000_000],
      ["5-2100", 0, 4_000_000],
      ["5-2200", 0, 1_000_000],
      ["5-2300", 0, 500_000],
      ["3-4100", 0, 5_200_000],
    ]);
    expect(checkJournalLines(entry.lines)).toEqual([]);
  });

  it("debits a loss to SHU tahun berjalan", () => {
    const entry = closingEntryLines([totals("4-1100", "pendapatan", 0, 1_000_000), totals("5-2100", "beban", 1_750_000, 0)], "shu");
    expect(entry.netResult).toBe(-750_000);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["4-1100", 1_000_000, 0],
      ["5-2100", 0, 1_750_000],
      ["shu", 750_000, 0],
    ]);
    expect(checkJournalLines(entry.lines)).toEqual([]);
  });

  it("closes a contra balance on its own side, and needs no SHU line when income equals expenses", () => {
    // An income account with a debit balance (more returned than earned) is credited.
    const entry = closingEntryLines([totals("4-1300", "pendapatan", 300, 100), totals("4-1100", "pendapatan", 0, 700), totals("5-2100", "beban", 500, 0)], "shu");
    expect(entry.netResult).toBe(0);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["4-1300", 0, 200],
      ["4-1100", 700, 0],
      ["5-2100", 0, 500],
    ]);
    expect(checkJournalLines(entry.lines)).toEqual([]);
  });

  it("has nothing to post for a year without income or expenses", () => {
    expect(closingEntryLines([totals("1-1100", "aset", 10, 0), totals("2-1300", "liabilitas", 0, 10)], "shu")).toEqual({ lines: [], netResult: 0 });
  });

  it("finds SHU tahun berjalan, an equity account taking postings, in every chart template", () => {
    for (const type of KOPERASI_TYPES) {
      const shu = chartTemplateFor(type).find((a) => a.code === SHU_TAHUN_BERJALAN_CODE);
      expect(shu, type).toMatchObject({ name: "SHU Tahun Berjalan", type: "ekuitas", normalBalance: "credit", isGroup: false, isControl: false });
    }
  });
});
