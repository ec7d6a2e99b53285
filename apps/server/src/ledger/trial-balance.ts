import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { subRupiah, sumRupiah, ZERO_RUPIAH, type AccountType, type BusinessDate, type Rupiah } from "@koperasi/domain";
import { rupiahFromDb } from "./amounts";

// Neraca saldo: every account that takes postings, with its balance as of a
// date in the debit or the credit column. The two columns add up to the same
// total, or the books are broken.

export interface TrialBalanceRow {
  accountId: string;
  code: string;
  name: string;
  type: AccountType;
  normalBalance: "debit" | "credit";
  /** Σ debit and Σ credit posted to the account up to the date. */
  totalDebit: Rupiah;
  totalCredit: Rupiah;
  /** The balance, in the column of its side. */
  debit: Rupiah;
  credit: Rupiah;
}

export interface TrialBalance {
  asOf: BusinessDate;
  rows: TrialBalanceRow[];
  totalDebit: Rupiah;
  totalCredit: Rupiah;
}

export async function trialBalance(trx: Transaction<DB>, koperasiId: string, asOf: BusinessDate): Promise<TrialBalance> {
  const { rows } = await sql<{
    id: string;
    code: string;
    name: string;
    type: AccountType;
    normal_balance: "debit" | "credit";
    status: string;
    debit: string;
    credit: string;
  }>`
    SELECT a.id, a.code, a.name, a.type, a.normal_balance, a.status,
           coalesce(t.debit, 0)::text AS debit, coalesce(t.credit, 0)::text AS credit
    FROM gl_account a
    LEFT JOIN (
      SELECT l.account_id, sum(l.debit) AS debit, sum(l.credit) AS credit
      FROM journal_line l
      JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
      WHERE l.koperasi_id = ${koperasiId}::uuid AND e.status = 'posted' AND e.business_date <= ${asOf}::date
      GROUP BY l.account_id
    ) t ON t.account_id = a.id
    WHERE a.koperasi_id = ${koperasiId}::uuid AND NOT a.is_group
      AND (a.status = 'open' OR t.account_id IS NOT NULL)
    ORDER BY a.code`.execute(trx);
  const result = rows.map((row) => {
    const totalDebit = rupiahFromDb(row.debit);
    const totalCredit = rupiahFromDb(row.credit);
    const net = subRupiah(totalDebit, totalCredit);
    return {
      accountId: row.id,
      code: row.code,
      name: row.name,
      type: row.type,
      normalBalance: row.normal_balance,
      totalDebit,
      totalCredit,
      debit: net > 0 ? net : ZERO_RUPIAH,
      credit: net < 0 ? subRupiah(ZERO_RUPIAH, net) : ZERO_RUPIAH,
    };
  });
  return {
    asOf,
    rows: result,
    totalDebit: sumRupiah(result.map((r) => r.debit)),
    totalCredit: sumRupiah(result.map((r) => r.credit)),
  };
}
