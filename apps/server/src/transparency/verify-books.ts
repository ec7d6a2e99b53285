import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { formatRupiah } from "@koperasi/domain";
import { rupiahFromDb } from "../ledger/amounts";
import { subLedgerMismatches } from "../ledger/reconcile";
import type { Findings } from "./verify-findings";

// Checks on the journal as a whole, each one aggregate query (they scale with
// the database, not with the verifier's memory): posted entries that have no
// leaf, gap-free voucher numbers that end at their counter, member balances
// that equal their posted lines, control accounts that equal their
// sub-ledgers. Each reports its first few cases and how many there are.

const SHOWN = 20;
/** PREFIX/YEAR/NNNNNN, as formatVoucherNumber writes it (packages/domain). */
const VOUCHER_FORMAT = "^[A-Z]{2,5}/[0-9]{4}/[0-9]{6,}$";

/** Posted entries without a log leaf: inserted behind the posting path's back, or their leaf deleted. */
export async function checkEntriesWithoutLeaf(trx: Transaction<DB>, koperasiId: string, findings: Findings): Promise<void> {
  const { rows } = await sql<{ id: string; voucher_no: string | null; posted_ms: string; total: string }>`
    SELECT e.id, e.voucher_no, (extract(epoch FROM e.posted_at) * 1000)::bigint::text AS posted_ms, count(*) OVER ()::text AS total
    FROM journal_entry e
    WHERE e.koperasi_id = ${koperasiId}::uuid AND e.status = 'posted'
      AND NOT EXISTS (SELECT 1 FROM log_leaf l WHERE l.koperasi_id = e.koperasi_id AND l.entry_id = e.id)
    ORDER BY e.posted_at, e.id
    LIMIT ${SHOWN}`.execute(trx);
  for (const [i, row] of rows.entries()) {
    findings.add({
      code: "entry_without_leaf",
      place: "outside_tree",
      position: Number(row.posted_ms),
      entryId: row.id,
      voucherNo: row.voucher_no,
      detail: `entri terposting tanpa daun log (tidak lewat jalur posting, atau daunnya dihapus)${moreOf(row.total, rows.length, i)}`,
    });
  }
}

/**
 * Voucher numbers run 1, 2, 3, … per prefix and book year with no gap and end
 * at their counter: a deleted entry leaves a hole, an entry inserted behind
 * the counter's back sits beyond it.
 */
export async function checkVoucherNumbers(trx: Transaction<DB>, koperasiId: string, findings: Findings): Promise<string[]> {
  // split_part and one `~` per row: regexp_match with capture groups costs
  // about a millisecond a row in PostgreSQL, too slow for a million entries.
  const numbered = sql`
    WITH numbered AS MATERIALIZED (
      SELECT e.id, e.voucher_no, split_part(e.voucher_no, '/', 1) AS prefix, split_part(e.voucher_no, '/', 2) AS year,
             split_part(e.voucher_no, '/', 3)::bigint AS n
      FROM journal_entry e
      WHERE e.koperasi_id = ${koperasiId}::uuid AND e.status = 'posted' AND e.voucher_no ~ ${VOUCHER_FORMAT}
    )`;
  const malformed = await sql<{ id: string; voucher_no: string | null }>`
    SELECT e.id, e.voucher_no FROM journal_entry e
    WHERE e.koperasi_id = ${koperasiId}::uuid AND e.status = 'posted'
      AND (e.voucher_no IS NULL OR e.voucher_no !~ ${VOUCHER_FORMAT})
    ORDER BY e.posted_at LIMIT ${SHOWN}`.execute(trx);
  for (const row of malformed.rows) {
    findings.add({ code: "voucher_format", place: "books", position: 0, entryId: row.id, voucherNo: row.voucher_no, detail: "nomor bukti tidak berbentuk PREFIKS/TAHUN/NOMOR" });
  }

  const missing: string[] = [];
  const gaps = await sql<{ prefix: string; year: string; missing_from: string; missing_to: string; id: string; voucher_no: string }>`
    ${numbered}, ordered AS (
      SELECT *, lag(n, 1, 0::bigint) OVER (PARTITION BY prefix, year ORDER BY n) AS prev FROM numbered
    )
    SELECT prefix, year, (prev + 1)::text AS missing_from, (n - 1)::text AS missing_to, id, voucher_no
    FROM ordered WHERE n > prev + 1 ORDER BY prefix, year, n LIMIT ${SHOWN}`.execute(trx);
  for (const gap of gaps.rows) {
    const range = numberRange(gap.prefix, gap.year, gap.missing_from, gap.missing_to);
    missing.push(range);
    findings.add({ code: "voucher_gap", place: "books", position: 1, detail: `nomor bukti ${range} hilang dari jurnal (sebelum ${gap.voucher_no})` });
  }

  const counters = await sql<{ id: string; max_n: string | null; last_value: string | null }>`
    ${numbered}, groups AS (
      SELECT 'voucher/' || prefix || '/' || year AS id, max(n) AS max_n FROM numbered GROUP BY 1
    ), counters AS (
      SELECT id, last_value FROM tenant_sequence WHERE koperasi_id = ${koperasiId}::uuid AND id LIKE 'voucher/%'
    )
    SELECT coalesce(g.id, c.id) AS id, g.max_n::text AS max_n, c.last_value::text AS last_value
    FROM groups g FULL JOIN counters c ON c.id = g.id
    WHERE coalesce(g.max_n, 0) <> coalesce(c.last_value, 0)
    ORDER BY 1`.execute(trx);
  for (const row of counters.rows) {
    const [, prefix = "", year = ""] = row.id.split("/");
    const max = Number(row.max_n ?? 0);
    const counter = Number(row.last_value ?? 0);
    if (max < counter) {
      const range = numberRange(prefix, year, String(max + 1), String(counter));
      missing.push(range);
      findings.add({ code: "voucher_gap", place: "books", position: 1, detail: `nomor bukti ${range} sudah diterbitkan tetapi hilang dari jurnal` });
    } else {
      const beyond = await trx
        .selectFrom("journal_entry")
        .select(["id", "voucher_no"])
        .where("koperasi_id", "=", koperasiId)
        .where("status", "=", "posted")
        .where("voucher_no", "like", `${prefix}/${year}/%`)
        .orderBy("voucher_no", "desc")
        .limit(1)
        .execute();
      findings.add({
        code: "voucher_beyond_counter",
        place: "books",
        position: 2,
        entryId: beyond[0]?.id,
        voucherNo: beyond[0]?.voucher_no,
        detail: `nomor bukti melewati penghitungnya (${prefix}/${year} baru sampai ${counter}): entri disisipkan di luar jalur posting`,
      });
    }
  }
  return missing;
}

