import type ExcelJS from "exceljs";

/**
 * exceljs, loaded on first use: most requests and every start-up need no
 * spreadsheet, and loading it costs a tenth of a second of CPU. Node keeps
 * the module once loaded, so later calls cost nothing.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}
