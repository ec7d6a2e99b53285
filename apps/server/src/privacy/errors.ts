import { errorTable } from "../errors/app-error";

// Refusals of the privacy routes (see errorTable).

export const privacyError = errorTable({
  notice_outdated: [
    409,
    "Pemberitahuan privasi telah diperbarui. Baca versi terbaru, lalu berikan pilihan Anda lagi.",
    "The privacy notice has changed. Read the latest version, then make your choice again.",
    { field: ["Versi pemberitahuan sudah tidak berlaku.", "This notice version is no longer current."] },
  ],
  acknowledgement_required: [
    422,
    "Pemberitahuan privasi hanya dapat dinyatakan telah dibaca, tidak ditarik.",
    "The privacy notice can only be acknowledged, not withdrawn.",
    { field: ["Tidak dapat ditarik.", "Cannot be withdrawn."] },
  ],
  request_unknown: [404, "Permintaan tidak ditemukan.", "The request does not exist."],
  request_closed: [409, "Permintaan ini sudah ditutup ({status}) dan tidak dapat diubah lagi.", "This request is already closed ({status}) and cannot be changed."],
  request_step_invalid: [409, "Permintaan berstatus {from} tidak dapat diubah menjadi {to}.", "A request that is {from} cannot become {to}."],
  not_an_erasure: [409, "Hanya permintaan penghapusan yang dapat dijalankan sebagai penghapusan data.", "Only an erasure request can be carried out as an erasure."],
  erasure_no_member: [409, "Permintaan ini tidak terkait data anggota; tidak ada yang dapat dihapus di buku anggota.", "This request is not tied to a member record; there is nothing to erase from the member book."],
  erasure_member_active: [
    409,
    "Keanggotaannya belum berakhir: data yang dipakai keanggotaannya belum dapat dihapus. Tawarkan perbaikan atau pembatasan, atau proses keluarnya dulu.",
    "Her membership has not ended: the data it runs on cannot be erased yet. Offer a correction or restriction, or process her leaving first.",
  ],
  erasure_not_carried_out: [
    409,
    "Permintaan penghapusan diselesaikan dengan menjalankan penghapusannya (tombol Hapus data), atau ditolak dengan alasan.",
    "An erasure request is completed by carrying out the erasure, or rejected with a reason.",
    { field: ["Jalankan penghapusan, atau tolak.", "Carry out the erasure, or reject it."] },
  ],
  drill_unknown: [404, "Latihan pemberitahuan tidak ditemukan.", "The breach-notice drill does not exist."],
  answer_required: [
    422,
    "Tulis jawaban untuk anggota: apa yang dilakukan, atau mengapa tidak, dan data apa yang tetap disimpan beserta alasannya.",
    "Write the answer to the member: what was done, or why not, and what data is kept and why.",
    { field: ["Jawaban wajib diisi untuk menutup permintaan.", "An answer is required to close the request."] },
  ],
});
