import { errorTable } from "../errors/app-error";

// Every refusal of the SHU settings and flow, with its HTTP status and both messages.

/** The flow's steps as the refusals name them (Indonesian). */
export const SHU_STATUS_LABELS = { calculated: "dihitung", reviewed: "ditinjau", approved: "disetujui RAT", distributed: "dibagikan" } as const;

export const shuError = errorTable({
  percentages_not_100: [
    400,
    "Persentase pembagian SHU harus berjumlah tepat 100%; sekarang berjumlah {total}%.",
    "The SHU split must total exactly 100%; it totals {total}%.",
    { field: ["Jumlah semua persentase harus 100%.", "All percentages must total 100%."] },
  ],
  percent_invalid: [
    400,
    "Persentase harus antara 0 dan 100 dengan paling banyak 2 angka desimal.",
    "A percentage must be between 0 and 100 with at most 2 decimals.",
    { field: ["Persentase tidak sah.", "Invalid percentage."] },
  ],
  setting_date_past: [
    422,
    "Pembagian SHU yang baru berlaku paling cepat hari ini; ketentuan yang sudah berlaku tidak diubah surut.",
    "A new SHU split applies from today at the earliest; a split already in force is never changed in arrears.",
    { field: ["Pilih hari ini atau tanggal sesudahnya.", "Choose today or a later date."] },
  ],
  setting_date_taken: [
    409,
    "Sudah ada pembagian SHU yang berlaku mulai tanggal itu; pilih tanggal lain.",
    "A SHU split already applies from that date; choose another.",
    { field: ["Tanggal sudah dipakai.", "Date already taken."] },
  ],
  product_unknown: [
    422,
    "Produk simpanan yang dipilih untuk jasa modal tidak ditemukan.",
    "A savings product chosen for jasa modal does not exist.",
    { field: ["Produk simpanan tidak ditemukan.", "Savings product not found."] },
  ],
  year_not_closed: [
    422,
    "SHU hanya dihitung untuk tahun buku yang sudah ditutup (tutup buku). Tahun {year} belum ditutup.",
    "SHU is calculated only for a closed book year. {year} is not closed.",
    { field: ["Tahun buku belum ditutup.", "The book year is not closed."] },
  ],
  no_surplus: [
    422,
    "Tahun {year} tidak menghasilkan SHU positif (hasilnya {result}); tidak ada yang dibagikan.",
    "{year} produced no positive SHU (its result is {result}); there is nothing to share.",
  ],
  calculation_unknown: [404, "SHU tahun {year} belum dihitung.", "The SHU of {year} has not been calculated."],
  already_reviewed: [
    409,
    "SHU tahun {year} sudah {status}; angkanya tidak dihitung ulang.",
    "The SHU of {year} is already past calculation ({status}); its figures are not recalculated.",
  ],
  wrong_status: [
    409,
    "SHU tahun {year} berstatus {status}; langkah ini hanya untuk SHU yang berstatus {expected}.",
    "The SHU of {year} is {status}; this step needs it to be {expected}.",
  ],
  already_distributed: [409, "SHU tahun {year} sudah dibagikan dan tidak dapat dibagikan lagi.", "The SHU of {year} is already distributed and cannot be distributed again."],
  calculator_cannot_review: [
    403,
    "Perhitungan SHU harus ditinjau oleh orang lain, bukan oleh yang menghitungnya.",
    "The SHU calculation must be reviewed by someone other than whoever calculated it.",
  ],
  rat_date_invalid: [
    422,
    "Tanggal RAT harus sesudah akhir tahun buku {year} dan tidak di masa depan.",
    "The RAT's date must be after the end of book year {year} and not in the future.",
    { field: ["Tanggal RAT tidak sah.", "Invalid RAT date."] },
  ],
  account_missing: [
    422,
    "Akun {code} tidak ada atau sudah ditutup; pembagian SHU memerlukannya.",
    "Account {code} is missing or closed; distributing the SHU needs it.",
  ],
  shu_balance_short: [
    422,
    "Saldo SHU Tahun Berjalan ({balance}) kurang dari SHU yang akan dibagikan ({shu}); periksa jurnal sesudah tutup buku.",
    "The SHU Tahun Berjalan balance ({balance}) is less than the SHU to distribute ({shu}); check the entries made after the year-end close.",
  ],
});
