import { errorTable } from "../errors/app-error";

// Every refusal of the transaction PIN, with its status and both messages.

export const pinError = errorTable({
  pin_format: [400, "PIN transaksi harus 6 angka.", "The transaction PIN must be 6 digits.", { field: ["PIN harus 6 angka.", "The PIN must be 6 digits."] }],
  pin_too_simple: [
    400,
    "PIN terlalu mudah ditebak (angka sama semua atau berurutan). Pilih 6 angka lain.",
    "The PIN is too easy to guess (one digit repeated or a straight run). Choose other digits.",
    { field: ["PIN terlalu mudah ditebak.", "The PIN is too easy to guess."] },
  ],
  pin_not_set: [409, "Anda belum membuat PIN transaksi. Buat PIN dulu di menu Keamanan.", "You have not set a transaction PIN yet. Set one under Security first."],
  pin_wrong: [
    403,
    "PIN transaksi salah. Sisa {left} kali percobaan sebelum PIN dikunci sementara.",
    "Wrong transaction PIN. {left} tries left before the PIN is locked for a while.",
    { field: ["PIN salah.", "Wrong PIN."] },
  ],
  pin_locked: [
    429,
    "PIN transaksi dikunci sementara karena terlalu banyak percobaan yang salah. Coba lagi dalam {wait}, atau atur ulang PIN dengan kode yang dikirim ke HP atau email Anda.",
    "The transaction PIN is locked for a while after too many wrong tries. Try again in {waitEn}, or reset the PIN with a code sent to your phone or e-mail.",
  ],
  login_not_fresh: [
    403,
    "Demi keamanan, PIN transaksi hanya dapat dibuat atau diatur ulang sesaat setelah masuk. Keluar, masuk kembali, lalu ulangi.",
    "For your security, the transaction PIN can only be set or reset soon after signing in. Sign out, sign in again and retry.",
  ],
  contact_not_verified: [
    422,
    "Kode hanya dikirim ke HP atau email yang sudah terverifikasi. Pilih yang lain atau verifikasi dulu.",
    "Codes go only to a verified phone or e-mail. Choose the other one or verify it first.",
    { field: ["Belum terverifikasi.", "Not verified."] },
  ],
});
