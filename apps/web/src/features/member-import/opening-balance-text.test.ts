import { describe, expect, it } from "vitest";
import { parseMemberBalances, parseTrialBalance, readRupiah } from "./opening-balance-text";

describe("go-live balances pasted from a spreadsheet", () => {
  it("reads Rupiah with thousands dots, and refuses decimals", () => {
    expect(readRupiah("1.500.000")).toBe(1_500_000);
    expect(readRupiah("Rp 250000")).toBe(250_000);
    expect(readRupiah("")).toBe(0);
    expect(readRupiah("1500,50")).toBeUndefined();
    expect(readRupiah("15.00")).toBeUndefined();
  });

  it("reads tab-separated lines copied from Excel, skipping a header", () => {
    const tb = parseTrialBalance("Kode\tDebit\tKredit\n1-1100\t10.000.000\t\n2-1100\t\t1.500.000\n");
    expect(tb).toEqual({ rows: [{ accountCode: "1-1100", debit: 10_000_000, credit: 0 }, { accountCode: "2-1100", debit: 0, credit: 1_500_000 }], unreadable: [] });
    const members = parseMemberBalances("AGT-1;2-1100;1.000.000\nAGT-2;2-1100;satu juta\n");
    expect(members.rows).toEqual([{ memberNumber: "AGT-1", accountCode: "2-1100", balance: 1_000_000 }]);
    expect(members.unreadable).toEqual([2]);
  });
});
