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
  staff_pin_above_invalid: [
    400,
    "Batas PIN staf harus Rupiah bulat, nol atau lebih.",
    "The staff PIN threshold must be whole Rupiah, zero or more.",
    { field: ["Jumlah tidak sah.", "Invalid amount."] },
  ],
});
