import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { addRupiah, type BusinessDate, type NormalBalance, type Rupiah } from "@koperasi/domain";
import { rupiahFromDb } from "./amounts";

// The lines of one account (buku besar) or one member account (rekening
// koran), oldest first, with the balance after each line on the account's
// normal side. Both are the same query on a different key.

export interface StatementLine {
  entryId: string;
  voucherNo: string;
  businessDate: string;
  postedAt: string;
  description: string;
  lineNo: number;
  memberAccountId: string | null;
  debit: Rupiah;
  credit: Rupiah;
  balance: Rupiah;
}

export interface Statement {
  from: BusinessDate;
  to: BusinessDate;
  openingBalance: Rupiah;
  closingBalance: Rupiah;
  items: StatementLine[];
  page: number;
  pageSize: number;
  total: number;
}

export interface StatementQuery {
  from: BusinessDate;
  to: BusinessDate;
  page: number;
  pageSize: number;
}

type Key = { column: "account_id" | "member_account_id"; id: string };

export async function statementOf(
  trx: Transaction<DB>,
  koperasiId: string,
  key: Key,
  normal: NormalBalance,
  query: StatementQuery,
): Promise<Statement> {
  const keyColumn = sql.ref(`l.${key.column}`);
  // The effect of a line on the normal side (see balanceEffect in the domain).
  const effect = normal === "debit" ? sql`l.debit - l.credit` : sql`l.credit - l.debit`;
  const posted = sql`l.koperasi_id = ${koperasiId}::uuid AND ${keyColumn} = ${key.id}::uuid AND e.status = 'posted'`;
  const join = sql`journal_line l JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id`;

  // One statement: the period's totals beside the page of lines (a page past
  // the end still brings the totals). The running sum is taken over the
  // whole period before the page is cut, so every page shows true balances.
  const { rows } = await sql<{
    opening: string;
    closing: string;
    total: string;
    entry_id: string | null;
    voucher_no: string;
    business_date: string;
    posted_at: Date | string;
    description: string;
    line_no: number;
    member_account_id: string | null;
    debit: string | number;
    credit: string | number;
    running: string;
  }>`
    WITH totals AS (
      SELECT coalesce(sum(${effect}) FILTER (WHERE e.business_date < ${query.from}::date), 0)::text AS opening,
             coalesce(sum(${effect}) FILTER (WHERE e.business_date <= ${query.to}::date), 0)::text AS closing,
             count(*) FILTER (WHERE e.business_date BETWEEN ${query.from}::date AND ${query.to}::date)::text AS total
      FROM ${join} WHERE ${posted}
    ), page AS (
      SELECT e.id AS entry_id, e.voucher_no, e.business_date AS sort_date, to_char(e.business_date, 'YYYY-MM-DD') AS business_date, e.posted_at, e.description,
             l.line_no, l.member_account_id, l.debit, l.credit,
             (sum(${effect}) OVER (ORDER BY e.business_date, e.posted_at, e.voucher_no, l.line_no))::text AS running
      FROM ${join}
      WHERE ${posted} AND e.business_date BETWEEN ${query.from}::date AND ${query.to}::date
      ORDER BY e.business_date, e.posted_at, e.voucher_no, l.line_no
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}
    )
    SELECT totals.*, page.* FROM totals LEFT JOIN page ON true
    ORDER BY page.sort_date, page.posted_at, page.voucher_no, page.line_no`.execute(trx);
  const opening = rupiahFromDb(rows[0]?.opening);
  const closing = rupiahFromDb(rows[0]?.closing);
  const lines = rows.filter((row) => row.entry_id !== null);

  return {
    from: query.from,
    to: query.to,
    openingBalance: opening,
    closingBalance: closing,
    items: lines.map((row) => ({
      entryId: row.entry_id!,
      voucherNo: row.voucher_no,
      businessDate: row.business_date,
      postedAt: new Date(row.posted_at).toISOString(),
      description: row.description,
      lineNo: row.line_no,
      memberAccountId: row.member_account_id,
      debit: rupiahFromDb(row.debit),
      credit: rupiahFromDb(row.credit),
      balance: addRupiah(opening, rupiahFromDb(row.running)),
    })),
    page: query.page,
    pageSize: query.pageSize,
    total: Number(rows[0]?.total ?? 0),
  };
}
