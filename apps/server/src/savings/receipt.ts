import { sql, type Transaction } from "kysely";
import type { Content } from "pdfmake/interfaces";
import type { DB, SavingsKind } from "@koperasi/db";
import { formatJam, formatRupiah, formatTanggal, rupiah, terbilang, whatsappLink, type BusinessDate, type Rupiah } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { rupiahFromDb } from "../ledger/amounts";
import { openOptional } from "../members/member-pii";
import type { MemberKeyring } from "../members/member-keys";
import { fieldTable, letterheadOf, qrBlock, renderReport } from "../pdf";
import type { KoperasiRow } from "../branding/profile";
import { savingsError } from "./errors";

// The bukti setoran / bukti penarikan a member takes home: the amount in
// figures and in words, the voucher number, the teller, the balance after,
// and a QR code that opens the transaction's verification page (its proof
// in the cooperative's transparency log). Printed once as the original;
// every later print says SALINAN, so a second slip cannot pass for a
// second payment.

export interface CounterReceiptData {
  entryId: string;
  kind: "deposit" | "withdrawal";
  voucherNo: string;
  businessDate: string;
  postedAt: Date;
  amount: Rupiah;
  balanceAfter: Rupiah;
  memberAccountId: string;
  memberId: string;
  memberNumber: string;
  memberName: string;
  memberUserId: string | null;
  memberPhoneSealed: string | null;
  productName: string | null;
  savingsKind: SavingsKind | null;
  teller: string;
  approver: string | null;
}

/** A posted deposit or withdrawal on a member account, as its receipt shows it; undefined for any other entry. */
export async function loadCounterReceipt(trx: Transaction<DB>, koperasiId: string, entryId: string): Promise<CounterReceiptData | undefined> {
  const { rows } = await sql<{
    entry_id: string;
    source: "deposit" | "withdrawal";
    voucher_no: string;
    business_date: string;
    posted_at: Date;
    debit: string;
    credit: string;
    member_account_id: string;
    member_id: string;
    member_number: string;
    full_name: string;
    user_id: string | null;
    phone_sealed: string | null;
    product_name: string | null;
    kind: SavingsKind | null;
    teller: string | null;
    approver: string | null;
    balance_after: string;
  }>`
    SELECT e.id AS entry_id, e.source, e.voucher_no, to_char(e.business_date, 'YYYY-MM-DD') AS business_date, e.posted_at,
           l.debit::text AS debit, l.credit::text AS credit, l.member_account_id, m.id AS member_id, m.member_number, m.full_name, m.user_id, m.phone_sealed,
           p.name AS product_name, p.kind, maker.name AS teller, checker.name AS approver,
           (SELECT coalesce(sum(x.credit - x.debit), 0)::text FROM journal_line x
              JOIN journal_entry y ON y.koperasi_id = x.koperasi_id AND y.id = x.entry_id
             WHERE x.koperasi_id = l.koperasi_id AND x.member_account_id = l.member_account_id AND y.status = 'posted'
               AND (y.business_date, y.posted_at, y.voucher_no, x.line_no) <= (e.business_date, e.posted_at, e.voucher_no, l.line_no)) AS balance_after
    FROM journal_entry e
    JOIN journal_line l ON l.koperasi_id = e.koperasi_id AND l.entry_id = e.id AND l.member_account_id IS NOT NULL
    JOIN member_account ma ON ma.koperasi_id = l.koperasi_id AND ma.id = l.member_account_id
    JOIN member m ON m.koperasi_id = ma.koperasi_id AND m.id = ma.member_id
    LEFT JOIN savings_product p ON p.koperasi_id = ma.koperasi_id AND p.id = ma.savings_product_id
    LEFT JOIN "user" maker ON maker.id = e.created_by
    LEFT JOIN "user" checker ON checker.id = e.approved_by
    WHERE e.koperasi_id = ${koperasiId}::uuid AND e.id = ${entryId}::uuid AND e.status = 'posted' AND e.source IN ('deposit', 'withdrawal')
    ORDER BY l.line_no LIMIT 1`.execute(trx);
  const row = rows[0];
  if (!row) return undefined;
  return {
    entryId: row.entry_id,
    kind: row.source,
    voucherNo: row.voucher_no,
    businessDate: row.business_date,
    postedAt: new Date(row.posted_at),
    amount: rupiah(Math.max(rupiahFromDb(row.debit), rupiahFromDb(row.credit))),
    balanceAfter: rupiahFromDb(row.balance_after),
    memberAccountId: row.member_account_id,
    memberId: row.member_id,
    memberNumber: row.member_number,
    memberName: row.full_name,
    memberUserId: row.user_id,
    memberPhoneSealed: row.phone_sealed,
    productName: row.product_name,
    savingsKind: row.kind,
    teller: row.teller ?? "Sistem",
    approver: row.approver,
  };
}

