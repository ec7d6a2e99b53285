import type { Column, Content, TableCell } from "pdfmake/interfaces";
import type { CurrentStructure, FinancialStatementSet, FinancialStatementsReport } from "@koperasi/contracts";
import { formatRupiahLaporan, formatTanggal, formatTanggalJam, reportPeriodName, rupiah, timeZoneOr } from "@koperasi/domain";
import type { KoperasiRow } from "../branding/profile";
import type { AppContext } from "../context";
import { letterheadOf, renderReport } from "../pdf";
import type { CalkSection } from "./calk";

// The statements as one PDF on the cooperative's letterhead: each statement
// on its own page with the period before beside it, amounts right-aligned
// with negatives in parentheses, back-dated entries named in a footnote, and
// the signature block of the ketua, bendahara and pengawas in office on the
// period's last day.

/** Who signs: the names in office on the as-at date, or null where the post was empty. */
export interface Signatories {
  readonly ketua: string | null;
  readonly bendahara: string | null;
  readonly pengawas: string | null;
}

export function signatoriesOf(structure: CurrentStructure): Signatories {
  const holder = (terms: CurrentStructure["pengurus"], position: string) => terms.find((term) => term.position === position)?.fullName ?? null;
  return {
    ketua: holder(structure.pengurus, "ketua"),
    bendahara: holder(structure.pengurus, "bendahara"),
    pengawas: holder(structure.pengawas, "ketua_pengawas") ?? structure.pengawas[0]?.fullName ?? null,
  };
}

const money = (amount: number, bold = false): TableCell => ({ text: formatRupiahLaporan(rupiah(amount)), alignment: "right", bold });
const header = (texts: readonly string[]): TableCell[] => texts.map((text, index) => ({ text, style: "tableHeader", alignment: index === 0 ? "left" : "right" }));
const label = (text: string, options: { bold?: boolean; indent?: number } = {}): TableCell => ({ text, bold: options.bold ?? false, margin: [options.indent ?? 0, 0, 0, 0] });

type Row = TableCell[];

function comparisonTable(columns: readonly string[], rows: readonly Row[]): Content {
  return { table: { headerRows: 1, widths: ["*", 105, 105], body: [header(columns), ...rows] }, layout: "lightHorizontalLines", fontSize: 9 };
}

/** A line with its amount in both periods; hidden when both are zero unless kept. */
function pair(text: string, current: number, prior: number, options: { bold?: boolean; indent?: number; keep?: boolean } = {}): Row[] {
  if (!options.keep && current === 0 && prior === 0) return [];
  return [[label(text, options), money(current, options.bold), money(prior, options.bold)]];
}

const amountOf = (lines: readonly { key: string; amount: number }[], key: string) => lines.find((line) => line.key === key)?.amount ?? 0;

function balanceSheetRows(current: FinancialStatementSet, prior: FinancialStatementSet): Row[] {
  const rows: Row[] = [];
  const group = (title: string, keys: readonly string[], totalLabel: string, total: (s: FinancialStatementSet) => number) => {
    rows.push([label(title, { bold: true }), "", ""]);
    for (const key of keys) {
      const section = current.balanceSheet.sections.find((s) => s.key === key);
      const before = prior.balanceSheet.sections.find((s) => s.key === key);
      if (!section) continue;
      rows.push([label(section.label, { bold: true, indent: 8 }), "", ""]);
      for (const line of section.lines) rows.push(...pair(line.label, line.amount, amountOf(before?.lines ?? [], line.key), { indent: 16 }));
      rows.push(...pair(`Jumlah ${section.label.toLowerCase()}`, section.total, before?.total ?? 0, { bold: true, indent: 8, keep: true }));
    }
    rows.push(...pair(totalLabel, total(current), total(prior), { bold: true, keep: true }));
  };
  group("ASET", ["aset_lancar", "aset_tidak_lancar"], "JUMLAH ASET", (s) => s.balanceSheet.totalAssets);
  group("LIABILITAS DAN EKUITAS", ["liabilitas_jangka_pendek", "liabilitas_jangka_panjang", "ekuitas"], "JUMLAH LIABILITAS DAN EKUITAS", (s) => s.balanceSheet.totalLiabilitiesAndEquity);
  return rows;
}

