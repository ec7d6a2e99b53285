import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah, ZERO_RUPIAH, type Rupiah } from "../money";
import { KOPERASI_TYPES } from "../koperasi";
import { expectDomainError } from "../test-support";
import type { AccountType } from "./accounts";
import { chartTemplateFor } from "./chart-templates";
import { financialStatements, type AccountActivity, type FinancialStatements } from "./financial-statements";
import { formatRupiahLaporan } from "../format";
import { parseReportPeriod, priorReportPeriod, reportPeriodName, type ReportPeriod } from "./report-period";
import { isCashAccount, STATEMENT_LINES, statementLineOf } from "./statement-lines";
import { closingEntryLines, SHU_TAHUN_BERJALAN_CODE } from "./year-end";

const KSP = chartTemplateFor("ksp").filter((account) => !account.isGroup);

interface Entry {
  date: string;
  closing?: boolean;
  lines: { code: string; debit: number; credit: number }[];
}

/** What the server's query gives, worked out line by line from a list of entries: the reference the statements are checked against. */
function activityOf(entries: readonly Entry[], period: ReportPeriod, chart: readonly { code: string; name: string; type: AccountType }[] = KSP): AccountActivity[] {
  const cashCodes = new Set(chart.filter(isCashAccount).map((a) => a.code));
  return chart.map((account) => {
    let openingNet = 0;
    let periodDebit = 0;
    let periodCredit = 0;
    let closingEntryDebit = 0;
    let closingEntryCredit = 0;
    let cashCounterDebit = 0;
    let cashCounterCredit = 0;
    for (const entry of entries) {
      if (entry.date > period.to) continue;
      const movesCash = entry.lines.some((line) => cashCodes.has(line.code));
      for (const line of entry.lines.filter((l) => l.code === account.code)) {
        if (entry.date < period.from) openingNet += line.debit - line.credit;
        else if (entry.closing) {
          closingEntryDebit += line.debit;
          closingEntryCredit += line.credit;
        } else {
          periodDebit += line.debit;
          periodCredit += line.credit;
          if (movesCash && !cashCodes.has(account.code)) {
            cashCounterDebit += line.debit;
            cashCounterCredit += line.credit;
          }
        }
      }
    }
    return {
      code: account.code,
      name: account.name,
      type: account.type,
      openingNet: rupiah(openingNet),
      periodDebit: rupiah(periodDebit),
      periodCredit: rupiah(periodCredit),
      closingEntryDebit: rupiah(closingEntryDebit),
      closingEntryCredit: rupiah(closingEntryCredit),
      cashCounterDebit: rupiah(cashCounterDebit),
      cashCounterCredit: rupiah(cashCounterCredit),
    };
  });
}

const line = (s: FinancialStatements, key: string): Rupiah => {
  const all = [...s.balanceSheet.sections, s.incomeStatement.income, s.incomeStatement.expenses].flatMap((section) => section.lines);
  return all.find((l) => l.key === key)?.amount ?? ZERO_RUPIAH;
};

