import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import type { Rupiah } from "@koperasi/domain";
import { rupiahFromDb } from "./amounts";

// The ledger's own health checks, read straight from the database: what the
// tests assert after random workloads, and what `koperasi verify` and
// monitoring can run on real books.

export interface SubLedgerMismatch {
  accountId: string;
  code: string;
  /** The control account's balance from its posted lines, on its normal side. */
  glBalance: Rupiah;
  /** Σ of its member accounts' balances. */
  subLedgerBalance: Rupiah;
}

/** Control accounts whose member accounts do not add up to them. Empty when the books are right. */
export async function subLedgerMismatches(trx: Transaction<DB>, koperasiId: string): Promise<SubLedgerMismatch[]> {
  const { rows } = await sql<{ id: string; code: string; gl: string; sub: string }>`
    SELECT a.id, a.code,
      coalesce((SELECT sum(CASE WHEN a.normal_balance = 'debit' THEN l.debit - l.credit ELSE l.credit - l.debit END)
                FROM journal_line l JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
                WHERE l.koperasi_id = a.koperasi_id AND l.account_id = a.id AND e.status = 'posted'), 0)::text AS gl,
      coalesce((SELECT sum(m.balance) FROM member_account m WHERE m.koperasi_id = a.koperasi_id AND m.account_id = a.id), 0)::text AS sub
    FROM gl_account a
    WHERE a.koperasi_id = ${koperasiId}::uuid AND a.is_control
    ORDER BY a.code`.execute(trx);
  return rows
    .map((row) => ({ accountId: row.id, code: row.code, glBalance: rupiahFromDb(row.gl), subLedgerBalance: rupiahFromDb(row.sub) }))
    .filter((row) => row.glBalance !== row.subLedgerBalance);
}

/** Σ debit and Σ credit over every posted line of the cooperative: equal, or the books are broken. */
export async function postedTotals(trx: Transaction<DB>, koperasiId: string): Promise<{ debit: Rupiah; credit: Rupiah; entries: number }> {
  const { rows } = await sql<{ debit: string; credit: string; entries: string }>`
    SELECT coalesce(sum(l.debit), 0)::text AS debit, coalesce(sum(l.credit), 0)::text AS credit, count(DISTINCT e.id)::text AS entries
    FROM journal_line l JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
    WHERE l.koperasi_id = ${koperasiId}::uuid AND e.status = 'posted'`.execute(trx);
  return { debit: rupiahFromDb(rows[0]?.debit), credit: rupiahFromDb(rows[0]?.credit), entries: Number(rows[0]?.entries ?? 0) };
}