function incomeRows(current: FinancialStatementSet, prior: FinancialStatementSet): Row[] {
  const rows: Row[] = [];
  for (const pick of [(s: FinancialStatementSet) => s.incomeStatement.income, (s: FinancialStatementSet) => s.incomeStatement.expenses]) {
    const section = pick(current);
    const before = pick(prior);
    rows.push([label(section.label.toUpperCase(), { bold: true }), "", ""]);
    for (const line of section.lines) rows.push(...pair(line.label, line.amount, amountOf(before.lines, line.key), { indent: 12 }));
    rows.push(...pair(`Jumlah ${section.label.toLowerCase()}`, section.total, before.total, { bold: true, keep: true }));
  }
  const is = (s: FinancialStatementSet) => s.incomeStatement;
  rows.push(...pair("SISA HASIL USAHA (DEFISIT)", is(current).shu, is(prior).shu, { bold: true, keep: true }));
  rows.push(...pair("Penghasilan komprehensif lain", is(current).otherComprehensiveIncome, is(prior).otherComprehensiveIncome, { keep: true }));
  rows.push(...pair("JUMLAH PENGHASILAN KOMPREHENSIF", is(current).totalComprehensiveIncome, is(prior).totalComprehensiveIncome, { bold: true, keep: true }));
  return rows;
}

function equityTable(set: FinancialStatementSet, title: string): Content[] {
  const { rows, total } = set.equityChanges;
  const body: Row[] = [
    header(["Uraian", "Saldo awal", "SHU periode", "Penambahan", "Pengurangan", "Saldo akhir"]),
    ...rows.map((row) => [label(row.label), money(row.opening), money(row.shu), money(row.increase), money(row.decrease), money(row.closing)]),
    [label("Jumlah ekuitas", { bold: true }), money(total.opening, true), money(total.shu, true), money(total.increase, true), money(total.decrease, true), money(total.closing, true)],
  ];
  return [
    { text: title, bold: true, fontSize: 9, margin: [0, 6, 0, 2] },
    { table: { headerRows: 1, widths: ["*", 72, 68, 68, 68, 72], body }, layout: "lightHorizontalLines", fontSize: 8 },
  ];
}

function cashFlowRows(current: FinancialStatementSet, prior: FinancialStatementSet): Row[] {
  const rows: Row[] = [];
  for (const activity of current.cashFlow.activities) {
    const before = prior.cashFlow.activities.find((a) => a.key === activity.key);
    rows.push([label(activity.label, { bold: true }), "", ""]);
    for (const line of activity.lines) rows.push(...pair(line.label, line.amount, amountOf(before?.lines ?? [], line.key), { indent: 12 }));
    rows.push(...pair(`Kas bersih dari ${activity.label.replace(/^Arus Kas dari /, "").toLowerCase()}`, activity.net, before?.net ?? 0, { bold: true, keep: true }));
  }
  const cf = (s: FinancialStatementSet) => s.cashFlow;
  rows.push(...pair("KENAIKAN (PENURUNAN) BERSIH KAS DAN SETARA KAS", cf(current).netChange, cf(prior).netChange, { bold: true, keep: true }));
  rows.push(...pair("Kas dan setara kas awal periode", cf(current).openingCash, cf(prior).openingCash, { keep: true }));
  rows.push(...pair("KAS DAN SETARA KAS AKHIR PERIODE", cf(current).closingCash, cf(prior).closingCash, { bold: true, keep: true }));
  return rows;
}

/** Each balance-sheet line with the accounts behind it, in both periods. */
function accountDetailRows(current: FinancialStatementSet, prior: FinancialStatementSet): Row[] {
  const rows: Row[] = [];
  for (const section of current.balanceSheet.sections) {
    const before = prior.balanceSheet.sections.find((s) => s.key === section.key);
    for (const line of section.lines) {
      const priorLine = before?.lines.find((l) => l.key === line.key);
      const accountRows = line.accounts.flatMap((account) => {
        const priorAmount = priorLine?.accounts.find((a) => a.code === account.code && a.name === account.name)?.amount ?? 0;
        return pair(account.code ? `${account.code} ${account.name}` : account.name, account.amount, priorAmount, { indent: 12 });
      });
      if (accountRows.length === 0) continue;
      rows.push(...pair(line.label, line.amount, priorLine?.amount ?? 0, { bold: true, keep: true }), ...accountRows);
    }
  }
  return rows;
}

function calkContent(sections: readonly CalkSection[], details: Content): Content[] {
  return sections.flatMap((section, index) => [
    { text: section.title, bold: true, margin: [0, 8, 0, 2] as [number, number, number, number] },
    ...section.paragraphs.map((text) => ({ text, fontSize: 9, alignment: "justify" as const, margin: [0, 0, 0, 3] as [number, number, number, number] })),
    ...(index === 2 ? [details] : []),
  ]);
}

