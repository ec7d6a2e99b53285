import { DOMAIN_ERRORS } from "@koperasi/domain";
import { errorTable } from "../errors/app-error";

// Every refusal the member book gives — registering, correcting, status,
// heirs, photo and KTP, a member's own contact change — with its HTTP
// status and both messages, in one table (see errorTable).

export const memberError = errorTable({
  invalid_input: [400, "Data yang dikirim tidak sah.", "The request is invalid."],
  identifier_in_url: [
    400,
    "NIK dan nomor telepon tidak boleh dikirim di alamat (URL). Cari lewat POST …/members/search dengan kolom nik atau phone.",
    "NIK and phone numbers must not be sent in the URL. Search with POST …/members/search and its nik or phone field.",
    { field: ["Gunakan pencarian NIK/telepon.", "Use the NIK/phone search."] },
  ],
  phone_invalid: [400, DOMAIN_ERRORS.phone_invalid.id, DOMAIN_ERRORS.phone_invalid.en],
  nik_invalid: [400, "NIK tidak sah: {reason}", "Invalid NIK: {reasonEn}"],
  nik_mismatch: [400, "NIK tidak cocok dengan tanggal lahir atau jenis kelamin yang diisi.", "The NIK does not match the birth date or gender entered."],
  nik_taken: [
    409,
    "NIK ini sudah terdaftar sebagai anggota koperasi ini.",
    "This NIK is already registered with this cooperative.",
    { field: ["NIK sudah terdaftar.", "The NIK is already registered."] },
  ],
  member_number_taken: [
    409,
    "Nomor anggota ini sudah dipakai.",
    "This member number is already in use.",
    { field: ["Nomor anggota sudah dipakai.", "The member number is already in use."] },
  ],
  under_age: [
    400,
    "Calon anggota belum cukup umur: minimal 17 tahun pada tanggal masuk, atau sudah/pernah kawin.",
    "The applicant is under age: at least 17 on the join date, or married.",
    { field: ["Belum 17 tahun pada tanggal masuk dan belum pernah kawin.", "Not 17 on the join date and never married."] },
  ],
  member_application_pending: [
    409,
    "Calon anggota ini mempunyai permohonan keanggotaan yang menunggu keputusan; setujui atau tolak melalui Permohonan Keanggotaan.",
    "This candidate has a membership application awaiting decision; approve or reject it through the applications.",
    { field: ["Putuskan melalui Permohonan Keanggotaan.", "Decide it through the membership applications."] },
  ],
  member_status_transition: [
    409,
    "Status anggota tidak dapat diubah dari {fromLabel} menjadi {toLabel}.",
    "A member cannot go from {from} to {to}.",
    { field: ["Tidak dapat dari {fromLabel} ke {toLabel}.", "Cannot go from {from} to {to}."] },
  ],
  member_status_date: [
    400,
    "Tanggal berlaku tidak boleh sebelum {notBefore}.",
    "The effective date may not be before {notBefore}.",
    { field: ["Tidak boleh sebelum {notBefore}.", "Not before {notBefore}."] },
  ],
  member_has_balance: [
    409,
    "Anggota masih memiliki saldo. Selesaikan pembayaran simpanan dan kewajibannya terlebih dahulu.",
    "The member still has balances. Settle them first.",
  ],
  application_screening_held: [
    409,
    "Calon anggota ini cocok dengan daftar penyaringan dan menunggu keputusan pengawas.",
    "This applicant matches a screening list and awaits the supervisors' review.",
  ],
  heir_phone_invalid: [
    400,
    "Nomor telepon ahli waris tidak sah.",
    "The heir's phone number is not valid.",
    { code: "phone_invalid", field: ["Nomor telepon tidak sah. Contoh: 0812-3456-7890.", "Not a valid phone number. Example: 0812-3456-7890."] },
  ],
  heir_shares_exceed: [
    400,
    "Jumlah bagian ahli waris melebihi 100%.",
    "The heirs' shares add up to more than 100%.",
    { field: ["Sisa bagian yang dapat dibagi {left}%.", "{left}% is left to share."] },
  ],
  image_invalid: [400, "Gambar rusak atau tidak dapat dibaca.", "The image is damaged or unreadable."],
  ktp_hidden: [403, "Pindaian KTP hanya dapat dilihat pengelola buku anggota.", "Only the register's keepers may see the KTP scan.", { code: "forbidden" }],
  member_not_open: [
    409,
    "Nomor HP dan email hanya dapat diubah sendiri oleh anggota aktif atau calon anggota. Silakan hubungi pengurus koperasi.",
    "Only an active member or a candidate can change her own phone or e-mail. Please contact the cooperative's office.",
  ],
  contact_unchanged: [
    400,
    "Ini sudah {channel} Anda yang tercatat. Isi {channel} yang baru.",
    "This is already your {channelEn} on record. Enter a new one.",
    { field: ["Sama dengan {channel} Anda sekarang.", "The same as your current {channelEn}."] },
  ],
  contact_change_not_requested: [
    409,
    "Tidak ada perubahan {channel} yang menunggu konfirmasi. Minta kode terlebih dahulu.",
    "There is no {channelEn} change waiting to be confirmed. Ask for a code first.",
    { field: ["Minta kode terlebih dahulu.", "Ask for a code first."] },
  ],
  contact_change_superseded: [
    409,
    "Permintaan ini sudah diganti oleh permintaan yang lebih baru. Pakai kode yang terakhir dikirim, atau minta kode baru.",
    "This request was replaced by a newer one. Use the latest code sent, or ask for a new one.",
    { field: ["Pakai kode yang terakhir dikirim.", "Use the latest code sent."] },
  ],
  code_not_sent: [
    502,
    "Kode tidak dapat dikirim saat ini. Periksa kembali nomor HP atau email, lalu coba lagi beberapa saat lagi.",
    "The code could not be sent. Check the number or address and try again shortly.",
  ],
});
