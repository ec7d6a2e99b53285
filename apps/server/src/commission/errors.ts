import { errorTable } from "../errors/app-error";

// Every refusal of commission rates, payment settings and fee quotes.

export const commissionError = errorTable({
  rate_date_taken: [
    409,
    "Sudah ada komisi untuk jenis ini yang berlaku mulai tanggal tersebut. Pilih tanggal lain.",
    "A commission of this kind already starts on that date. Choose another date.",
    { field: ["Tanggal sudah dipakai.", "The date is taken."] },
  ],
  amount_invalid: [400, "Jumlah harus Rupiah bulat lebih dari nol.", "The amount must be whole Rupiah above zero.", { field: ["Jumlah tidak sah.", "Invalid amount."] }],
  qris_not_payable: [
    422,
    "Ini kode QRIS milik {merchant}. Bayar dengan aplikasi bank atau e-wallet Anda; QRIS tidak dibayar dari aplikasi koperasi.",
    "This is a QRIS code of {merchant}. Pay it with your bank or e-wallet app; QRIS is not paid from the cooperative's app.",
    { field: ["Kode QRIS: bayar dengan aplikasi bank atau e-wallet.", "A QRIS code: pay with a bank or e-wallet app."] },
  ],
  quote_unknown: [404, "Perhitungan biaya tidak ditemukan. Hitung ulang sebelum membayar.", "The fee quote was not found. Quote again before paying.", { field: ["Tidak ditemukan.", "Not found."] }],
  quote_is_preview: [
    422,
    "Ini hanya pratinjau biaya dan tidak dapat dipakai membayar. Pindai QR penerima untuk menghitung biayanya.",
    "This is only a preview of the fee and cannot pay. Scan the payee's QR to quote the fee.",
    { field: ["Pratinjau tidak dapat dipakai membayar.", "A preview cannot pay."] },
  ],
  quote_payload_mismatch: [
    409,
    "QR yang dibayar berbeda dengan QR yang biayanya dihitung. Hitung ulang biayanya.",
    "The QR being paid differs from the one the fee was quoted for. Quote again.",
    { field: ["QR berbeda.", "A different QR."] },
  ],
  quote_used: [409, "Perhitungan biaya ini sudah dipakai untuk pembayaran lain.", "This fee quote has already been used for a payment.", { field: ["Sudah dipakai.", "Already used."] }],
  quote_stale: [
    409,
    "Biaya berubah atau perhitungannya sudah kedaluwarsa. Biaya sekarang {fee}; periksa lalu konfirmasi lagi.",
    "The fee changed or its quote expired. The fee is now {fee}; check it and confirm again.",
  ],
  staff_pin_above_invalid: [
    400,
    "Batas PIN staf harus Rupiah bulat, nol atau lebih.",
    "The staff PIN threshold must be whole Rupiah, zero or more.",
    { field: ["Jumlah tidak sah.", "Invalid amount."] },
  ],
});
