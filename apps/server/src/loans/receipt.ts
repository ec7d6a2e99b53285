import { sql, type Transaction } from "kysely";
import type { Content } from "pdfmake/interfaces";
import type { DB } from "@koperasi/db";
import { formatJam, formatRupiah, formatTanggal, rupiah, terbilang, type BusinessDate, type Rupiah } from "@koperasi/domain";
import type { KoperasiRow } from "../branding/profile";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { rupiahFromDb } from "../ledger/amounts";
import { fieldTable, letterheadOf, renderReport } from "../pdf";
import { copyMark, verificationBlock, verificationUrl } from "../savings/receipt";
import { loanError } from "./errors";

// The bukti pencairan / bukti angsuran a member takes home: the amount in
// figures and words, how a repayment was split, what is left to repay, and
// a QR code opening the transaction's proof in the transparency log. Like
// the savings counter's receipt, every print after the first says SALINAN.

export interface LoanReceiptData {
  entryId: string;
  kind: "loan_disbursement" | "loan_repayment";
  voucherNo: string;
  businessDate: string;
  postedAt: Date;
  memberAccountId: string;
  memberNumber: string;
  memberName: string;
  memberUserId: string | null;
  productName: string;
  principal: Rupiah;
  /** Paid out net of every charge (disbursement), or paid in (repayment). */
  amount: Rupiah;
  /** A disbursement's charges, deducted or paid in cash. */
  charges: Rupiah;
  split: { denda: Rupiah; interest: Rupiah; principal: Rupiah } | null;
  payoff: boolean;
  outstandingAfter: Rupiah;
  teller: string;
}

export async function loadLoanReceipt(trx: Transaction<DB>, koperasiId: string, entryId: string): Promise<LoanReceiptData | undefined> {
  const { rows } = await sql<{
    entry_id: string;
    source: "loan_disbursement" | "loan_repayment";
    voucher_no: string;
    business_date: string;
    posted_at: Date;
    member_account_id: string;
    member_number: string;
    full_name: string;
    user_id: string | null;
    product_name: string;
    principal: string;
    teller: string | null;
    paid_out: string;
    charges: string;
    r_amount: string | null;
    r_denda: string | null;
    r_interest: string | null;
    r_principal: string | null;
    payoff: boolean | null;
    outstanding_after: string;
  }>`
    SELECT e.id AS entry_id, e.source, e.voucher_no, to_char(e.business_date, 'YYYY-MM-DD') AS business_date, e.posted_at,
           l.member_account_id, m.member_number, m.full_name, m.user_id, p.name AS product_name, l.principal::text AS principal, maker.name AS teller,
           -- What reached her: every credit but charges income, less what she paid in cash on the spot
           -- (the debit beside the loan's own, when a disbursement into savings had charges paid in cash).
           (SELECT (coalesce(sum(x.credit) FILTER (WHERE x.account_id <> p.charges_income_account_id), 0)
                  - coalesce(sum(x.debit) FILTER (WHERE x.member_account_id IS DISTINCT FROM l.member_account_id), 0))::text
              FROM journal_line x WHERE x.koperasi_id = e.koperasi_id AND x.entry_id = e.id) AS paid_out,
           (SELECT coalesce(sum(x.credit), 0)::text FROM journal_line x WHERE x.koperasi_id = e.koperasi_id AND x.entry_id = e.id
              AND x.account_id = p.charges_income_account_id) AS charges,
           r.amount::text AS r_amount, r.denda::text AS r_denda, r.interest::text AS r_interest, r.principal::text AS r_principal, r.payoff,
           (SELECT coalesce(sum(x.debit - x.credit), 0)::text FROM journal_line x
              JOIN journal_entry y ON y.koperasi_id = x.koperasi_id AND y.id = x.entry_id
             WHERE x.koperasi_id = e.koperasi_id AND x.member_account_id = l.member_account_id AND y.status = 'posted'
               AND (y.business_date, y.posted_at, y.voucher_no) <= (e.business_date, e.posted_at, e.voucher_no)) AS outstanding_after
    FROM journal_entry e
    JOIN loan l ON l.koperasi_id = e.koperasi_id AND l.id::text = e.source_ref
    JOIN member m ON m.koperasi_id = l.koperasi_id AND m.id = l.member_id
    JOIN loan_product p ON p.koperasi_id = l.koperasi_id AND p.id = l.product_id
    LEFT JOIN loan_repayment r ON r.koperasi_id = e.koperasi_id AND r.entry_id = e.id
    LEFT JOIN "user" maker ON maker.id = e.created_by
    WHERE e.koperasi_id = ${koperasiId}::uuid AND e.id = ${entryId}::uuid AND e.status = 'posted' AND e.source IN ('loan_disbursement', 'loan_repayment')`.execute(trx);
  const row = rows[0];
  if (!row) return undefined;
  const repayment = row.source === "loan_repayment" && row.r_amount !== null;
  return {
    entryId: row.entry_id,
    kind: row.source,
    voucherNo: row.voucher_no,
    businessDate: row.business_date,
    postedAt: new Date(row.posted_at),
    memberAccountId: row.member_account_id,
    memberNumber: row.member_number,
    memberName: row.full_name,
    memberUserId: row.user_id,
    productName: row.product_name,
    principal: rupiahFromDb(row.principal),
    amount: repayment ? rupiahFromDb(row.r_amount ?? "0") : rupiahFromDb(row.paid_out),
    charges: repayment ? rupiah(0) : rupiahFromDb(row.charges),
    split: repayment ? { denda: rupiahFromDb(row.r_denda ?? "0"), interest: rupiahFromDb(row.r_interest ?? "0"), principal: rupiahFromDb(row.r_principal ?? "0") } : null,
    payoff: row.payoff === true,
    outstandingAfter: rupiahFromDb(row.outstanding_after),
    teller: row.teller ?? "Sistem",
  };
}