/** Each member account's stored balance equals its posted lines, on its control account's normal side. */
export async function checkMemberBalances(trx: Transaction<DB>, koperasiId: string, findings: Findings): Promise<void> {
  const { rows } = await sql<{ id: string; member_number: string | null; code: string; stored: string; from_lines: string; total: string }>`
    WITH moved AS (
      SELECT l.member_account_id AS id, sum(l.credit - l.debit) AS net_credit
      FROM journal_line l JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
      WHERE l.koperasi_id = ${koperasiId}::uuid AND l.member_account_id IS NOT NULL AND e.status = 'posted'
      GROUP BY l.member_account_id
    ), compared AS (
      SELECT m.id, mb.member_number, a.code, m.balance,
        CASE WHEN a.normal_balance = 'debit' THEN -coalesce(moved.net_credit, 0) ELSE coalesce(moved.net_credit, 0) END AS from_lines
      FROM member_account m
      JOIN gl_account a ON a.koperasi_id = m.koperasi_id AND a.id = m.account_id
      LEFT JOIN member mb ON mb.koperasi_id = m.koperasi_id AND mb.id = m.member_id
      LEFT JOIN moved ON moved.id = m.id
      WHERE m.koperasi_id = ${koperasiId}::uuid
    )
    SELECT id, member_number, code, balance::text AS stored, from_lines::text AS from_lines, count(*) OVER ()::text AS total
    FROM compared WHERE balance <> from_lines
    ORDER BY member_number, id LIMIT ${SHOWN}`.execute(trx);
  for (const [i, row] of rows.entries()) {
    findings.add({
      code: "member_balance",
      place: "books",
      position: 3,
      detail:
        `rekening anggota ${row.member_number ?? "?"} (akun ${row.code}, id ${row.id}): saldo tersimpan ${formatRupiah(rupiahFromDb(row.stored))}, ` +
        `menurut baris jurnal ${formatRupiah(rupiahFromDb(row.from_lines))}${moreOf(row.total, rows.length, i)}`,
    });
  }
}

/** Each control account equals the sum of its member accounts. */
export async function checkControlAccounts(trx: Transaction<DB>, koperasiId: string, findings: Findings): Promise<void> {
  for (const mismatch of await subLedgerMismatches(trx, koperasiId)) {
    findings.add({
      code: "subledger_control",
      place: "books",
      position: 4,
      detail: `akun kontrol ${mismatch.code}: saldo buku besar ${formatRupiah(mismatch.glBalance)}, jumlah rekening anggota ${formatRupiah(mismatch.subLedgerBalance)}`,
    });
  }
}

function numberRange(prefix: string, year: string, from: string, to: string): string {
  const pad = (n: string) => n.padStart(6, "0");
  return from === to ? `${prefix}/${year}/${pad(from)}` : `${prefix}/${year}/${pad(from)}–${pad(to)}`;
}

/** On the last row shown: how many more there are. */
function moreOf(total: string, shown: number, index: number): string {
  const more = Number(total) - shown;
  return more > 0 && index === shown - 1 ? ` (dan ${more} lainnya tidak ditampilkan)` : "";
}
