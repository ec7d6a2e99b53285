import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { loadExcel } from "../files/excel";
import { columnForHeader, columnLetter, type ImportField } from "./import-columns";

// Reads an uploaded member spreadsheet — .xlsx or CSV — into cells that keep
// what kind of value the file held. The kind matters: a NIK Excel stored as a
// number has already lost its last digits, and a phone stored as a number
// has lost its leading 0, so the checks must see the number, not a string.

export type Cell =
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "date"; iso: string };

export interface SheetRow {
  /** The row number as the spreadsheet shows it (header is row 1). */
  rowNumber: number;
  cells: Partial<Record<ImportField, Cell>>;
}

export interface Sheet {
  rows: SheetRow[];
  /** Column letter per field, for problems "Baris 7, kolom C (NIK)". */
  columns: Partial<Record<ImportField, string>>;
  /** Headers the template does not know; reported, never guessed at. */
  unknownHeaders: { column: string; header: string }[];
}

export class SheetUnreadable extends Error {}

const isZip = (bytes: Buffer) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

export async function readSheet(bytes: Buffer): Promise<Sheet> {
  return isZip(bytes) ? readXlsx(bytes) : readCsv(bytes);
}

function isoOfDate(date: Date): string {
  // Excel date cells carry no zone; exceljs reads them as UTC midnight.
  return date.toISOString().slice(0, 10);
}

function cellOf(value: ExcelJS.CellValue): Cell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "string") return value.trim() === "" ? undefined : { kind: "text", text: value.trim() };
  if (typeof value === "boolean") return { kind: "text", text: String(value) };
  if (value instanceof Date) return { kind: "date", iso: isoOfDate(value) };
  if ("richText" in value) return cellOf(value.richText.map((part) => part.text).join(""));
  if ("result" in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
  if ("text" in value && typeof value.text === "string") return cellOf(value.text);
  return undefined;
}

function mapHeaders(headers: readonly string[]): Pick<Sheet, "columns" | "unknownHeaders"> & { fieldAt: (ImportField | undefined)[] } {
  const columns: Partial<Record<ImportField, string>> = {};
  const unknownHeaders: Sheet["unknownHeaders"] = [];
  const fieldAt = headers.map((header, index) => {
    if (header.trim() === "") return undefined;
    const column = columnForHeader(header);
    if (!column || columns[column.field] !== undefined) {
      unknownHeaders.push({ column: columnLetter(index + 1), header });
      return undefined;
    }
    columns[column.field] = columnLetter(index + 1);
    return column.field;
  });
  return { columns, unknownHeaders, fieldAt };
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new SheetUnreadable("xlsx");
  }
  // The data sheet is "Anggota" in the template; otherwise the first sheet.
  const sheet = workbook.getWorksheet("Anggota") ?? workbook.worksheets[0];
  if (!sheet) throw new SheetUnreadable("no sheet");
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c += 1) {
    const cell = cellOf(headerRow.getCell(c).value);
    headers.push(cell?.kind === "text" ? cell.text : "");
  }
  const { columns, unknownHeaders, fieldAt } = mapHeaders(headers);
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: SheetRow["cells"] = {};
    fieldAt.forEach((field, index) => {
      if (!field) return;
      const cell = cellOf(row.getCell(index + 1).value);
      if (cell) cells[field] = cell;
    });
    if (Object.keys(cells).length > 0) rows.push({ rowNumber, cells });
  });
  return { rows, columns, unknownHeaders };
}

/** Indonesian Excel saves CSV with ";" (its decimal separator is ","), others with ","; the header line tells which. */
function delimiterOf(bytes: Buffer): string {
  const firstLine = bytes.subarray(0, 4096).toString("utf8").split(/\r?\n/, 1)[0] ?? "";
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

function readCsv(bytes: Buffer): Sheet {
  let records: string[][];
  try {
    records = parse(bytes, { bom: true, delimiter: delimiterOf(bytes), relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch {
    throw new SheetUnreadable("csv");
  }
  const [headers = [], ...body] = records;
  const { columns, unknownHeaders, fieldAt } = mapHeaders(headers);
  const rows: SheetRow[] = [];
  body.forEach((record, index) => {
    const cells: SheetRow["cells"] = {};
    fieldAt.forEach((field, column) => {
      const text = record[column]?.trim() ?? "";
      if (field && text !== "") cells[field] = { kind: "text", text };
    });
    if (Object.keys(cells).length > 0) rows.push({ rowNumber: index + 2, cells });
  });
  return { rows, columns, unknownHeaders };
}