function signatureBlock(place: string, date: string, signatories: Signatories): Content {
  const column = (title: string, name: string | null): Column => ({
    width: "*",
    alignment: "center",
    stack: [{ text: title }, { text: " ", margin: [0, 0, 0, 42] }, { text: name ?? "(belum ditetapkan)", bold: name !== null, decoration: name ? "underline" : undefined }],
  });
  return {
    unbreakable: true,
    margin: [0, 24, 0, 0],
    stack: [
      { text: `${place ? `${place}, ` : ""}${date}`, alignment: "right", margin: [0, 0, 0, 8] },
      { columns: [{ width: "*", stack: [{ text: "Pengurus", alignment: "center", bold: true }, { columns: [column("Ketua", signatories.ketua), column("Bendahara", signatories.bendahara)] }] }, { width: "35%", stack: [{ text: "Pengawas", alignment: "center", bold: true }, column("Ketua Pengawas", signatories.pengawas)] }] },
    ],
  };
}

export interface StatementsPdfInput {
  readonly report: FinancialStatementsReport;
  readonly calk: readonly CalkSection[];
  readonly signatories: Signatories;
  readonly printedAt: Date;
  readonly printedBy: string;
}

export async function renderFinancialStatementsPdf(ctx: AppContext, koperasi: KoperasiRow, input: StatementsPdfInput): Promise<Buffer> {
  const { report, signatories } = input;
  const letterhead = await letterheadOf(ctx, koperasi);
  const now = reportPeriodName(report.period);
  const before = reportPeriodName(report.priorPeriod);
  const asAt = formatTanggal(report.period.to);
  const priorAsAt = formatTanggal(report.priorPeriod.to);
  const { current, prior } = input.report;
  const heading = (text: string, sub: string, first = false): Content[] => [
    { text, style: "section", ...(first ? {} : { pageBreak: "before" as const }) },
    { text: sub, style: "subtitle" },
  ];
  const known = new Date(report.knownAt);
  const footnote: Content[] =
    report.latePostings.length === 0
      ? []
      : [
          { text: "Catatan: entri bertanggal dalam periode ini yang dibukukan setelah periode berakhir", bold: true, fontSize: 8, margin: [0, 14, 0, 2] },
          {
            ul: report.latePostings.map(
              (late) => `${late.voucherNo} tanggal ${formatTanggal(late.businessDate)}, dibukukan ${formatTanggalJam(new Date(late.postedAt), timeZoneOr(koperasi.time_zone))}: ${late.description}`,
            ),
            fontSize: 8,
          },
          ...(report.latePostingCount > report.latePostings.length
            ? [{ text: `dan ${report.latePostingCount - report.latePostings.length} entri lainnya.`, fontSize: 8 }]
            : []),
        ];
  return renderReport({
    letterhead,
    title: "Laporan Keuangan",
    subtitle: `Periode ${now} (${formatTanggal(report.period.from)} s.d. ${asAt}) dibandingkan dengan ${before} · sesuai pembukuan per ${formatTanggalJam(known, letterhead.timeZone)}`,
    printedAt: input.printedAt,
    printedBy: input.printedBy,
    subject: `Laporan keuangan ${report.period.label}`,
    content: [
      ...heading("Laporan Posisi Keuangan", `Per ${asAt} dan ${priorAsAt}`, true),
      comparisonTable(["Uraian", asAt, priorAsAt], balanceSheetRows(current, prior)),
      ...heading("Laporan Perhitungan Hasil Usaha", `Untuk periode ${now} dan ${before}`),
      comparisonTable(["Uraian", now, before], incomeRows(current, prior)),
      ...heading("Laporan Perubahan Ekuitas", `Untuk periode ${now} dan ${before}`),
      ...equityTable(current, now),
      ...equityTable(prior, before),
      ...heading("Laporan Arus Kas", `Metode langsung, untuk periode ${now} dan ${before}`),
      comparisonTable(["Uraian", now, before], cashFlowRows(current, prior)),
      ...footnote,
      ...heading("Catatan atas Laporan Keuangan", `Untuk periode ${now}`),
      ...calkContent(input.calk, comparisonTable(["Pos dan akun", asAt, priorAsAt], accountDetailRows(current, prior))),
      signatureBlock(koperasi.city ?? "", formatTanggal(input.printedAt, letterhead.timeZone), signatories),
    ],
  });
}
