import type { ModuleId } from "./modules";

// What the law asks a cooperative to have ready about its processing of
// personal data (UU 27/2022): the record of processing activities (art. 31),
// and the notice it owes its members and the authority within 3 × 24 hours
// of a breach (art. 46). Pure: the server fills them from the cooperative's
// settings and modules.

export type LegalBasis = "kontrak" | "kewajiban_hukum" | "persetujuan" | "kepentingan_sah";

export const LEGAL_BASIS_TEXT: Readonly<Record<LegalBasis, string>> = {
  kontrak: "Pelaksanaan perjanjian (keanggotaan dan layanan simpan pinjam) — Pasal 20 ayat (2) huruf b UU PDP",
  kewajiban_hukum: "Pemenuhan kewajiban hukum pengendali (pembukuan, pelaporan, anti pencucian uang) — Pasal 20 ayat (2) huruf c UU PDP",
  persetujuan: "Persetujuan yang sah dan eksplisit dari anggota — Pasal 20 ayat (2) huruf a UU PDP",
  kepentingan_sah: "Kepentingan yang sah pengendali (keamanan sistem, pencegahan penipuan) — Pasal 20 ayat (2) huruf f UU PDP",
};

export interface ProcessingActivity {
  readonly id: string;
  readonly name: string;
  readonly purpose: string;
  readonly basis: LegalBasis;
  readonly subjects: string;
  readonly data: readonly string[];
  readonly recipients: string;
  readonly retention: string;
  readonly safeguards: string;
}

const CORE: readonly ProcessingActivity[] = [
  {
    id: "keanggotaan",
    name: "Buku daftar anggota",
    purpose: "Menerima, mencatat dan mengelola keanggotaan; memilih dan mengawasi pengurus; menyelesaikan hak anggota yang keluar atau meninggal.",
    basis: "kontrak",
    subjects: "Calon anggota, anggota, mantan anggota, ahli waris",
    data: ["nama", "NIK", "tempat dan tanggal lahir", "jenis kelamin", "status perkawinan", "nama ibu kandung", "alamat", "nomor HP", "email", "pekerjaan", "foto", "pindaian KTP", "ahli waris"],
    recipients: "Pengurus, pengawas dan petugas koperasi sesuai tugasnya; Kementerian Koperasi bila diminta menurut peraturan",
    retention: "Selama keanggotaan; setelahnya nama, nomor anggota dan NIK 10 tahun bersama catatan keuangan, data lain dihapus atas permintaan",
    safeguards: "NIK, nomor HP dan nama ibu kandung terenkripsi; akses per peran; setiap akses data pribadi tercatat di log audit",
  },
  {
    id: "simpan_pinjam",
    name: "Simpanan, pinjaman dan transaksi",
    purpose: "Menjalankan simpanan, pinjaman, pembayaran dan pembagian SHU; membuat bukti transaksi dan laporan keuangan.",
    basis: "kontrak",
    subjects: "Anggota",
    data: ["nomor anggota", "nama", "saldo", "transaksi", "pinjaman dan angsurannya", "agunan dan penjamin"],
    recipients: "Pengurus, pengawas, kasir; akuntan publik dan RAT dalam bentuk laporan; log transparansi publik hanya memuat sidik kriptografis tanpa data pribadi",
    retention: "10 tahun setelah tahun buku berakhir (kewajiban pembukuan)",
    safeguards: "Buku besar berpasangan yang tidak dapat diubah setelah diposting; log transparansi yang dapat diverifikasi; cadangan harian terenkripsi",
  },
  {
    id: "kewajiban_hukum",
    name: "Pajak, pelaporan dan anti pencucian uang",
    purpose: "Memotong dan melaporkan pajak atas jasa simpanan; menyaring nama terhadap daftar DTTOT; menyimpan identitas pengguna jasa.",
    basis: "kewajiban_hukum",
    subjects: "Anggota",
    data: ["NIK", "nama", "jasa simpanan dan pajak yang dipotong", "hasil penyaringan daftar"],
    recipients: "Direktorat Jenderal Pajak; PPATK bila diwajibkan",
    retention: "Identitas 5 tahun setelah hubungan usaha berakhir; bukti potong pajak 10 tahun",
    safeguards: "Akses hanya bendahara dan pengawas; keputusan penyaringan tercatat",
  },
  {
    id: "keamanan",
    name: "Akun dan keamanan",
    purpose: "Masuk ke aplikasi, verifikasi dua langkah, PIN transaksi, pencegahan penyalahgunaan.",
    basis: "kepentingan_sah",
    subjects: "Pengguna aplikasi (anggota, pengurus, pengawas, petugas)",
    data: ["email", "nomor HP", "kata sandi (hash)", "PIN transaksi (hash)", "sesi dan alamat IP", "log audit"],
    recipients: "Tidak ada di luar koperasi dan operator platform",
    retention: "Sesi sehari setelah kedaluwarsa; log audit selama catatan yang diaudit disimpan",
    safeguards: "Kata sandi dan kode disimpan sebagai hash; log server tidak memuat NIK, nomor HP, kode atau token",
  },
];