/** Records this printing and says whether it is the original (the first) or a copy. */
export async function recordReceiptPrint(cmd: CommandContext, entryId: string): Promise<{ printNo: number; copy: boolean }> {
  // The entry row is locked so two prints at once number 1 and 2, never 1 and 1.
  await cmd.trx.selectFrom("journal_entry").select("id").where("koperasi_id", "=", cmd.koperasiId).where("id", "=", entryId).forUpdate().executeTakeFirst();
  const last = await cmd.trx
    .selectFrom("savings_receipt_print")
    .select((eb) => eb.fn.max("print_no").as("n"))
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
  const printNo = Number(last?.n ?? 0) + 1;
  await cmd.trx
    .insertInto("savings_receipt_print")
    .values({ koperasi_id: cmd.koperasiId, entry_id: entryId, print_no: printNo, printed_by: cmd.actor.userId, printed_at: cmd.now })
    .execute();
  return { printNo, copy: printNo > 1 };
}

/** Staff may see any receipt; a member only her own. */
export async function receiptFor(cmd: CommandContext, entryId: string): Promise<CounterReceiptData> {
  const data = await loadCounterReceipt(cmd.trx, cmd.koperasiId, entryId);
  if (!data || (cmd.action === "savings.view_self" && data.memberUserId !== cmd.actor.userId)) throw savingsError("entry_not_counter");
  return data;
}

/** The page that verifies the transaction against the transparency log (the web app's transaction page). */
export function verificationUrl(publicUrl: string, slug: string, data: Pick<CounterReceiptData, "memberAccountId" | "entryId">): string {
  return `${publicUrl}/k/${slug}/app/rekening/${data.memberAccountId}/transaksi/${data.entryId}`;
}

function title(data: Pick<CounterReceiptData, "kind">): string {
  return data.kind === "deposit" ? "Bukti Setoran Simpanan" : "Bukti Penarikan Simpanan";
}

/** The receipt as a WhatsApp message to the member's own number; null when she has none on record. */
export function receiptWhatsappUrl(keyring: MemberKeyring, koperasiId: string, koperasiName: string, url: string, data: CounterReceiptData): string | null {
  const phone = openOptional(keyring, { koperasiId, rowId: data.memberId, field: "phone" }, data.memberPhoneSealed);
  if (!phone) return null;
  const text = [
    `${title(data)} — ${koperasiName}`,
    `No. ${data.voucherNo}, ${formatTanggal(data.businessDate as BusinessDate)}`,
    `${data.memberNumber} ${data.memberName}${data.productName ? `, ${data.productName}` : ""}`,
    `Jumlah ${formatRupiah(data.amount)} (${terbilang(data.amount)})`,
    `Saldo ${formatRupiah(data.balanceAfter)}`,
    `Periksa keaslian: ${url}`,
  ].join("\n");
  try {
    return whatsappLink(phone, text);
  } catch {
    return null; // a landline or malformed number on record: no link rather than a wrong one
  }
}

/** A reprint's mark: SALINAN in red above the figures, so a second slip cannot pass for a second payment. */
export function copyMark(copy: boolean): Content[] {
  return copy ? [{ text: "SALINAN", bold: true, fontSize: 22, color: "#b00020", alignment: "center", margin: [0, 0, 0, 8] }] : [];
}

/** The QR code that opens the transaction's proof in the transparency log, with its address written out. */
export async function verificationBlock(url: string): Promise<Content> {
  return {
    columns: [
      await qrBlock(url, 96),
      {
        width: "*",
        margin: [12, 0, 0, 0],
        stack: [
          { text: "Periksa keaslian transaksi ini", bold: true, fontSize: 9 },
          { text: "Pindai kode QR: transaksi dicocokkan dengan log transparansi koperasi.", fontSize: 8.5, color: "#444444" },
          { text: url, fontSize: 7, color: "#444444" },
        ],
      },
    ],
    margin: [0, 16, 0, 0],
  };
}

export async function renderCounterReceipt(ctx: AppContext, koperasi: KoperasiRow, data: CounterReceiptData, print: { copy: boolean; printedAt: Date }): Promise<Buffer> {
  const letterhead = await letterheadOf(ctx, koperasi);
  const url = verificationUrl(ctx.config.publicUrl, koperasi.slug, data);
  const rows: [string, string][] = [
    ["No. bukti", data.voucherNo],
    ["Tanggal", `${formatTanggal(data.businessDate as BusinessDate)}, ${formatJam(data.postedAt, letterhead.timeZone)}`],
    ["Anggota", `${data.memberNumber} — ${data.memberName}`],
    ["Rekening", data.productName ?? "Simpanan"],
    ["Jumlah", formatRupiah(data.amount)],
    ["Terbilang", terbilang(data.amount)],
    ["Saldo setelah transaksi", formatRupiah(data.balanceAfter)],
    ["Kasir", data.teller],
    ...(data.approver ? ([["Disetujui oleh", data.approver]] as [string, string][]) : []),
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
