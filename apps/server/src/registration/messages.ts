import type { EmailMessage, SmsMessage } from "../messaging/messenger";

// The words of every message registration sends, in Bahasa Indonesia.

/** SMS should stay within one or two segments: a long cooperative name is shortened. */
function short(name: string, max = 40): string {
  return name.length <= max ? name : `${name.slice(0, max - 1).trimEnd()}…`;
}

export function emailCodeMessage(to: string, adminName: string, koperasiName: string, code: string): EmailMessage {
  return {
    to,
    subject: `Kode verifikasi pendaftaran ${koperasiName}`,
    text: [
      `Halo ${adminName},`,
      "",
      `Kode verifikasi email untuk pendaftaran ${koperasiName} di Koperasi Pintar:`,
      "",
      `    ${code}`,
      "",
      "Kode berlaku 10 menit dan hanya dapat dipakai sekali. Jangan berikan kode ini kepada siapa pun, termasuk petugas Koperasi Pintar.",
      "",
      "Abaikan email ini bila Anda tidak sedang mendaftarkan koperasi.",
    ].join("\n"),
  };
}

export function smsCodeMessage(to: string, koperasiName: string, code: string): SmsMessage {
  return { to, text: `Kode verifikasi pendaftaran ${short(koperasiName)}: ${code}. Berlaku 10 menit. Jangan berikan kepada siapa pun.` };
}

export function submittedMessage(to: string, adminName: string, koperasiName: string, koperasiId: string, approved: boolean): EmailMessage {
  const next = approved
    ? "Koperasi Anda sudah aktif. Silakan masuk untuk melengkapi profil, mengundang pengurus, dan mencatat anggota."
    : "Pendaftaran sedang ditinjau oleh operator platform. Anda dapat masuk dan melengkapi profil koperasi; fitur simpan pinjam dan transaksi uang terbuka setelah pendaftaran disetujui. Kami akan memberi kabar melalui email.";
  return {
    to,
    koperasiId,
    subject: `Pendaftaran ${koperasiName} diterima`,
    text: [`Halo ${adminName},`, "", `Pendaftaran ${koperasiName} di Koperasi Pintar sudah kami terima.`, "", next].join("\n"),
  };
}

export function operatorNoticeMessage(to: string, koperasiName: string, koperasiId: string): EmailMessage {
  return {
    to,
    koperasiId,
    subject: `Pendaftaran baru menunggu tinjauan: ${koperasiName}`,
    text: `${koperasiName} baru saja mendaftar dan menunggu tinjauan Anda di konsol operator (Pendaftaran).`,
  };
}

export function reviewDecisionMessage(
  to: string,
  adminName: string,
  koperasiName: string,
  koperasiId: string,
  decision: "approve" | "reject",
  note: string | null,
): EmailMessage {
  const lines =
    decision === "approve"
      ? [`Pendaftaran ${koperasiName} telah DISETUJUI.`, "", "Seluruh fitur, termasuk simpan pinjam dan transaksi uang, kini dapat dipakai."]
      : [
          `Mohon maaf, pendaftaran ${koperasiName} BELUM DAPAT DISETUJUI.`,
          "",
          "Silakan periksa catatan operator di bawah, lalu hubungi kami untuk melengkapi data atau dokumen.",
        ];
  return {
    to,
    koperasiId,
    subject: decision === "approve" ? `Pendaftaran ${koperasiName} disetujui` : `Pendaftaran ${koperasiName} ditolak`,
    text: [`Halo ${adminName},`, "", ...lines, ...(note ? ["", `Catatan operator: ${note}`] : [])].join("\n"),
  };
}
