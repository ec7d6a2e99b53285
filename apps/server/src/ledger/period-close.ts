import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import type { CommandContext } from "../command/command-context";
import { periodEndOf, periodLabelOf, type BusinessDate } from "@koperasi/domain";
import { ledgerError } from "./errors";
import { lockPeriodExclusive } from "./period";

// Month close: a closed month refuses every posting dated in it (postEntry
// checks under the month's shared lock; closing takes it exclusively, see
// ./period.ts). A month closes only after its last day, and only when no
// journal dated in it awaits approval — otherwise that journal could never
// be posted, only rejected. Reopening (its own permission, audited by the
// route) deletes the row; a month of a closed book year never reopens (the
// database refuses it too).

export interface ClosedPeriodView {
  /** `YYYY-MM`. */
  period: string;
  closedBy: string | null;
  closedAt: string;
  /** The book year has been closed (tutup buku): the month stays closed. */
  bookYearClosed: boolean;
}

/** Closes a month (periodStart: its first day) for postings dated in it. */
export async function closeMonth(cmd: CommandContext, periodStart: BusinessDate): Promise<ClosedPeriodView> {
  const { trx, koperasiId } = cmd;
  if (periodEndOf(periodStart) >= cmd.today) throw ledgerError("period_not_ended", "params.period");
  // Waits for every posting dated in the month that has passed its period
  // check to commit; postings that arrive now wait for this close.
  await lockPeriodExclusive(trx, koperasiId, periodStart);
  if (await isClosed(trx, koperasiId, periodStart)) throw ledgerError("period_already_closed");
  if ((await pendingCount(trx, koperasiId, periodStart, periodEndOf(periodStart))) > 0) throw ledgerError("period_has_pending");
  await trx.insertInto("closed_period").values({ koperasi_id: koperasiId, period_start: periodStart, closed_by: cmd.actor.userId, closed_at: cmd.now }).execute();
  const period = periodLabelOf(periodStart);
  await cmd.audit({ action: "ledger.period_close", targetType: "period", targetId: period });
  return { period, closedBy: cmd.actor.userId, closedAt: cmd.now.toISOString(), bookYearClosed: false };
}

/** Reopens a closed month, for a reason the audit keeps; returns what it was. */
export async function reopenMonth(cmd: CommandContext, periodStart: BusinessDate, reason: string): Promise<ClosedPeriodView> {
  const { trx, koperasiId } = cmd;
  await lockPeriodExclusive(trx, koperasiId, periodStart);
  const [row] = await closedPeriods(trx, koperasiId, { from: periodStart, to: periodStart });
  if (!row) throw ledgerError("period_not_closed");
  if (row.bookYearClosed) throw ledgerError("book_year_closed");
  await trx.deleteFrom("closed_period").where("koperasi_id", "=", koperasiId).where("period_start", "=", periodStart).execute();
  await cmd.audit({
    action: "ledger.period_reopen",
    targetType: "period",
    targetId: row.period,
    details: { reason, closedBy: row.closedBy, closedAt: row.closedAt },
  });
  return row;
}

/** Closed months, oldest first, optionally within [from, to] (first days of months). */
export async function closedPeriods(trx: Transaction<DB>, koperasiId: string, range: { from?: BusinessDate; to?: BusinessDate } = {}): Promise<ClosedPeriodView[]> {
  let query = trx
    .selectFrom("closed_period as p")
    .leftJoin("year_end_close as y", (join) => join.onRef("y.koperasi_id", "=", "p.koperasi_id").on(sql<boolean>`y.book_year = extract(year FROM p.period_start)`))
    .select([sql<string>`to_char(p.period_start, 'YYYY-MM')`.as("period"), "p.closed_by", "p.closed_at", sql<boolean>`y.book_year IS NOT NULL`.as("year_closed")])
    .where("p.koperasi_id", "=", koperasiId);
  if (range.from) query = query.where("p.period_start", ">=", range.from);
  if (range.to) query = query.where("p.period_start", "<=", range.to);
  const rows = await query.orderBy("p.period_start").execute();
  return rows.map((row) => ({ period: row.period, closedBy: row.closed_by, closedAt: new Date(row.closed_at).toISOString(), bookYearClosed: row.year_closed }));
}

export async function isClosed(trx: Transaction<DB>, koperasiId: string, periodStart: BusinessDate): Promise<boolean> {
  const row = await trx
    .selectFrom("closed_period")
    .select("period_start")
    .where("koperasi_id", "=", koperasiId)
    .where("period_start", "=", periodStart)
    .executeTakeFirst();
  return row !== undefined;
}

/** Journals awaiting approval dated within [from, to]. */
export async function pendingCount(trx: Transaction<DB>, koperasiId: string, from: BusinessDate, to: BusinessDate): Promise<number> {
  const row = await trx
    .selectFrom("journal_entry")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("koperasi_id", "=", koperasiId)
    .where("status", "=", "pending")
    .where("business_date", ">=", from)
    .where("business_date", "<=", to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
