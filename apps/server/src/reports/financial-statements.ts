import { sql, type Transaction } from "kysely";
import type { FinancialStatementsReport } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import {
  businessDateOf,
  DomainError,
  financialStatements,
  isCashAccount,
  parseReportPeriod,
  priorReportPeriod,
  timeZoneOr,
  type AccountActivity,
  type AccountType,
  type BusinessDate,
  type FinancialStatements,
  type ReportPeriod,
} from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { rupiahFromDb } from "../ledger/amounts";
import { reportError } from "./errors";

// The SAK EP statements of a period and the period before, read from the
// posted journal in one pass per period: for every account of the chart its
// balance before the period, what was posted in it (the year-end closing
// entry apart), and its lines in entries that moved cash. The domain turns
// that into the four statements (financial-statements.ts in the domain).
// "As known at" an instant reads only entries posted by then, so a report
// printed in the past can be reproduced exactly; entries dated in the period
// but posted after it ended are named, so a reader sees what changed.

/** Source of the year-end closing entry (year-end-close.ts). */
const YEAR_END_CLOSE_SOURCE = "year_end_close";
/** Back-dated entries named in the footnote at most; `latePostingCount` tells how many there are in all. */
const LATE_POSTINGS_SHOWN = 50;

/**
 * What every account did in each of the periods, read in one pass over the
 * journal (the statements' period and the one before share it): per period
 * its balance before, its postings in it (the closing entry apart) and its
 * lines in entries that moved cash.
 */
export async function accountActivity(trx: Transaction<DB>, koperasiId: string, periods: readonly ReportPeriod[], knownAt: Date): Promise<AccountActivity[][]> {
  const chart = await trx.selectFrom("gl_account").select(["id", "code", "type"]).where("koperasi_id", "=", koperasiId).where("is_group", "=", false).execute();
  const cashIds = chart.filter((account) => isCashAccount({ code: account.code, type: account.type as AccountType })).map((account) => account.id);
  const lastDay = periods.map((p) => p.to).sort().at(-1) ?? "";
  const firstDay = periods.map((p) => p.from).sort()[0] ?? "";
  const inPeriod = (p: ReportPeriod) => sql`p.business_date BETWEEN ${p.from}::date AND ${p.to}::date`;
  const counterLine = sql`c.entry_id IS NOT NULL AND NOT p.closing AND NOT a.id = ANY(${cashIds}::uuid[])`;
  const columns = periods.map(
    (p, i) => sql`
           coalesce(sum(p.debit - p.credit) FILTER (WHERE p.business_date < ${p.from}::date), 0)::text AS ${sql.ref(`opening_net_${i}`)},
           coalesce(sum(p.debit) FILTER (WHERE ${inPeriod(p)} AND NOT p.closing), 0)::text AS ${sql.ref(`period_debit_${i}`)},
           coalesce(sum(p.credit) FILTER (WHERE ${inPeriod(p)} AND NOT p.closing), 0)::text AS ${sql.ref(`period_credit_${i}`)},
           coalesce(sum(p.debit) FILTER (WHERE ${inPeriod(p)} AND p.closing), 0)::text AS ${sql.ref(`closing_debit_${i}`)},
           coalesce(sum(p.credit) FILTER (WHERE ${inPeriod(p)} AND p.closing), 0)::text AS ${sql.ref(`closing_credit_${i}`)},
           coalesce(sum(p.debit) FILTER (WHERE ${inPeriod(p)} AND ${counterLine}), 0)::text AS ${sql.ref(`cash_debit_${i}`)},
           coalesce(sum(p.credit) FILTER (WHERE ${inPeriod(p)} AND ${counterLine}), 0)::text AS ${sql.ref(`cash_credit_${i}`)}`,
  );
  const { rows } = await sql<Record<string, string>>`
    WITH posted AS (
      SELECT l.account_id, l.entry_id, l.debit, l.credit, e.business_date, e.source = ${YEAR_END_CLOSE_SOURCE} AS closing
        FROM journal_line l
        JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
       WHERE l.koperasi_id = ${koperasiId}::uuid AND e.status = 'posted'
         AND e.business_date <= ${lastDay}::date AND e.posted_at <= ${knownAt}
    ),
    cash_entry AS (
      SELECT DISTINCT entry_id FROM posted
       WHERE business_date >= ${firstDay}::date AND account_id = ANY(${cashIds}::uuid[])
    )
    SELECT a.code, a.name, a.type, ${sql.join(columns)}
      FROM gl_account a
      LEFT JOIN posted p ON p.account_id = a.id
      LEFT JOIN cash_entry c ON c.entry_id = p.entry_id
     WHERE a.koperasi_id = ${koperasiId}::uuid AND NOT a.is_group
     GROUP BY a.id, a.code, a.name, a.type
     ORDER BY a.code`.execute(trx);
  const amount = (row: Record<string, string>, column: string) => rupiahFromDb(row[column] ?? "0");
  return periods.map((_, i) =>
    rows.map((row) => ({
      code: row.code ?? "",
      name: row.name ?? "",
      type: row.type as AccountType,
      openingNet: amount(row, `opening_net_${i}`),
      periodDebit: amount(row, `period_debit_${i}`),
      periodCredit: amount(row, `period_credit_${i}`),
      closingEntryDebit: amount(row, `closing_debit_${i}`),
      closingEntryCredit: amount(row, `closing_credit_${i}`),
      cashCounterDebit: amount(row, `cash_debit_${i}`),
      cashCounterCredit: amount(row, `cash_credit_${i}`),
    })),
  );
}

