import type ExcelJS from "exceljs";
import { loadExcel } from "../files/excel";
import type { FinancialStatementSet, FinancialStatementsReport } from "@koperasi/contracts";
import { formatTanggal, reportPeriodName } from "@koperasi/domain";
import type { Koperasi } from "../command/command-context";
import { letterheadLines } from "../pdf";
import type { CalkSection } from "./calk";

// The statements as a workbook: one sheet per statement, the letterhead on
// top, amounts as numbers (so an accountant can add them up again) shown in
// Rupiah with negatives in parentheses, the period before beside; the notes
// (CALK) on a sheet of their own.

/** Excel's number format: Rp1.250.000 in an Indonesian Excel, negatives in parentheses. */
export const RUPIAH_FORMAT = '"Rp"#,##0;("Rp"#,##0);"Rp"0';

type Line = readonly [label: string, current: number | null, prior: number | null, bold?: boolean];

function sheetOf(workbook: ExcelJS.Workbook, koperasi: Koperasi, name: string, title: string, columns: readonly string[], lines: readonly (readonly (string | number | null | boolean | undefined)[])[]): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [48, ...columns.slice(1).map(() => 20)].map((width) => ({ width }));
  sheet.addRow([koperasi.name]).font = { bold: true, size: 14 };
  for (const line of letterheadLines(koperasi)) sheet.addRow([line]);
  sheet.addRow([]);
  sheet.addRow([title]).font = { bold: true, size: 12 };
  sheet.addRow([...columns]).font = { bold: true };
  for (const line of lines) {
    const bold = line[line.length - 1] === true;
    const cells = (bold ? line.slice(0, -1) : line).map((cell) => (cell === undefined || typeof cell === "boolean" ? null : cell));
    const row = sheet.addRow(cells);
    if (bold) row.font = { bold: true };
  }
  for (let column = 2; column <= columns.length; column += 1) sheet.getColumn(column).numFmt = RUPIAH_FORMAT;
}

const amountOf = (lines: readonly { key: string; amount: number }[], key: string) => lines.find((line) => line.key === key)?.amount ?? 0;

function balanceSheetLines(current: FinancialStatementSet, prior: FinancialStatementSet): Line[] {
  const lines: Line[] = [];
  current.balanceSheet.sections.forEach((section, index) => {
    const before = prior.balanceSheet.sections.find((s) => s.key === section.key);
    lines.push([section.label, null, null, true]);
    for (const line of section.lines) lines.push([`  ${line.label}`, line.amount, amountOf(before?.lines ?? [], line.key)]);
    lines.push([`Jumlah ${section.label.toLowerCase()}`, section.total, before?.total ?? 0, true]);
    if (index === 1) lines.push(["JUMLAH ASET", current.balanceSheet.totalAssets, prior.balanceSheet.totalAssets, true]);
  });
  lines.push(["JUMLAH LIABILITAS DAN EKUITAS", current.balanceSheet.totalLiabilitiesAndEquity, prior.balanceSheet.totalLiabilitiesAndEquity, true]);
  return lines;
}

function incomeLines(current: FinancialStatementSet, prior: FinancialStatementSet): Line[] {
  const lines: Line[] = [];
  for (const pick of [(s: FinancialStatementSet) => s.incomeStatement.income, (s: FinancialStatementSet) => s.incomeStatement.expenses]) {
    lines.push([pick(current).label, null, null, true]);
    for (const line of pick(current).lines) lines.push([`  ${line.label}`, line.amount, amountOf(pick(prior).lines, line.key)]);
    lines.push([`Jumlah ${pick(current).label.toLowerCase()}`, pick(current).total, pick(prior).total, true]);
  }
  lines.push(["SISA HASIL USAHA (DEFISIT)", current.incomeStatement.shu, prior.incomeStatement.shu, true]);
  lines.push(["Penghasilan komprehensif lain", current.incomeStatement.otherComprehensiveIncome, prior.incomeStatement.otherComprehensiveIncome]);
  lines.push(["JUMLAH PENGHASILAN KOMPREHENSIF", current.incomeStatement.totalComprehensiveIncome, prior.incomeStatement.totalComprehensiveIncome, true]);
  return lines;
}

function equityLines(set: FinancialStatementSet, periodName: string): (string | number | null | boolean)[][] {
  const { rows, total } = set.equityChanges;
  return [
    [periodName, null, null, null, null, null, true],
    ...rows.map((row) => [`  ${row.label}`, row.opening, row.shu, row.increase, row.decrease, row.closing]),
    ["Jumlah ekuitas", total.opening, total.shu, total.increase, total.decrease, total.closing, true],
  ];
}

