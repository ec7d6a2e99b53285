// Documents on the cooperative's letterhead: build a body with pdfmake's
// content nodes, wrap it with renderReport (A4) or renderPdf (any page).
export { renderPdf, PDF_FONT } from "./render";
export { letterheadOf, letterheadBlock, letterheadLines, type Letterhead } from "./letterhead";
export { renderReport, reportDefinition, fieldTable, dataTable, REPORT_STYLES, type ReportDocument } from "./report-document";
export { qrSvg, qrBlock } from "./qr";