/** A KSP's November 2026 and what came before it, with its year 2025 closed. */
const BOOKS: Entry[] = [
  { date: "2025-01-02", lines: [{ code: "1-1100", debit: 10_000_000, credit: 0 }, { code: "3-1100", debit: 0, credit: 10_000_000 }] },
  { date: "2025-06-30", lines: [{ code: "1-1100", debit: 2_000_000, credit: 0 }, { code: "4-1100", debit: 0, credit: 2_000_000 }] },
  { date: "2025-07-31", lines: [{ code: "5-2100", debit: 500_000, credit: 0 }, { code: "1-1100", debit: 0, credit: 500_000 }] },
  {
    date: "2025-12-31",
    closing: true,
    lines: [
      { code: "4-1100", debit: 2_000_000, credit: 0 },
      { code: "5-2100", debit: 0, credit: 500_000 },
      { code: "3-4100", debit: 0, credit: 1_500_000 },
    ],
  },
  { date: "2026-10-15", lines: [{ code: "1-1300", debit: 5_000_000, credit: 0 }, { code: "1-1100", debit: 0, credit: 5_000_000 }] },
  { date: "2026-10-31", lines: [{ code: "1-1200", debit: 3_000_000, credit: 0 }, { code: "2-1100", debit: 0, credit: 3_000_000 }] },
  // November: an installment (principal and jasa), a transfer from the till to the bank, salaries, interest on savings with tax withheld.
  { date: "2026-11-05", lines: [{ code: "1-1100", debit: 1_100_000, credit: 0 }, { code: "1-1300", debit: 0, credit: 1_000_000 }, { code: "4-1100", debit: 0, credit: 100_000 }] },
  { date: "2026-11-10", lines: [{ code: "1-1200", debit: 2_000_000, credit: 0 }, { code: "1-1100", debit: 0, credit: 2_000_000 }] },
  { date: "2026-11-25", lines: [{ code: "5-2100", debit: 750_000, credit: 0 }, { code: "1-1100", debit: 0, credit: 750_000 }] },
  { date: "2026-11-30", lines: [{ code: "5-1100", debit: 300_000, credit: 0 }, { code: "2-1100", debit: 0, credit: 270_000 }, { code: "2-1300", debit: 0, credit: 30_000 }] },
  { date: "2026-12-01", lines: [{ code: "5-2100", debit: 999_000, credit: 0 }, { code: "1-1100", debit: 0, credit: 999_000 }] },
];

describe("report periods", () => {
  it("reads a month, a quarter and a year, each with the period before it", () => {
    expect(parseReportPeriod("2026-11")).toEqual({ kind: "month", label: "2026-11", from: "2026-11-01", to: "2026-11-30" });
    expect(parseReportPeriod("2024-02").to).toBe("2024-02-29");
    expect(parseReportPeriod("2026-q4")).toEqual({ kind: "quarter", label: "2026-Q4", from: "2026-10-01", to: "2026-12-31" });
    expect(parseReportPeriod("2026")).toEqual({ kind: "year", label: "2026", from: "2026-01-01", to: "2026-12-31" });
    expect(priorReportPeriod(parseReportPeriod("2026-01")).label).toBe("2025-12");
    expect(priorReportPeriod(parseReportPeriod("2026-Q1"))).toEqual({ kind: "quarter", label: "2025-Q4", from: "2025-10-01", to: "2025-12-31" });
    expect(priorReportPeriod(parseReportPeriod("2026-Q3")).label).toBe("2026-Q2");
    expect(priorReportPeriod(parseReportPeriod("2026")).label).toBe("2025");
    expect(["2026-11", "2026-Q4", "2026"].map((label) => reportPeriodName(parseReportPeriod(label)))).toEqual(["November 2026", "Triwulan IV 2026", "Tahun 2026"]);
  });

  it("prints statement amounts with negatives in parentheses", () => {
    expect([1_250_000, -1_250_000, 0].map((amount) => formatRupiahLaporan(rupiah(amount)))).toEqual(["Rp1.250.000", "(Rp1.250.000)", "Rp0"]);
  });

  it("refuses anything else as date_invalid on the period field", () => {
    for (const bad of ["2026-13", "2026-00", "2026-Q5", "2026-11-01", "November", "", "26-11", "0999"]) {
      expect(expectDomainError(() => parseReportPeriod(bad), "date_invalid").details).toEqual({ field: "period" });
    }
  });
});