/** The period asked for, refused when it lies in the future or before the cooperative kept any books. */
async function checkedPeriod(cmd: CommandContext, label: string): Promise<ReportPeriod> {
  let period: ReportPeriod;
  try {
    period = parseReportPeriod(label);
  } catch (error) {
    if (error instanceof DomainError) throw reportError("period_invalid", { field: "query.period" });
    throw error;
  }
  if (period.from > cmd.today) throw reportError("period_in_future", { field: "query.period", vars: { today: cmd.today } });
  const { rows } = await sql<{ first: string | null }>`
    SELECT to_char(min(business_date), 'YYYY-MM-DD') AS first FROM journal_entry
     WHERE koperasi_id = ${cmd.koperasiId}::uuid AND status = 'posted'`.execute(cmd.trx);
  const registered = businessDateOf(cmd.koperasi.created_at, timeZoneOr(cmd.koperasi.time_zone));
  const first = [rows[0]?.first ?? registered, registered].sort()[0] as BusinessDate;
  if (period.to < first) throw reportError("period_before_koperasi", { field: "query.period", vars: { first } });
  return period;
}

/** Entries dated in the period but posted after it ended; the year-end closing entry, posted after its year by nature and changing no total, is not one of them. */
async function latePostings(cmd: CommandContext, period: ReportPeriod, knownAt: Date): Promise<Pick<FinancialStatementsReport, "latePostings" | "latePostingCount">> {
  const timeZone = timeZoneOr(cmd.koperasi.time_zone);
  const { rows } = await sql<{ voucher_no: string; business_date: string; posted_at: Date; description: string; total: number }>`
    SELECT e.voucher_no, to_char(e.business_date, 'YYYY-MM-DD') AS business_date, e.posted_at, e.description, (count(*) OVER ())::int AS total
      FROM journal_entry e
     WHERE e.koperasi_id = ${cmd.koperasiId}::uuid AND e.status = 'posted'
       AND e.business_date BETWEEN ${period.from}::date AND ${period.to}::date
       AND e.posted_at <= ${knownAt}
       AND (e.posted_at AT TIME ZONE ${timeZone})::date > ${period.to}::date
       AND e.source <> ${YEAR_END_CLOSE_SOURCE}
     ORDER BY e.posted_at, e.voucher_no
     LIMIT ${LATE_POSTINGS_SHOWN}`.execute(cmd.trx);
  return {
    latePostings: rows.map((row) => ({ voucherNo: row.voucher_no, businessDate: row.business_date, postedAt: new Date(row.posted_at).toISOString(), description: row.description })),
    latePostingCount: rows[0]?.total ?? 0,
  };
}

function toSet(statements: FinancialStatements): FinancialStatementsReport["current"] {
  const { balanceSheet, incomeStatement, equityChanges, cashFlow } = statements;
  return { balanceSheet, incomeStatement, equityChanges, cashFlow };
}

/** The statements of a period (`2026-11`, `2026-Q4`, `2026`) beside the period before, as known at an instant (default now). */
export async function financialStatementsReport(cmd: CommandContext, label: string, knownAtText?: string): Promise<FinancialStatementsReport> {
  const period = await checkedPeriod(cmd, label);
  const knownAt = knownAtText === undefined ? cmd.now : new Date(knownAtText);
  if (knownAt.getTime() > cmd.now.getTime()) throw reportError("known_at_in_future", { field: "query.knownAt" });
  const prior = priorReportPeriod(period);
  const [currentActivity = [], priorActivity = []] = await accountActivity(cmd.trx, cmd.koperasiId, [period, prior], knownAt);
  const current = financialStatements(currentActivity, period);
  const before = financialStatements(priorActivity, prior);
  return {
    period,
    priorPeriod: prior,
    knownAt: knownAt.toISOString(),
    current: toSet(current),
    prior: toSet(before),
    ...(await latePostings(cmd, period, knownAt)),
  };
}
