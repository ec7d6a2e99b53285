import { errorTable } from "../errors/app-error";

// Every refusal of a member import, with its HTTP status and both messages.
// A row's own problems are listed by the dry run (check-rows.ts); these are
// the refusals of the file or of the import as a whole.

export const importError = errorTable({
  file_unreadable: [
    400,
    "Berkas tidak dapat dibaca. Unggah berkas Excel (.xlsx) atau CSV dari templat impor.",
    "The file cannot be read. Upload an .xlsx or CSV file made from the import template.",
    { field: ["Bukan berkas .xlsx atau CSV yang dapat dibaca.", "Not a readable .xlsx or CSV file."] },
  ],
  import_has_problems: [
    422,
    "Impor dibatalkan: {count} masalah harus diperbaiki dulu. Jalankan pemeriksaan (uji coba) untuk melihat daftarnya.",
    "Import refused: {count} problems must be fixed first.",
  ],
  member_number_taken: [
    409,
    "Nomor anggota {memberNumber} sudah dipakai.",
    "This member number is already in use.",
    { field: ["Nomor anggota sudah dipakai.", "The member number is already in use."] },
  ],
});