describe("statement lines", () => {
  it("places every account of every seeded chart on a named line, and an unknown account on its type's 'lainnya' line", () => {
    for (const type of KOPERASI_TYPES) {
      for (const account of chartTemplateFor(type).filter((a) => !a.isGroup)) {
        expect(statementLineOf(account).other, `${type} ${account.code}`).toBe(false);
      }
    }
    expect(statementLineOf({ code: "1-1100", type: "aset" }).key).toBe("kas_setara_kas");
    expect(statementLineOf({ code: "1-1310", type: "aset" }).key).toBe("cadangan_kerugian_pinjaman");
    expect(statementLineOf({ code: "1-2210", type: "aset" }).key).toBe("akumulasi_penyusutan");
    expect(statementLineOf({ code: "1-1900", type: "aset" }).key).toBe("aset_lancar_lainnya");
    expect(statementLineOf({ code: "1-3100", type: "aset" }).key).toBe("aset_tidak_lancar_lainnya");
    expect(statementLineOf({ code: "2-3100", type: "liabilitas" }).key).toBe("liabilitas_jangka_panjang_lainnya");
    expect(statementLineOf({ code: "4-9100", type: "pendapatan" }).key).toBe("pendapatan_lainnya");
    expect(statementLineOf({ code: "5-9100", type: "beban" }).key).toBe("beban_lainnya");
    expect(new Set(STATEMENT_LINES.map((l) => l.key)).size).toBe(STATEMENT_LINES.length);
  });
});

describe("financial statements of a KSP's November", () => {
  const november = parseReportPeriod("2026-11");
  const s = financialStatements(activityOf(BOOKS, november), november);

  it("balances the posisi keuangan, the unclosed 2026 result in SHU tahun berjalan beside the closed 2025", () => {
    expect(line(s, "kas_setara_kas")).toBe(10_000_000 + 2_000_000 - 500_000 - 5_000_000 + 3_000_000 + 1_100_000 - 750_000);
    expect(line(s, "piutang_pinjaman")).toBe(4_000_000);
    expect(line(s, "simpanan_sukarela")).toBe(3_270_000);
    expect(line(s, "utang_pajak")).toBe(30_000);
    // 1.500.000 closed for 2025, 100.000 − 750.000 − 300.000 of 2026 not yet closed.
    expect(line(s, "shu_tahun_berjalan")).toBe(1_500_000 - 950_000);
    expect(s.balanceSheet.totalAssets).toBe(13_850_000);
    expect(s.balanceSheet.totalLiabilitiesAndEquity).toBe(s.balanceSheet.totalAssets);
  });

  it("shows November's income and expenses only: SHU −950.000", () => {
    expect(s.incomeStatement.income.total).toBe(100_000);
    expect(s.incomeStatement.expenses.total).toBe(1_050_000);
    expect(s.incomeStatement.shu).toBe(-950_000);
    expect(s.incomeStatement.totalComprehensiveIncome).toBe(-950_000);
  });

  it("rolls equity forward from October's end to November's", () => {
    const shuRow = s.equityChanges.rows.find((r) => r.key === "shu_tahun_berjalan");
    expect(shuRow).toMatchObject({ opening: 1_500_000, shu: -950_000, increase: 0, decrease: 0, closing: 550_000 });
    expect(s.equityChanges.total.closing).toBe(s.balanceSheet.totalEquity);
  });

  it("gives the cash flows of the installment and the salaries, not the transfer to the bank", () => {
    const flows = Object.fromEntries(s.cashFlow.activities.flatMap((a) => a.lines).map((l) => [l.key, l.amount]));
    expect(flows["piutang_pinjaman.penerimaan"]).toBe(1_000_000);
    expect(flows["pendapatan_jasa_pinjaman.penerimaan"]).toBe(100_000);
    expect(flows["beban_personalia.pembayaran"]).toBe(-750_000);
    expect(s.cashFlow.netChange).toBe(350_000);
    expect(s.cashFlow.openingCash).toBe(9_500_000);
    expect(s.cashFlow.closingCash).toBe(9_850_000);
  });
});

