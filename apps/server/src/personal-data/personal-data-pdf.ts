import { formatRupiah, formatTanggal, formatTanggalJam, rupiah } from "@koperasi/domain";
import { dataTable, fieldTable, renderReport, type Letterhead } from "../pdf";
import type { PersonalData } from "./personal-data";

// The same data as the JSON export, for a person rather than a program: on
// the cooperative's letterhead, one section per kind of data.

const STATUS_LABELS: Readonly<Record<string, string>> = {
  calon: "Calon anggota",
  aktif: "Aktif",
  keluar: "Keluar",
  meninggal: "Meninggal",
  diberhentikan: "Diberhentikan",
};

const LABELS: Readonly<Record<string, string>> = {
  perorangan: "Perorangan",
  badan_hukum: "Badan hukum",
  male: "Laki-laki",
  female: "Perempuan",
  belum_kawin: "Belum kawin",
  kawin: "Kawin",
  cerai_hidup: "Cerai hidup",
  cerai_mati: "Cerai mati",
  gaji: "Gaji",
  usaha: "Usaha",
  pensiun: "Pensiun",
  hasil_investasi: "Hasil investasi",
  warisan: "Warisan",
  hibah: "Hibah",
  lainnya: "Lainnya",
  suami: "Suami",
  istri: "Istri",
  anak: "Anak",
  orang_tua: "Orang tua",
  saudara_kandung: "Saudara kandung",
  cucu: "Cucu",
};

const shown = (value: string | null | undefined) => (value === null || value === undefined || value === "" ? "—" : (LABELS[value] ?? value));
const share = (bp: number | null) => (bp === null ? "—" : `${(bp / 100).toLocaleString("id-ID", { maximumFractionDigits: 2 })}%`);

export async function renderPersonalDataPdf(data: PersonalData, letterhead: Letterhead): Promise<Buffer> {
  const when = (iso: string) => formatTanggalJam(new Date(iso), letterhead.timeZone);
  return renderReport({
    letterhead,
    title: "Data Pribadi Anggota",
    subtitle: `${data.member.fullName} · ${data.member.memberNumber} · disusun ${when(data.exportedAt)}`,
    subject: "Salinan data pribadi anggota",
    printedAt: new Date(data.exportedAt),
    content: [
      {
        text: "Salinan seluruh data pribadi Anda yang disimpan koperasi ini, atas permintaan Anda sendiri (UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi). Simpan dokumen ini dengan aman.",
        style: "small",
        margin: [0, 0, 0, 6],
      },
      { text: "Data keanggotaan", style: "section" },
      fieldTable([
        ["Nama lengkap", data.member.fullName],
        ["Nomor anggota", data.member.memberNumber],
        ["Jenis anggota", shown(data.member.memberType)],
        ["Status", STATUS_LABELS[data.member.status] ?? data.member.status],
        ["Tanggal masuk", formatTanggal(data.member.joinedOn)],
        ["NIK", shown(data.member.nik)],
        ["Tempat, tanggal lahir", `${shown(data.member.birthPlace)}, ${data.member.birthDate ? formatTanggal(data.member.birthDate) : "—"}`],
        ["Jenis kelamin", shown(data.member.gender)],
        ["Status perkawinan", shown(data.member.maritalStatus)],
        ["Nama gadis ibu kandung", shown(data.member.motherMaidenName)],
        ["Alamat", shown(data.member.address)],
        ["Nomor HP", shown(data.member.phone)],
        ["Email", shown(data.member.email)],
        ["Pekerjaan", shown(data.member.occupation)],
        ["Sumber dana", data.member.sourceOfFunds === "lainnya" ? shown(data.member.sourceOfFundsOther) : shown(data.member.sourceOfFunds)],
        ...(data.member.memberType === "badan_hukum"
          ? ([
              ["Nomor badan hukum", shown(data.member.nomorBadanHukum)],
              ["Nomor Induk Koperasi", shown(data.member.nomorIndukKoperasi)],
            ] as [string, string][])
          : []),
        ["Foto / pindaian KTP", `${data.files.photo ? "ada" : "tidak ada"} / ${data.files.ktp ? "ada" : "tidak ada"}`],
        ["Dicatat pada", when(data.member.createdAt)],
        ["Terakhir diubah", data.member.updatedAt ? when(data.member.updatedAt) : "—"],
      ]),
      { text: "Riwayat status", style: "section" },
      data.statusHistory.length === 0
        ? { text: "Belum ada riwayat.", style: "small" }
        : dataTable(
            ["Berlaku", "Dari", "Menjadi", "Alasan"],
            data.statusHistory.map((c) => [formatTanggal(c.effectiveOn), c.fromStatus ? (STATUS_LABELS[c.fromStatus] ?? c.fromStatus) : "—", STATUS_LABELS[c.toStatus] ?? c.toStatus, c.reason]),
            ["auto", "auto", "auto", "*"],
          ),
      { text: "Ahli waris", style: "section" },
      data.heirs.length === 0
        ? { text: "Belum ada ahli waris yang dicatat.", style: "small" }
        : dataTable(
            ["Nama", "Hubungan", "Nomor HP", "Bagian"],
            data.heirs.map((h) => [h.fullName, shown(h.relationship), shown(h.phone), share(h.shareBp)]),
            ["*", "auto", "auto", "auto"],
          ),
      { text: "Akun masuk", style: "section" },
      fieldTable([
        ["Nama", data.login.name],
        ["Email", data.login.email],
        ["Nomor HP", data.login.phone ?? "—"],
        ["Peran di koperasi", data.roles.map((r) => r.label).join(", ")],
      ]),
      { text: "Rekening dan saldo", style: "section" },
      data.accounts.length === 0
        ? { text: "Belum ada rekening.", style: "small" }
        : dataTable(
            ["Kode", "Rekening", "Status", "Saldo"],
            data.accounts.map((a) => [a.accountCode, a.accountName, a.status === "open" ? "Aktif" : "Ditutup", formatRupiah(rupiah(a.balance))]),
            ["auto", "*", "auto", "auto"],
          ),
      { text: "Kartu anggota", style: "section" },
      data.cards.length === 0
        ? { text: "Belum ada kartu.", style: "small" }
        : dataTable(
            ["Nomor kartu", "Terbit", "Dicabut", "Alasan"],
            data.cards.map((c) => [c.serial, when(c.issuedAt), c.revokedAt ? when(c.revokedAt) : "—", c.revokeReason ?? "—"]),
            ["auto", "auto", "auto", "*"],
          ),
    ],
  });
}
