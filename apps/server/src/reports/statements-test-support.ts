// Shared by the financial statements' *.test.ts files only.
import { expect } from "vitest";
import type { FinancialStatementsReport } from "@koperasi/contracts";
import type { TestApp } from "../testing/harness";
import { trialBalance } from "../ledger/trial-balance";

/**
 * The statements tie to the trial balance of their as-at date: every
 * balance-sheet account shows its trial-balance balance, the totals by type
 * agree, income less expenses not yet closed sits in equity, and each
 * statement holds together (aset = liabilitas + ekuitas, equity and cash
 * rolled forward from the opening figures).
 */
export async function expectStatementsTieToTrialBalance(t: TestApp, koperasiId: string, report: FinancialStatementsReport): Promise<void> {
  for (const [set, asOf] of [
    [report.current, report.period.to],
    [report.prior, report.priorPeriod.to],
  ] as const) {
    const tb = await t.ctx.database.tenant({ koperasiId }, (trx) => trialBalance(trx, koperasiId, asOf));
    expect(tb.totalDebit).toBe(tb.totalCredit);
    const net = (types: readonly string[]) => tb.rows.filter((row) => types.includes(row.type)).reduce((sum, row) => sum + row.debit - row.credit, 0);
    const bs = set.balanceSheet;
    expect(bs.totalAssets).toBe(net(["aset"]));
    expect(bs.totalLiabilities).toBe(0 - net(["liabilitas"]));
    expect(bs.totalEquity).toBe(0 - net(["ekuitas", "pendapatan", "beban"]));
    expect(bs.totalAssets).toBe(bs.totalLiabilitiesAndEquity);
    const shown = new Map(bs.sections.flatMap((section) => section.lines.flatMap((line) => line.accounts.filter((a) => a.code !== "").map((a) => [a.code, { amount: a.amount, section: section.key }] as const))));
    for (const row of tb.rows.filter((r) => r.type === "aset" || r.type === "liabilitas" || r.type === "ekuitas")) {
      const item = shown.get(row.code);
      expect(item, row.code).toBeDefined();
      expect(item?.amount, row.code).toBe(row.type === "aset" ? row.debit - row.credit : row.credit - row.debit);
    }
    expect(set.equityChanges.total.closing).toBe(bs.totalEquity);
    expect(set.cashFlow.closingCash - set.cashFlow.openingCash).toBe(set.cashFlow.netChange);
    const cash = tb.rows.filter((row) => row.code.startsWith("1-11") || row.code.startsWith("1-12")).reduce((sum, row) => sum + row.debit - row.credit, 0);
    expect(set.cashFlow.closingCash).toBe(cash);
  }
  expect(report.prior.balanceSheet.totalEquity).toBe(report.current.equityChanges.total.opening);
  expect(report.prior.cashFlow.closingCash).toBe(report.current.cashFlow.openingCash);
}
