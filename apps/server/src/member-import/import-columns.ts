// The columns of the member spreadsheet, in template order. Headers are
// matched case- and space-insensitively, so a cooperative may reorder them
// or keep its own capitalisation; `field` is the CreateMember field it fills.

export type ImportField =
  | "memberNumber"
  | "fullName"
  | "nik"
  | "birthPlace"
  | "birthDate"
  | "gender"
  | "maritalStatus"
  | "address"
  | "phone"
  | "email"
  | "occupation"
  | "joinedOn"
  | "status";

export interface ImportColumn {
  field: ImportField;
  header: string;
  /** Shown in the template's instructions sheet. */
  hint: string;
  /** Formatted as Text in the template, so Excel keeps every digit and a leading 0. */
  text?: boolean;
  required?: boolean;
  width: number;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { field: "memberNumber", header: "Nomor Anggota", hint: "Nomor anggota yang sudah dipakai koperasi. Kosongkan agar diberi nomor baru otomatis.", text: true, width: 16 },
  { field: "fullName", header: "Nama Lengkap", hint: "Wajib. Sesuai KTP.", required: true, width: 28 },
  { field: "nik", header: "NIK", hint: "16 digit sesuai KTP. Ketik sebagai teks (kolom ini sudah berformat Teks); angka biasa kehilangan digit terakhir.", text: true, width: 20 },
  { field: "birthPlace", header: "Tempat Lahir", hint: "Kota/kabupaten tempat lahir.", width: 16 },
  { field: "birthDate", header: "Tanggal Lahir", hint: "dd/mm/yyyy (mis. 05/08/1968), yyyy-mm-dd, atau sel tanggal Excel. Harus cocok dengan NIK.", width: 14 },
  { field: "gender", header: "Jenis Kelamin", hint: "L (laki-laki) atau P (perempuan). Harus cocok dengan NIK.", width: 8 },
  { field: "maritalStatus", header: "Status Perkawinan", hint: "Belum Kawin, Kawin, Cerai Hidup, atau Cerai Mati.", width: 16 },
  { field: "address", header: "Alamat", hint: "Alamat tempat tinggal.", width: 36 },
  { field: "phone", header: "Nomor HP", hint: "Mis. 081234567890 atau +6281234567890. Kolom ini berformat Teks agar angka 0 di depan tidak hilang.", text: true, width: 18 },
  { field: "email", header: "Email", hint: "Boleh kosong.", width: 24 },
  { field: "occupation", header: "Pekerjaan", hint: "Boleh kosong.", width: 16 },
  { field: "joinedOn", header: "Tanggal Masuk", hint: "Tanggal menjadi anggota; kosong = hari ini. Format seperti Tanggal Lahir.", width: 14 },
  { field: "status", header: "Status", hint: "aktif atau calon; kosong = aktif.", width: 10 },
];

export const foldHeader = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

const BY_HEADER = new Map(IMPORT_COLUMNS.map((column) => [foldHeader(column.header), column]));

export function columnForHeader(header: string): ImportColumn | undefined {
  return BY_HEADER.get(foldHeader(header));
}

/** Excel's column letters for a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
