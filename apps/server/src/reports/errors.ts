import { errorTable } from "../errors/app-error";

// Every refusal of the financial reports, with its HTTP status and both messages (see errorTable).

export const reportError = errorTable({
  period_invalid: [
    400,
    "Periode tidak dapat dibaca. Gunakan bulan (2026-11), triwulan (2026-Q4) atau tahun (2026).",
    "The period cannot be read. Use a month (2026-11), a quarter (2026-Q4) or a year (2026).",
    { field: ["Periode tidak sah.", "Invalid period."] },
  ],
  period_in_future: [
    422,
    "Periode ini belum dimulai (hari ini {today}). Pilih periode yang sudah berjalan atau sudah lewat.",
    "This period has not begun (today is {today}). Choose a period that is running or past.",
    { field: ["Periode belum dimulai.", "The period has not begun."] },
  ],
  period_before_koperasi: [
    422,
    "Periode ini berakhir sebelum koperasi mulai mencatat pembukuan ({first}). Pilih periode sejak tanggal itu.",
    "This period ends before the cooperative's books begin ({first}). Choose a period from that date.",
    { field: ["Sebelum pembukuan koperasi dimulai.", "Before the cooperative's books begin."] },
  ],
  known_at_in_future: [
    422,
    "Waktu pengetahuan (knownAt) tidak boleh di masa depan.",
    "The as-known time (knownAt) cannot be in the future.",
    { field: ["Waktu di masa depan.", "A time in the future."] },
  ],
});
