import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readDate } from "./check-rows";
import { importTemplateCsv, importTemplateXlsx } from "./import-template";
import { readSheet } from "./read-sheet";

// Reading real spreadsheets: cells keep the kind Excel stored them as, so
// a NIK that became a number is seen as one.

async function xlsx(rows: unknown[][], sheetName = "Anggota"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("reading an .xlsx member sheet", () => {
  it("keeps text, number and date cells apart, and maps headers to fields whatever their case", async () => {
    const bytes = await xlsx([
      ["nama lengkap", "NIK", "Nomor HP", "TANGGAL LAHIR", "Kolom Lain"],
      // Excel keeps 15 significant digits: a NIK typed into a number cell is stored as …0000.
      ["Budi Santoso", 3515140508680000, 81234567890, new Date(Date.UTC(1968, 7, 5)), "x"],
      ["Siti Aminah", "3515144508680002", "081234567891", "05/08/1968", ""],
    ]);
    const sheet = await readSheet(bytes);
    expect(sheet.columns).toEqual({ fullName: "A", nik: "B", phone: "C", birthDate: "D" });
    expect(sheet.unknownHeaders).toEqual([{ column: "E", header: "Kolom Lain" }]);
    expect(sheet.rows).toHaveLength(2);
    const [budi, siti] = sheet.rows;
    expect(budi!.rowNumber).toBe(2);
    expect(budi!.cells.nik).toEqual({ kind: "number", value: 3515140508680000 });
    expect(budi!.cells.phone).toEqual({ kind: "number", value: 81234567890 });
    expect(budi!.cells.birthDate).toEqual({ kind: "date", iso: "1968-08-05" });
    expect(siti!.cells).toMatchObject({ nik: { kind: "text", text: "3515144508680002" }, phone: { kind: "text", text: "081234567891" }, birthDate: { kind: "text", text: "05/08/1968" } });
  });

  it("skips empty rows but keeps the spreadsheet's row numbers", async () => {
    const sheet = await readSheet(await xlsx([["Nama Lengkap"], ["Budi"], [], ["Siti"]]));
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([2, 4]);
  });
});

describe("reading a CSV member sheet", () => {
  it("reads comma and semicolon CSV (with a BOM) as text, an address's comma kept inside quotes", async () => {
    const comma = await readSheet(Buffer.from('\uFEFFNama Lengkap,NIK,Alamat\r\nBudi,3.51514E+15,"Jl. Mawar 1, Sidoarjo"\r\n'));
    expect(comma.rows[0]!.cells).toEqual({ fullName: { kind: "text", text: "Budi" }, nik: { kind: "text", text: "3.51514E+15" }, address: { kind: "text", text: "Jl. Mawar 1, Sidoarjo" } });
    const semicolon = await readSheet(Buffer.from("Nama Lengkap;Alamat\nSiti;Jl. Melati 2, Malang\n"));
    expect(semicolon.rows[0]!.cells.address).toEqual({ kind: "text", text: "Jl. Melati 2, Malang" });
  });
});

describe("dates", () => {
  it("accepts dd/mm/yyyy, yyyy-mm-dd and date cells; refuses impossible dates and bare numbers", () => {
    expect(readDate({ kind: "text", text: "05/08/1968" })).toBe("1968-08-05");
    expect(readDate({ kind: "text", text: "5-8-1968" })).toBe("1968-08-05");
    expect(readDate({ kind: "text", text: "1968-08-05" })).toBe("1968-08-05");
    expect(readDate({ kind: "date", iso: "1968-08-05" })).toBe("1968-08-05");
    expect(readDate({ kind: "text", text: "31/02/1968" })).toBeUndefined();
    expect(readDate({ kind: "text", text: "08/05/68" })).toBeUndefined();
    expect(readDate({ kind: "number", value: 25055 })).toBeUndefined();
  });
});

describe("the import template", () => {
  it("has the header row, NIK and phone columns formatted as Text, and instructions in Bahasa Indonesia", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await importTemplateXlsx()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Anggota")!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain("NIK");
    expect(headers).toContain("Nomor HP");
    const nikColumn = headers.indexOf("NIK") + 1;
    const phoneColumn = headers.indexOf("Nomor HP") + 1;
    expect(sheet.getColumn(nikColumn).numFmt).toBe("@");
    expect(sheet.getColumn(phoneColumn).numFmt).toBe("@");
    expect(sheet.getColumn(headers.indexOf("Nama Lengkap") + 1).numFmt).not.toBe("@");
    const instructions = workbook.getWorksheet("Petunjuk")!;
    expect(String(instructions.getCell("A1").value)).toBe("Petunjuk pengisian daftar anggota");
    // The template reads back as an empty sheet with every column known.
    const read = await readSheet(await importTemplateXlsx());
    expect(read.rows).toEqual([]);
    expect(read.unknownHeaders).toEqual([]);
    const csv = await readSheet(Buffer.from(importTemplateCsv()));
    expect(Object.keys(csv.columns)).toHaveLength(headers.length);
  });
});
