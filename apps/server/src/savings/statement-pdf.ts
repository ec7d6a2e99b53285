import { formatRupiah, formatTanggal, rupiah, type BusinessDate } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import type { KoperasiRow } from "../branding/profile";
import type { MemberAccountView } from "../ledger/member-accounts";
import { statementOf, type Statement } from "../ledger/statement";
import { dataTable, fieldTable, letterheadOf, renderReport } from "../pdf";

// The rekening koran as a PDF: the same statement the API gives (opening
// balance, each line with its voucher and running balance, closing), every
// line of the period on as many pages as it takes.

/** Lines a printed statement holds at most; a longer period is printed in parts. */
export const STATEMENT_PDF_MAX_LINES = 5000;

export async function wholeStatement(cmd: CommandContext, account: MemberAccountView, range: { from: BusinessDate; to: BusinessDate }): Promise<Statement> {
  return statementOf(cmd.trx, cmd.koperasiId, { column: "member_account_id", id: account.id }, account.normalBalance, {
    ...range,
    page: 1,
    pageSize: STATEMENT_PDF_MAX_LINES,
  });
}

export async function renderStatementPdf(ctx: AppContext, koperasi: KoperasiRow, account: MemberAccountView, statement: Statement, printedAt: Date): Promise<Buffer> {
  const letterhead = await letterheadOf(ctx, koperasi);
  const money = (value: number) => (value === 0 ? "" : formatRupiah(rupiah(value)));
  const rows = statement.items.map((line) => [
    formatTanggal(line.businessDate as BusinessDate),
    line.voucherNo,
    line.description,
    money(line.debit),
    money(line.credit),
    formatRupiah(line.balance),
  ]);
  const truncated = statement.total > statement.items.length;
  return renderReport({
    letterhead,
    title: "Rekening Koran Simpanan",
    subtitle: `${formatTanggal(statement.from)} s.d. ${formatTanggal(statement.to)}`,
    printedAt,
    subject: `Rekening koran ${account.memberNumber} ${account.accountCode}`,
    content: [
      fieldTable([
        ["Anggota", `${account.memberNumber} — ${account.memberName}`],
        ["Rekening", `${account.accountCode} ${account.accountName}`],
        ["Saldo awal", formatRupiah(statement.openingBalance)],
        ["Saldo akhir", formatRupiah(statement.closingBalance)],
      ]),
      { text: "Mutasi", style: "section" },
      dataTable(["Tanggal", "No. bukti", "Keterangan", "Debit", "Kredit", "Saldo"], rows, [60, 92, "*", 60, 60, 68]),
      ...(truncated ? [{ text: `Dicetak ${statement.items.length} dari ${statement.total} baris; cetak periode yang lebih pendek untuk sisanya.`, style: "small" }] : []),
    ],
  });
}
