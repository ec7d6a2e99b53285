import { loadExcel } from "../files/excel";
import { IMPORT_COLUMNS } from "./import-columns";

// The file a cooperative fills in. NIK, phone and member number columns are
// formatted as Text before anything is typed, so Excel keeps all 16 digits
// of a NIK and the 0 in front of a phone number.

const EXAMPLE: Record<string, string> = {
  memberNumber: "AGT-000123",
  fullName: "Budi Santoso",
  nik: "3515140508680001",
  birthPlace: "Sidoarjo",
  birthDate: "05/08/1968",
  gender: "L",
  maritalStatus: "Kawin",
  address: "Jl. Diponegoro 12, Sidoarjo",
  phone: "081234567890",
  email: "budi@contoh.id",
  occupation: "Petani",
  joinedOn: "02/01/2020",
  status: "aktif",
};

const INSTRUCTIONS = [
  "Petunjuk pengisian daftar anggota",
  "",
  "1. Isi lembar \"Anggota\": satu baris untuk satu anggota, mulai baris 2. Jangan mengubah baris judul. Contoh isian ada di tabel di bawah.",
  "2. Kolom NIK, Nomor HP dan Nomor Anggota sudah berformat Teks. Jangan ubah menjadi Angka: Excel membulatkan NIK 16 digit dan menghapus angka 0 di depan nomor HP.",
  "3. Tanggal ditulis dd/mm/yyyy (mis. 05/08/1968) atau yyyy-mm-dd, atau sebagai sel tanggal Excel.",
  "4. Nomor Anggota boleh dikosongkan; anggota itu akan mendapat nomor baru otomatis. Isi bila koperasi sudah memakai nomor sendiri.",
  "5. Sebelum diimpor, berkas selalu diperiksa (uji coba). Semua masalah ditampilkan per baris dan kolom; perbaiki lalu unggah ulang.",
  "6. Impor berlaku semua atau tidak sama sekali: bila satu baris bermasalah, tidak ada anggota yang disimpan.",
  "7. Berkas yang sama tidak akan diimpor dua kali.",
  "",
  "Keterangan kolom:",
];

export async function importTemplateXlsx(): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = "Koperasi Pintar";
  const sheet = workbook.addWorksheet("Anggota", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((column) => ({ header: column.header, key: column.field, width: column.width, style: column.text ? { numFmt: "@" } : {} }));
  sheet.getRow(1).font = { bold: true };
  const instructions = workbook.addWorksheet("Petunjuk");
  instructions.getColumn(1).width = 22;
  instructions.getColumn(2).width = 100;
  instructions.getColumn(3).width = 30;
  for (const line of INSTRUCTIONS) instructions.addRow([line]);
  instructions.getRow(1).font = { bold: true, size: 13 };
  instructions.addRow(["Kolom", "Keterangan", "Contoh"]).font = { bold: true };
  for (const column of IMPORT_COLUMNS) instructions.addRow([column.header, `${column.required ? "Wajib. " : ""}${column.hint}`, EXAMPLE[column.field] ?? ""]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvField = (value: string) => (/[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The header row as CSV, with a byte-order mark so Excel opens it as UTF-8; the example is in the xlsx's instructions. */
export function importTemplateCsv(): string {
  return `\uFEFF${IMPORT_COLUMNS.map((column) => csvField(column.header)).join(",")}\r\n`;
}
