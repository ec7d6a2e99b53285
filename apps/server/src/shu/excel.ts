import { loadExcel } from "../files/excel";
import { SHU_POOL_LABELS, SHU_POOLS } from "@koperasi/domain";
import type { Koperasi } from "../command/command-context";
import { letterheadLines } from "../pdf";
import type { ShuCalculationDto, ShuMemberShareDto } from "./calculation";

// The SHU calculation as an Excel workbook anyone can recompute: the pools
// and totals on the first sheet, then one row per member with her bases, her
// unrounded shares and her final amounts.

const STATUS: Record<ShuCalculationDto["status"], string> = {
  calculated: "Dihitung",
  reviewed: "Ditinjau",
  approved: "Disetujui RAT",
  distributed: "Dibagikan",
};

export async function shuWorkbook(koperasi: Koperasi, calculation: ShuCalculationDto, members: readonly ShuMemberShareDto[]): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const summary = workbook.addWorksheet("Ringkasan");
  summary.columns = [34, 14, 20].map((width) => ({ width }));
  summary.addRow([koperasi.name]).font = { bold: true, size: 14 };
  for (const line of letterheadLines(koperasi)) summary.addRow([line]);
  summary.addRow([]);
  summary.addRow([`PERHITUNGAN PEMBAGIAN SHU TAHUN BUKU ${calculation.bookYear}`]).font = { bold: true, size: 12 };
  summary.addRow(["Status", STATUS[calculation.status]]);
  summary.addRow(["SHU tahun berjalan (Rp)", "", calculation.shu]);
  summary.addRow([]);
  summary.addRow(["Pos", "Persentase", "Jumlah (Rp)"]).font = { bold: true };
  for (const pool of SHU_POOLS) summary.addRow([SHU_POOL_LABELS[pool].id, `${calculation.percentages[pool].replace(".", ",")}%`, calculation.pools[pool]]);
  summary.addRow(["Jumlah", "100%", calculation.shu]).font = { bold: true };
  summary.addRow([]);
  summary.addRow(["Dasar jasa modal", calculation.jasaModalMeasure === "daily_average" ? `saldo harian × hari (${calculation.yearDays} hari)` : "saldo akhir tahun"]);
  summary.addRow(["Jumlah dasar jasa modal", "", calculation.totalBasis.jasa_modal]);
  summary.addRow(["Dasar jasa usaha", "jasa pinjaman dibayar"]);
  summary.addRow(["Jumlah dasar jasa usaha (Rp)", "", calculation.totalBasis.jasa_usaha]);
  summary.addRow(["Dibagikan kepada anggota (Rp)", "", calculation.membersTotal]);
  summary.addRow(["Tidak terbagi, masuk cadangan (Rp)", "", calculation.unshared.jasa_modal + calculation.unshared.jasa_usaha]);
  summary.addRow(["Jumlah anggota penerima", "", calculation.memberCount]);
  if (calculation.ratDate) summary.addRow(["Disetujui RAT tanggal", calculation.ratDate]);
  summary.getColumn(3).numFmt = "#,##0";

  const sheet = workbook.addWorksheet("Per anggota");
  sheet.columns = [6, 16, 28, 20, 18, 18, 14, 18, 18, 14, 14].map((width) => ({ width }));
  sheet.addRow([
    "No",
    "Nomor anggota",
    "Nama",
    "Dasar jasa modal",
    "Rata-rata simpanan (Rp)",
    "Jasa modal sebelum dibulatkan",
    "Jasa modal (Rp)",
    "Dasar jasa usaha (Rp)",
    "Jasa usaha sebelum dibulatkan",
    "Jasa usaha (Rp)",
    "SHU diterima (Rp)",
  ]).font = { bold: true };
  members.forEach((m, index) => {
    sheet.addRow([index + 1, m.memberNumber, m.fullName, m.jasaModalBasis, Number(m.jasaModalAverage), Number(m.jasaModalExact), m.jasaModal, m.jasaUsahaBasis, Number(m.jasaUsahaExact), m.jasaUsaha, m.total]);
  });
  const totals = (key: "jasaModal" | "jasaUsaha" | "total") => members.reduce((sum, m) => sum + m[key], 0);
  sheet.addRow(["", "", "Jumlah", calculation.totalBasis.jasa_modal, "", "", totals("jasaModal"), calculation.totalBasis.jasa_usaha, "", totals("jasaUsaha"), totals("total")]).font = { bold: true };
  for (const column of [4, 7, 8, 10, 11]) sheet.getColumn(column).numFmt = "#,##0";
  for (const column of [5]) sheet.getColumn(column).numFmt = "#,##0.00";
  for (const column of [6, 9]) sheet.getColumn(column).numFmt = "#,##0.000000";
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
