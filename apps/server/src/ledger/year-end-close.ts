import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import type { CommandContext } from "../command/command-context";
import {
  closingEntryLines,
  isAccountType,
  lastDayOfYear,
  periodsOfYear,
  RESULT_ACCOUNT_TYPES,
  SHU_TAHUN_BERJALAN_CODE,
  type BusinessDate,
  type Rupiah,
} from "@koperasi/domain";
import { rupiahFromDb } from "./amounts";
import { ledgerError } from "./errors";
import { pendingCount } from "./period-close";
import { lockPeriodExclusive } from "./period";
import { postEntry, type PostedEntry } from "./post-entry";

// Tutup buku: closes a book year in one transaction. The closing entry
// (voucher TB/<year>/…, source year_end_close, dated 31 December) brings every
// pendapatan and beban account to zero and moves the difference into SHU
// tahun berjalan; then every month of the year is closed. The year's row in
// year_end_close makes a second close impossible, and a closed year's months
// never reopen (database trigger).

export interface YearEndCloseResult {
  bookYear: number;
  /** The closing entry; null when the year had no income or expense to close. */
  entry: PostedEntry | null;
  /** SHU (positive) or loss (negative) moved into SHU tahun berjalan. */
  netResult: Rupiah;
}

export async function closeBookYear(cmd: CommandContext, year: number): Promise<YearEndCloseResult> {
  const { trx, koperasiId } = cmd;
  const yearEnd = lastDayOfYear(year);
  const yearStart = `${String(year).padStart(4, "0")}-01-01`;
  if (yearEnd >= cmd.today) throw ledgerError("year_not_ended", "params.year");
  // Every month of the year, exclusively and in order (as a month close
  // does): postings dated in the year finish first, new ones wait and then
  // find their month closed.
  const months = periodsOfYear(year);
  for (const month of months) await lockPeriodExclusive(trx, koperasiId, month);

  const closed = await trx.selectFrom("year_end_close").select("book_year").where("koperasi_id", "=", koperasiId).where("book_year", "=", year).executeTakeFirst();
  if (closed) throw ledgerError("year_already_closed");
  if (await earlierYearOpen(trx, koperasiId, yearStart)) throw ledgerError("earlier_year_open");
  if ((await pendingCount(trx, koperasiId, yearStart, yearEnd)) > 0) throw ledgerError("year_has_pending");
  const shuAccountId = await shuAccount(trx, koperasiId);
  const totals = await resultTotals(trx, koperasiId, yearEnd);
  if (totals.some((row) => row.isControl && row.debit !== row.credit)) throw ledgerError("year_close_control_account");
  const closing = closingEntryLines(totals, shuAccountId);

  // The closing entry is dated 31 December. If December was closed already,
  // it is opened for this entry alone — under the exclusive lock nothing
  // else can post — and closed again below with its original record.
  const decemberStart = months[11] ?? `${year}-12-01`;
  const december = await trx
    .selectFrom("closed_period")
    .select(["closed_by", "closed_at"])
    .where("koperasi_id", "=", koperasiId)
    .where("period_start", "=", decemberStart)
    .executeTakeFirst();
  if (december) await trx.deleteFrom("closed_period").where("koperasi_id", "=", koperasiId).where("period_start", "=", decemberStart).execute();

  const entry =
    closing.lines.length === 0
      ? null
      : await postEntry(trx, {
          koperasiId,
          source: "year_end_close",
          sourceRef: String(year),
          businessDate: yearEnd,
          description: `Tutup buku tahun ${year}: pendapatan dan beban ke SHU Tahun Berjalan`,
          createdBy: cmd.actor.userId,
          lines: closing.lines.map((line) => ({ accountId: line.account, debit: line.debit, credit: line.credit })),
          postedAt: cmd.now,
          newId: cmd.newId,
        });

  await trx
    .insertInto("year_end_close")
    .values({ koperasi_id: koperasiId, book_year: year, entry_id: entry?.id ?? null, net_result: closing.netResult, closed_by: cmd.actor.userId, closed_at: cmd.now })
    .execute();
  await trx
    .insertInto("closed_period")
    .values(
      months.map((month) =>
        december && month === decemberStart
          ? { koperasi_id: koperasiId, period_start: month, closed_by: december.closed_by, closed_at: december.closed_at }
          : { koperasi_id: koperasiId, period_start: month, closed_by: cmd.actor.userId, closed_at: cmd.now },
      ),
    )
    .onConflict((oc) => oc.columns(["koperasi_id", "period_start"]).doNothing())
    .execute();
  await cmd.audit({
    action: "ledger.year_close",
    targetType: "book_year",
    targetId: String(year),
    details: { voucherNo: entry?.voucherNo ?? null, netResult: closing.netResult },
  });
  return { bookYear: year, entry, netResult: closing.netResult };
}