/** Staff see any loan receipt; a member only her own. */
export async function loanReceiptFor(cmd: CommandContext, entryId: string): Promise<LoanReceiptData> {
  const data = await loadLoanReceipt(cmd.trx, cmd.koperasiId, entryId);
  if (!data || (cmd.action === "loans.view_self" && data.memberUserId !== cmd.actor.userId)) throw loanError("entry_not_loan");
  return data;
}

function title(data: LoanReceiptData): string {
  if (data.kind === "loan_disbursement") return "Bukti Pencairan Pinjaman";
  return data.payoff ? "Bukti Pelunasan Pinjaman" : "Bukti Angsuran Pinjaman";
}

export async function renderLoanReceipt(ctx: AppContext, koperasi: KoperasiRow, data: LoanReceiptData, print: { copy: boolean; printedAt: Date }): Promise<Buffer> {
  const letterhead = await letterheadOf(ctx, koperasi);
  const url = verificationUrl(ctx.config.publicUrl, koperasi.slug, data);
  const rows: [string, string][] = [
    ["No. bukti", data.voucherNo],
    ["Tanggal", `${formatTanggal(data.businessDate as BusinessDate)}, ${formatJam(data.postedAt, letterhead.timeZone)}`],
    ["Anggota", `${data.memberNumber} — ${data.memberName}`],
    ["Pinjaman", `${data.productName}, pokok ${formatRupiah(data.principal)}`],
    ...(data.kind === "loan_disbursement" ? ([["Biaya pinjaman", formatRupiah(data.charges)]] as [string, string][]) : []),
    [data.kind === "loan_disbursement" ? "Diterima bersih (setelah semua biaya)" : "Jumlah dibayar", formatRupiah(data.amount)],
    ["Terbilang", terbilang(data.amount)],
    ...(data.split
      ? ([
          ["Denda", formatRupiah(data.split.denda)],
          ["Jasa (bunga)", formatRupiah(data.split.interest)],
          ["Pokok", formatRupiah(data.split.principal)],
        ] as [string, string][])
      : []),
    ["Sisa pokok pinjaman", formatRupiah(rupiah(data.outstandingAfter))],
    ["Kasir", data.teller],
  ];
  const content: Content = [
    ...copyMark(print.copy),
    fieldTable(rows),
    await verificationBlock(url),
  ];
  return renderReport({
    letterhead,
    title: print.copy ? `${title(data)} (SALINAN)` : title(data),
    subtitle: `No. ${data.voucherNo}`,
    content,
    printedAt: print.printedAt,
    subject: `${title(data)} ${data.voucherNo}`,
  });
}
