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
        ["Status", STATUS_LABELS[data.member.status] ?? data.member.status],
        ["Tanggal masuk", formatTanggal(data.member.joinedOn)],
        ["Dicatat pada", when(data.member.recordedAt)],
      ]),
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