describe("the year-end closing entry", () => {
  it("never enters the income statement of the year it closes, and the year's statements still balance", () => {
    const year = parseReportPeriod("2025");
    const s = financialStatements(activityOf(BOOKS, year), year);
    expect(s.incomeStatement.shu).toBe(1_500_000);
    expect(line(s, "pendapatan_jasa_pinjaman")).toBe(2_000_000);
    expect(line(s, "shu_tahun_berjalan")).toBe(1_500_000);
    expect(s.equityChanges.rows.find((r) => r.key === "shu_tahun_berjalan")).toMatchObject({ opening: 0, shu: 1_500_000, increase: 0, closing: 1_500_000 });
    const q4 = parseReportPeriod("2025-Q4");
    expect(financialStatements(activityOf(BOOKS, q4), q4).incomeStatement.shu).toBe(0);
  });
});

// Random books on the KSP chart, some years closed: whatever was posted, the statements hold together.
const codes = KSP.map((a) => a.code);
const entryArb = fc.record({
  date: fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2026-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  pairs: fc.array(fc.tuple(fc.constantFrom(...codes), fc.constantFrom(...codes), fc.integer({ min: 1, max: 50_000_000 })), { minLength: 1, maxLength: 4 }),
});

function withClosings(raw: readonly { date: string; pairs: [string, string, number][] }[], closedYears: readonly number[]): Entry[] {
  const entries: Entry[] = raw.map(({ date, pairs }) => ({
    date,
    lines: pairs.flatMap(([debit, credit, amount]) => [
      { code: debit, debit: amount, credit: 0 },
      { code: credit, debit: 0, credit: amount },
    ]),
  }));
  for (const year of [...closedYears].sort()) {
    const end = `${year}-12-31`;
    const totals = KSP.map((account) => {
      const lines = entries.filter((e) => e.date <= end).flatMap((e) => e.lines.filter((l) => l.code === account.code));
      return { account: account.code, type: account.type, debit: rupiah(lines.reduce((s, l) => s + l.debit, 0)), credit: rupiah(lines.reduce((s, l) => s + l.credit, 0)) };
    });
    const closing = closingEntryLines(totals, SHU_TAHUN_BERJALAN_CODE);
    if (closing.lines.length > 0) entries.push({ date: end, closing: true, lines: closing.lines.map((l) => ({ code: l.account, debit: l.debit, credit: l.credit })) });
  }
  return entries;
}

describe("statements of random books", () => {
  it("balance to the Rupiah, roll equity and cash forward, and keep each closing entry out of the income statement", () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 40 }),
        fc.subarray([2024, 2025]),
        fc.constantFrom("2024", "2025", "2026", "2025-Q4", "2026-Q1", "2025-12", "2026-01", "2026-06"),
        (raw, closedYears, label) => {
          const entries = withClosings(raw, closedYears);
          const period = parseReportPeriod(label);
          const s = financialStatements(activityOf(entries, period), period);
          expect(s.balanceSheet.totalAssets).toBe(s.balanceSheet.totalLiabilitiesAndEquity);
          expect(s.cashFlow.closingCash - s.cashFlow.openingCash).toBe(s.cashFlow.netChange);
          expect(s.equityChanges.total.closing).toBe(s.balanceSheet.totalEquity);
          const prior = priorReportPeriod(period);
          expect(financialStatements(activityOf(entries, prior), prior).balanceSheet.totalEquity).toBe(s.equityChanges.total.opening);
          // The income statement is what was earned and spent in the period, closing entries apart.
          const inPeriod = entries.filter((e) => !e.closing && e.date >= period.from && e.date <= period.to).flatMap((e) => e.lines);
          const type = (code: string) => KSP.find((a) => a.code === code)?.type;
          const result = inPeriod.filter((l) => type(l.code) === "pendapatan" || type(l.code) === "beban").reduce((sum, l) => sum + l.credit - l.debit, 0);
          expect(s.incomeStatement.shu).toBe(result);
        },
      ),
      { numRuns: 150 },
    );
  });
});