const BY_MODULE: Readonly<Partial<Record<ModuleId, ProcessingActivity>>> = {
  berita: {
    id: "berita",
    name: "Berita dan penawaran",
    purpose: "Mengirim berita dan penawaran koperasi kepada anggota yang menyetujuinya.",
    basis: "persetujuan",
    subjects: "Anggota yang menyetujui tujuan pemasaran",
    data: ["nama", "email", "nomor HP"],
    recipients: "Tidak ada di luar koperasi",
    retention: "Sampai persetujuan ditarik",
    safeguards: "Persetujuan dan penarikannya tercatat beserta versi pemberitahuan",
  },
  umkm: {
    id: "umkm",
    name: "Direktori UMKM anggota",
    purpose: "Menampilkan usaha anggota kepada anggota lain dan menerima pembayaran ke usaha itu.",
    basis: "persetujuan",
    subjects: "Anggota pemilik usaha yang menyetujui tujuan direktori UMKM",
    data: ["nama", "nama dan jenis usaha", "kontak usaha"],
    recipients: "Anggota lain koperasi",
    retention: "Sampai persetujuan ditarik atau usaha dihapus",
    safeguards: "Hanya anggota yang masuk yang melihat direktori",
  },
  obrolan: {
    id: "obrolan",
    name: "Obrolan",
    purpose: "Percakapan antara anggota dan pengurus atau petugas.",
    basis: "kontrak",
    subjects: "Anggota dan petugas yang bercakap",
    data: ["isi pesan", "waktu", "pengirim"],
    recipients: "Peserta percakapan",
    retention: "Selama keanggotaan",
    safeguards: "Hanya peserta percakapan yang dapat membaca",
  },
};

/** The cooperative's record of processing: the core activities, then one per switched-on module that processes personal data. */
export function processingRecord(enabledModules: readonly ModuleId[]): ProcessingActivity[] {
  return [...CORE, ...enabledModules.flatMap((id) => (BY_MODULE[id] ? [BY_MODULE[id]] : []))];
}

/** Members and the authority are told of a breach within 3 × 24 hours of its discovery. */
export const BREACH_NOTICE_HOURS = 72;

export interface BreachNoticeInput {
  koperasiName: string;
  /** When the breach was found, as the reader should see it (e.g. "8 Desember 2026 09.15 WIB"). */
  discoveredAt: string;
  dataKinds: readonly string[];
  whatHappened: string;
  measures: string;
  contact: string;
  /** A drill: the notice says so in its first line, and nobody should act on it. */
  drill: boolean;
}

/** The notice of art. 46 (which data, when and how, what is being done), in Bahasa Indonesia. */
export function breachNotice(input: BreachNoticeInput): { title: string; body: string } {
  const drill = input.drill ? "LATIHAN — bukan kejadian sebenarnya. " : "";
  return {
    title: `${drill}Pemberitahuan kegagalan pelindungan data pribadi — ${input.koperasiName}`,
    body: [
      `${drill}${input.koperasiName} memberitahukan kegagalan pelindungan data pribadi yang diketahui pada ${input.discoveredAt}, sesuai Pasal 46 UU 27/2022.`,
      `Data pribadi yang terungkap: ${input.dataKinds.join(", ")}.`,
      `Kapan dan bagaimana: ${input.whatHappened}`,
      `Upaya penanganan dan pemulihan: ${input.measures}`,
      `Pertanyaan dan permintaan: ${input.contact}.`,
    ].join("\n\n"),
  };
}
