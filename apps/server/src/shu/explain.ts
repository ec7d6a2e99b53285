import { formatRupiah, rupiah, SHU_POOL_LABELS, type ShuPool } from "@koperasi/domain";
import type { ShuCalculationDto, ShuMemberShareDto } from "./calculation";

// A member's SHU in words: the steps from the year's SHU to her amount, with
// her own figures, so she can check them with a calculator.

const rp = (amount: number) => formatRupiah(rupiah(amount));
const pct = (value: string) => `${value.replace(".", ",")}%`;

export function explainShare(calculation: ShuCalculationDto, share: ShuMemberShareDto | null): string[] {
  const { bookYear, shu, percentages, pools, totalBasis } = calculation;
  const label = (pool: ShuPool) => SHU_POOL_LABELS[pool].id;
  const lines = [
    `SHU tahun buku ${bookYear} sebesar ${rp(shu)} dibagi menurut AD/ART: ${label("jasa_modal")} ${pct(percentages.jasa_modal)} = ${rp(pools.jasa_modal)}, ${label("jasa_usaha")} ${pct(percentages.jasa_usaha)} = ${rp(pools.jasa_usaha)}.`,
  ];
  if (!share) {
    lines.push("Anda tidak memiliki simpanan yang diperhitungkan maupun transaksi pinjaman pada tahun itu, sehingga tidak menerima bagian SHU.");
    return lines;
  }
  const modalBasis =
    calculation.jasaModalMeasure === "daily_average"
      ? `saldo rata-rata harian simpanan Anda ${rp(Math.round(Number(share.jasaModalAverage)))} (jumlah saldo harian ${share.jasaModalBasis.toLocaleString("id-ID")} dibagi ${calculation.yearDays} hari)`
      : `saldo simpanan Anda pada akhir tahun ${rp(share.jasaModalBasis)}`;
  lines.push(
    `Jasa modal: ${modalBasis}; bagian Anda = ${share.jasaModalBasis.toLocaleString("id-ID")} / ${totalBasis.jasa_modal.toLocaleString("id-ID")} × ${rp(pools.jasa_modal)} = Rp${share.jasaModalExact.replace(".", ",")}, dibulatkan menjadi ${rp(share.jasaModal)}.`,
    `Jasa usaha: jasa pinjaman yang Anda bayar ${rp(share.jasaUsahaBasis)} dari seluruh ${rp(totalBasis.jasa_usaha)}; bagian Anda = ${rp(share.jasaUsahaBasis)} / ${rp(totalBasis.jasa_usaha)} × ${rp(pools.jasa_usaha)} = Rp${share.jasaUsahaExact.replace(".", ",")}, dibulatkan menjadi ${rp(share.jasaUsaha)}.`,
    "Pembulatan: setiap bagian dibulatkan ke bawah, lalu sisa rupiahnya diberikan satu per satu kepada sisa pecahan terbesar (metode sisa terbesar), sehingga jumlah seluruh bagian anggota tepat sama dengan dana yang dibagi.",
    `SHU Anda: ${rp(share.jasaModal)} + ${rp(share.jasaUsaha)} = ${rp(share.total)}.`,
  );
  if (calculation.distributedAt) {
    lines.push(share.paidToMemberAccountId ? "SHU Anda sudah dibukukan ke simpanan sukarela Anda." : "SHU Anda sudah dibagikan dan dapat diambil tunai di kantor koperasi.");
  }
  return lines;
}