function cashFlowLines(current: FinancialStatementSet, prior: FinancialStatementSet): Line[] {
  const lines: Line[] = [];
  for (const activity of current.cashFlow.activities) {
    const before = prior.cashFlow.activities.find((a) => a.key === activity.key);
    lines.push([activity.label, null, null, true]);
    for (const line of activity.lines) {
      const priorAmount = amountOf(before?.lines ?? [], line.key);
      if (line.amount !== 0 || priorAmount !== 0) lines.push([`  ${line.label}`, line.amount, priorAmount]);
    }
    lines.push([`Kas bersih dari ${activity.label.replace(/^Arus Kas dari /, "").toLowerCase()}`, activity.net, before?.net ?? 0, true]);
  }
  lines.push(["KENAIKAN (PENURUNAN) BERSIH KAS DAN SETARA KAS", current.cashFlow.netChange, prior.cashFlow.netChange, true]);
  lines.push(["Kas dan setara kas awal periode", current.cashFlow.openingCash, prior.cashFlow.openingCash]);
  lines.push(["KAS DAN SETARA KAS AKHIR PERIODE", current.cashFlow.closingCash, prior.cashFlow.closingCash, true]);
  return lines;
}

/** The notes: the CALK's text, then each balance-sheet line's accounts in both periods. */
function notesSheet(workbook: ExcelJS.Workbook, koperasi: Koperasi, report: FinancialStatementsReport, calk: readonly CalkSection[]): void {
  const asAt = formatTanggal(report.period.to);
  const priorAsAt = formatTanggal(report.priorPeriod.to);
  const details: (string | number | boolean)[][] = [];
  for (const section of report.current.balanceSheet.sections) {
    const before = report.prior.balanceSheet.sections.find((s) => s.key === section.key);
    for (const line of section.lines) {
      const priorLine = before?.lines.find((l) => l.key === line.key);
      const accounts = line.accounts
        .map((account) => [`  ${account.code ? `${account.code} ` : ""}${account.name}`, account.amount, priorLine?.accounts.find((a) => a.code === account.code && a.name === account.name)?.amount ?? 0] as [string, number, number])
        .filter(([, current, prior]) => current !== 0 || prior !== 0);
      if (accounts.length > 0) details.push([line.label, line.amount, priorLine?.amount ?? 0, true], ...accounts);
    }
  }
  const text = calk.flatMap((section) => [[section.title, true], ...section.paragraphs.map((paragraph) => [paragraph])]);
  sheetOf(workbook, koperasi, "Catatan", `CATATAN ATAS LAPORAN KEUANGAN ${reportPeriodName(report.period)}`, ["Uraian", asAt, priorAsAt], [...text, [], ...details]);
}

export async function financialStatementsXlsx(koperasi: Koperasi, report: FinancialStatementsReport, calk: readonly CalkSection[] = []): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = "Koperasi Pintar";
  const now = reportPeriodName(report.period);
  const before = reportPeriodName(report.priorPeriod);
  const asAt = formatTanggal(report.period.to);
  const priorAsAt = formatTanggal(report.priorPeriod.to);
  const { current, prior } = report;
  sheetOf(workbook, koperasi, "Posisi Keuangan", `LAPORAN POSISI KEUANGAN per ${asAt}`, ["Uraian", asAt, priorAsAt], balanceSheetLines(current, prior));
  sheetOf(workbook, koperasi, "Hasil Usaha", `LAPORAN PERHITUNGAN HASIL USAHA ${now}`, ["Uraian", now, before], incomeLines(current, prior));
  sheetOf(workbook, koperasi, "Perubahan Ekuitas", `LAPORAN PERUBAHAN EKUITAS ${now}`, ["Uraian", "Saldo awal", "SHU periode", "Penambahan", "Pengurangan", "Saldo akhir"], [
    ...equityLines(current, now),
    [],
    ...equityLines(prior, before),
  ]);
  sheetOf(workbook, koperasi, "Arus Kas", `LAPORAN ARUS KAS (METODE LANGSUNG) ${now}`, ["Uraian", now, before], cashFlowLines(current, prior));
  notesSheet(workbook, koperasi, report, calk);
  const sheet = workbook.getWorksheet("Posisi Keuangan");
  if (sheet && report.latePostings.length > 0) {
    sheet.addRow([]);
    sheet.addRow(["Entri bertanggal dalam periode yang dibukukan setelah periode berakhir:"]).font = { italic: true };
    for (const late of report.latePostings) sheet.addRow([`${late.voucherNo} (${formatTanggal(late.businessDate)}): ${late.description}`]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
