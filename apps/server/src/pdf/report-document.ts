import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { formatTanggalJam } from "@koperasi/domain";
import { letterheadBlock, type Letterhead } from "./letterhead";
import { renderPdf } from "./render";

// The frame of every A4 document a cooperative prints — registry exports,
// statements, data exports: the kop surat on the first page, a title, the
// body, and on every page a footer with when it was printed and the page
// number, so a loose page can still be placed.

export interface ReportDocument {
  readonly letterhead: Letterhead;
  readonly title: string;
  /** A line under the title, e.g. the period or the member it is about. */
  readonly subtitle?: string;
  readonly content: Content;
  /** When the document was made; printed in the cooperative's time zone. */
  readonly printedAt: Date;
  /** Who printed it, named in the footer beside the time. */
  readonly printedBy?: string;
  /** The PDF's metadata (title, subject, keywords) — what a file manager shows. */
  readonly subject?: string;
  readonly pageOrientation?: "portrait" | "landscape";
}

/** Shared text styles, so reports built by different modules look alike. */
export const REPORT_STYLES: TDocumentDefinitions["styles"] = {
  title: { fontSize: 14, bold: true, margin: [0, 14, 0, 2] },
  subtitle: { fontSize: 9, color: "#444444", margin: [0, 0, 0, 10] },
  section: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] },
  tableHeader: { bold: true, fontSize: 8.5, fillColor: "#eeeeee" },
  small: { fontSize: 8, color: "#555555" },
};

export function reportDefinition(report: ReportDocument): TDocumentDefinitions {
  const landscape = report.pageOrientation === "landscape";
  const printed = `Dicetak ${formatTanggalJam(report.printedAt, report.letterhead.timeZone)}${report.printedBy ? ` oleh ${report.printedBy}` : ""}`;
  return {
    pageSize: "A4",
    pageOrientation: report.pageOrientation ?? "portrait",
    pageMargins: [40, 40, 40, 50],
    info: { title: report.title, author: report.letterhead.name, subject: report.subject ?? report.title, creator: "Koperasi Pintar" },
    styles: REPORT_STYLES,
    content: [
      letterheadBlock(report.letterhead, landscape ? 762 : 515),
      { text: report.title, style: "title" },
      ...(report.subtitle ? [{ text: report.subtitle, style: "subtitle" }] : [{ text: "", margin: [0, 0, 0, 8] as [number, number, number, number] }]),
      report.content,
    ],
    footer: (currentPage, pageCount) => ({
      margin: [40, 16, 40, 0],
      columns: [
        { text: `${report.letterhead.name} · ${printed}`, style: "small" },
        { text: `Halaman ${currentPage} dari ${pageCount}`, style: "small", alignment: "right", width: "auto" },
      ],
    }),
  };
}

/** An A4 report on the cooperative's letterhead, as PDF bytes. */
export function renderReport(report: ReportDocument): Promise<Buffer> {
  return renderPdf(reportDefinition(report));
}

/** A two-column table of labels and values (a record's fields), for the body of a report. */
export function fieldTable(rows: readonly (readonly [string, string])[]): Content {
  return {
    table: { widths: [150, "*"], body: rows.map(([label, value]) => [{ text: label, color: "#444444" }, { text: value }]) },
    layout: "lightHorizontalLines",
  };
}

/** A table with a header row that repeats on every page. */
export function dataTable(header: readonly string[], rows: readonly (readonly string[])[], widths?: readonly (number | "*" | "auto")[]): Content {
  return {
    table: {
      headerRows: 1,
      widths: widths ? [...widths] : header.map(() => "*"),
      body: [header.map((text) => ({ text, style: "tableHeader" })), ...rows.map((row) => [...row])],
    },
    layout: "lightHorizontalLines",
  };
}