/** An earlier year with income or expense postings that was never closed: its result would leak into this one. */
async function earlierYearOpen(trx: Transaction<DB>, koperasiId: string, yearStart: BusinessDate): Promise<boolean> {
  const { rows } = await sql<{ open: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM journal_line l
        JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
        JOIN gl_account a ON a.koperasi_id = l.koperasi_id AND a.id = l.account_id
      WHERE l.koperasi_id = ${koperasiId}::uuid AND e.status = 'posted' AND e.business_date < ${yearStart}::date
        AND a.type IN ('pendapatan', 'beban')
        AND NOT EXISTS (SELECT 1 FROM year_end_close y WHERE y.koperasi_id = l.koperasi_id AND y.book_year = extract(year FROM e.business_date))
    ) AS open`.execute(trx);
  return rows[0]?.open === true;
}

async function shuAccount(trx: Transaction<DB>, koperasiId: string): Promise<string> {
  const account = await trx
    .selectFrom("gl_account")
    .select(["id", "type", "status", "is_group", "is_control"])
    .where("koperasi_id", "=", koperasiId)
    .where("code", "=", SHU_TAHUN_BERJALAN_CODE)
    .executeTakeFirst();
  if (!account || account.type !== "ekuitas" || account.status !== "open" || account.is_group || account.is_control) throw ledgerError("shu_account_missing");
  return account.id;
}

/**
 * Every income and expense account's totals up to the year's last day, in
 * code order. Cumulative, not this year's alone: earlier years were closed
 * (checked above), so what is left is this year's result.
 */
async function resultTotals(trx: Transaction<DB>, koperasiId: string, yearEnd: BusinessDate) {
  const rows = await trx
    .selectFrom("journal_line as l")
    .innerJoin("journal_entry as e", (join) => join.onRef("e.koperasi_id", "=", "l.koperasi_id").onRef("e.id", "=", "l.entry_id"))
    .innerJoin("gl_account as a", (join) => join.onRef("a.koperasi_id", "=", "l.koperasi_id").onRef("a.id", "=", "l.account_id"))
    .select((eb) => ["a.id", "a.code", "a.type", "a.is_control", eb.fn.sum<string | number>("l.debit").as("debit"), eb.fn.sum<string | number>("l.credit").as("credit")])
    .where("l.koperasi_id", "=", koperasiId)
    .where("e.status", "=", "posted")
    .where("e.business_date", "<=", yearEnd)
    .where("a.type", "in", [...RESULT_ACCOUNT_TYPES])
    .groupBy(["a.id", "a.code", "a.type", "a.is_control"])
    .orderBy("a.code")
    .execute();
  return rows.map((row) => {
    if (!isAccountType(row.type)) throw new Error(`account ${row.code} has unknown type ${row.type}`);
    return { account: row.id, type: row.type, isControl: row.is_control, debit: rupiahFromDb(row.debit), credit: rupiahFromDb(row.credit) };
  });
}
