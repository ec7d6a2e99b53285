import { DOMAIN_ERRORS } from "@koperasi/domain";
import { errorTable } from "../errors/app-error";

// Every refusal of savings products and the counter, with its HTTP status
// and both messages (see errorTable). Amount refusals share the domain's codes.

export const savingsError = errorTable({
  amount_not_integer: [400, DOMAIN_ERRORS.amount_not_integer.id, DOMAIN_ERRORS.amount_not_integer.en],
  amount_not_positive: [400, DOMAIN_ERRORS.amount_not_positive.id, DOMAIN_ERRORS.amount_not_positive.en],
  amount_too_large: [
    400,
    "Jumlah terlalu besar untuk satu transaksi di loket (paling banyak Rp999.999.999.999). Periksa kembali angkanya.",
    "The amount is too large for one counter transaction (at most Rp999.999.999.999). Check the figure.",
  ],
  member_account_unknown: [422, "Rekening anggota tidak ditemukan.", "The member account does not exist."],
  not_a_member: [
    422,
    "Hanya anggota aktif yang dapat menyetor atau menarik simpanan.",
    "Only active members can deposit or withdraw savings.",
    { field: ["Pemilik rekening bukan anggota aktif.", "The account holder is not an active member."] },
  ],
  account_closed: [422, "Rekening ini sudah ditutup.", "This account is closed.", { field: ["Rekening sudah ditutup.", "The account is closed."] }],
  account_dormant: [
    422,
    "Rekening ini tidak aktif (dormant) karena lama tanpa transaksi. Setor dulu untuk mengaktifkannya kembali, atau hubungi pengurus.",
    "This account is dormant after a long time without movement. Deposit first to wake it, or ask the board.",
    { field: ["Rekening dormant.", "The account is dormant."] },
  ],
  kind_not_withdrawable: [
    422,
    "Simpanan {kind} tidak dapat ditarik selama masih menjadi anggota; simpanan ini dikembalikan saat anggota keluar.",
    "Simpanan {kind} cannot be withdrawn while a member; it is paid back when the member leaves.",
    { field: ["Jenis simpanan ini tidak dapat ditarik.", "This kind of savings cannot be withdrawn."] },
  ],
  exceeds_available: [
    422,
    "Saldo yang dapat ditarik hanya {available} (saldo dikurangi dana ditahan dan saldo minimum).",
    "Only {available} can be withdrawn (balance less holds and the minimum balance).",
    { field: ["Melebihi saldo yang dapat ditarik.", "More than the available balance."] },
  ],
  kind_not_depositable: [
    422,
    "Simpanan {kind} tidak menerima setoran di loket; simpanan berjangka ditempatkan melalui kontraknya.",
    "Simpanan {kind} takes no deposits at the counter; a term deposit is placed through its contract.",
    { field: ["Jenis simpanan ini tidak menerima setoran.", "This kind of savings takes no deposits."] },
  ],
  pokok_exceeded: [
    422,
    "Simpanan pokok dibayar sekali; yang masih harus dibayar {owed}.",
    "Simpanan pokok is paid once; {owed} is still owed.",
    { field: ["Melebihi simpanan pokok yang masih harus dibayar.", "More than the simpanan pokok still owed."] },
  ],
  not_savings_account: [
    422,
    "Rekening ini bukan rekening simpanan (tidak termasuk produk simpanan mana pun).",
    "This account is not a savings account (it belongs to no savings product).",
    { field: ["Bukan rekening simpanan.", "Not a savings account."] },
  ],
  cash_account_missing: [
    422,
    "Akun Kas (1-1100) tidak ada atau sudah ditutup; setoran dan penarikan tunai memerlukannya.",
    "The cash account (1-1100) is missing or closed; cash deposits and withdrawals need it.",
  ],
  product_code_taken: [409, "Kode produk sudah dipakai.", "The product code is already in use.", { field: ["Kode sudah dipakai.", "The code is already in use."] }],
  product_account_invalid: [
    422,
    "Produk simpanan harus berada di bawah akun kontrol yang masih dibuka (mis. 2-1100 Simpanan Sukarela).",
    "A savings product must sit under an open control account (e.g. 2-1100 Simpanan Sukarela).",
    { field: ["Pilih akun kontrol yang masih dibuka.", "Choose an open control account."] },
  ],
  product_unknown: [404, "Produk simpanan tidak ditemukan.", "The savings product does not exist."],
  terms_not_for_kind: [
    400,
    "Ketentuan ini tidak berlaku untuk simpanan {kind}.",
    "This term does not apply to simpanan {kind}.",
    { field: ["Tidak berlaku untuk jenis simpanan ini.", "Does not apply to this kind of savings."] },
  ],
  terms_required: [
    400,
    "Ketentuan ini wajib diisi untuk simpanan {kind}.",
    "This term is required for simpanan {kind}.",
    { field: ["Wajib diisi untuk jenis simpanan ini.", "Required for this kind of savings."] },
  ],
  rate_invalid: [400, "Suku jasa harus antara 0 dan 100 persen per tahun.", "The rate must be between 0 and 100 percent a year.", { field: ["Suku jasa tidak sah.", "Invalid rate."] }],
  terms_date_past: [
    422,
    "Ketentuan baru berlaku paling cepat besok; ketentuan yang sudah berlaku tidak diubah surut.",
    "New terms apply from tomorrow at the earliest; terms already in force are never changed in arrears.",
    { field: ["Pilih tanggal setelah hari ini.", "Choose a date after today."] },
  ],
  hold_unknown: [404, "Dana ditahan tidak ditemukan.", "The hold does not exist."],
  hold_released: [409, "Dana ditahan ini sudah dilepas.", "This hold is already released."],
  request_unknown: [404, "Permintaan penarikan tidak ditemukan.", "The withdrawal request does not exist."],
  request_not_pending: [409, "Permintaan penarikan ini tidak lagi menunggu persetujuan.", "This withdrawal request is no longer awaiting approval."],
  maker_cannot_approve: [
    403,
    "Penarikan harus diputuskan (disetujui atau ditolak) oleh orang lain, bukan oleh yang memasukkannya.",
    "A withdrawal must be decided (approved or rejected) by someone other than whoever entered it.",
  ],
  entry_not_counter: [404, "Bukti transaksi simpanan ini tidak ditemukan.", "No savings receipt for this entry."],
});
