// A member's rights over her personal data (UU 27/2022 on personal data
// protection): the notice she is shown, the purposes she may agree to or
// refuse, and her requests with their deadline and the steps a request goes
// through. Pure rules; the server stores and serves them.

/** The version of the privacy notice now shown (a date: the day its text last changed). */
export const PRIVACY_NOTICE_VERSION = "2026-12-08";

export const CONSENT_PURPOSES = ["pemberitahuan", "pemasaran", "direktori_umkm"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * What each purpose covers. Membership itself and the books do not rest on
 * consent but on the membership contract and the law (the cooperative must
 * keep financial records): they are in the notice, not among the choices.
 */
export const CONSENT_PURPOSE_TEXT: Readonly<Record<ConsentPurpose, { id: string; en: string; required: boolean }>> = {
  pemberitahuan: {
    id: "Saya telah membaca pemberitahuan privasi ini.",
    en: "I have read this privacy notice.",
    required: true,
  },
  pemasaran: {
    id: "Koperasi boleh mengirimi saya berita dan penawaran (modul Berita) lewat email, SMS atau aplikasi.",
    en: "The cooperative may send me news and offers (the Berita module) by e-mail, SMS or in the app.",
    required: false,
  },
  direktori_umkm: {
    id: "Nama dan usaha saya boleh tampil di direktori UMKM koperasi yang dapat dilihat anggota lain.",
    en: "My name and business may appear in the cooperative's UMKM directory, seen by other members.",
    required: false,
  },
};

/** The notice's text, in Bahasa Indonesia; `{koperasi}` is the cooperative's name. */
export const PRIVACY_NOTICE_TEXT = [
  "{koperasi} (pengendali data) mengolah data pribadi Anda untuk menjalankan keanggotaan, simpanan, pinjaman dan transaksi Anda, dan untuk memenuhi kewajiban hukum koperasi (pembukuan, pelaporan, pencegahan pencucian uang).",
  "Data yang diolah: identitas (nama, NIK, tempat dan tanggal lahir, nama ibu kandung), kontak (HP, email, alamat), foto dan pindaian KTP, ahli waris, serta seluruh transaksi keuangan Anda.",
  "NIK, nomor HP dan nama ibu kandung disimpan terenkripsi. Data diakses hanya oleh pengurus, pengawas dan petugas yang tugasnya memerlukan, dan setiap akses tercatat.",
  "Catatan keuangan disimpan selama 10 tahun setelah tahun buku berakhir, sesuai kewajiban pembukuan; data lain dihapus atas permintaan Anda bila tidak lagi diperlukan.",
  "Anda berhak mengakses dan mengunduh data Anda, meminta perbaikan, pembatasan atau penghapusan, serta mengajukan keberatan. Permintaan dijawab paling lambat 3 × 24 jam.",
  "Persetujuan untuk pemasaran dan direktori UMKM bersifat pilihan dan dapat ditarik kapan saja tanpa memengaruhi keanggotaan Anda.",
].join("\n\n");

export const PRIVACY_REQUEST_KINDS = ["akses", "perbaikan", "pembatasan", "penghapusan", "keberatan"] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

export const PRIVACY_REQUEST_STATUSES = ["diterima", "diproses", "selesai", "ditolak"] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

/** A request is answered within 3 × 24 hours of being received. */
export const PRIVACY_REQUEST_HOURS = 72;

export function privacyRequestDueAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + PRIVACY_REQUEST_HOURS * 3_600_000);
}

/** Still waiting for its answer after the deadline. */
export function privacyRequestOverdue(request: { status: PrivacyRequestStatus; dueAt: Date }, now: Date): boolean {
  return (request.status === "diterima" || request.status === "diproses") && now.getTime() > request.dueAt.getTime();
}

const NEXT: Readonly<Record<PrivacyRequestStatus, readonly PrivacyRequestStatus[]>> = {
  diterima: ["diproses", "selesai", "ditolak"],
  diproses: ["selesai", "ditolak"],
  selesai: [],
  ditolak: [],
};

/** Whether a request may move from one status to another: forward only, and a closed request stays closed. */
export function privacyRequestMayMove(from: PrivacyRequestStatus, to: PrivacyRequestStatus): boolean {
  return NEXT[from].includes(to);
}

/** A closing status needs a written answer to the member (what was done, or why not, and what was kept and why). */
export function privacyRequestNeedsAnswer(to: PrivacyRequestStatus): boolean {
  return to === "selesai" || to === "ditolak";
}
