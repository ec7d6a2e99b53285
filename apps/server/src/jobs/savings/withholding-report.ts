import { loadExcel } from "../../files/excel";
import { sql } from "kysely";
import type { WithholdingReport } from "@koperasi/contracts";
import { formatRupiah, rupiah, rupiahFromBigInt } from "@koperasi/domain";
import type { CommandContext, Koperasi } from "../../command/command-context";
import type { MemberKeyring } from "../../members/member-keys";
import { maskNik, openMemberIdentity } from "../../members/member-pii";
import { seesIdentity } from "../../members/members";
import { letterheadLines } from "../../pdf";

// The bukti potong list of a month: for each member the interest posted to
// her savings in the month and the final tax withheld from it (postings and
// the month-end catch-up together), as JSON and as an Excel file the
// bendahara hands in with the remittance by the 10th.

export async function withholdingReport(cmd: CommandContext, keyring: MemberKeyring, period: string): Promise<WithholdingReport> {
  const { rows } = await sql<{ id: string; member_number: string; full_name: string; nik_sealed: string | null; phone_sealed: string | null; interest: string; tax: string }>`
    SELECT m.id, m.member_number, m.full_name, m.nik_sealed, m.phone_sealed, sum(s.interest)::text AS interest, sum(s.tax)::text AS tax
      FROM savings_interest_posting s
      JOIN member m ON m.koperasi_id = s.koperasi_id AND m.id = s.member_id
     WHERE s.koperasi_id = ${cmd.koperasiId}::uuid AND s.period = ${period}
     GROUP BY m.koperasi_id, m.id
    HAVING sum(s.tax) > 0
     ORDER BY m.member_number`.execute(cmd.trx);
  const full = seesIdentity(cmd.actor);
  const report = rows.map((row) => {
    const nik = openMemberIdentity(keyring, cmd.koperasiId, { ...row, mother_maiden_name_sealed: null }).nik;
    return {
      memberNumber: row.member_number,
      fullName: row.full_name,
      nik: nik === null ? null : full ? nik : maskNik(nik),
      interest: rupiahFromBigInt(row.interest),
      tax: rupiahFromBigInt(row.tax),
    };
  });
  return {
    period,
    rows: report,
    totalInterest: report.reduce((sum, row) => sum + row.interest, 0),
    totalTax: report.reduce((sum, row) => sum + row.tax, 0),
  };
}

export async function withholdingReportXlsx(koperasi: Koperasi, report: WithholdingReport): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet(`PPh final ${report.period}`);
  sheet.columns = [6, 16, 30, 20, 18, 18].map((width) => ({ width }));
  sheet.addRow([koperasi.name]).font = { bold: true, size: 14 };
  for (const line of letterheadLines(koperasi)) sheet.addRow([line]);
  sheet.addRow([]);
  sheet.addRow([`DAFTAR BUKTI POTONG PPh FINAL ATAS BUNGA SIMPANAN — ${report.period}`]).font = { bold: true, size: 12 };
  sheet.addRow(["No", "Nomor anggota", "Nama", "NIK", "Jasa simpanan (Rp)", "PPh dipotong (Rp)"]).font = { bold: true };
  report.rows.forEach((row, index) => {
    sheet.addRow([index + 1, row.memberNumber, row.fullName, row.nik ?? "", row.interest, row.tax]);
  });
  const total = sheet.addRow(["", "", "Jumlah", "", report.totalInterest, report.totalTax]);
  total.font = { bold: true };
  for (const column of [5, 6]) sheet.getColumn(column).numFmt = "#,##0";
  sheet.addRow([]);
  sheet.addRow([`PPh final disetor paling lambat tanggal 10 bulan berikutnya: ${formatRupiah(rupiah(report.totalTax))}.`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
