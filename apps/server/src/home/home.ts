import { sql, type RawBuilder } from "kysely";
import type { KoperasiHome } from "@koperasi/contracts";
import { ACTIONS, can, OPERATOR_TENANT_ACCESS_ACTIONS, type Action } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { rupiahFromDb } from "../ledger/amounts";

// The home screen's figures in one statement. Each section is a column that
// is only computed when the signed-in person may see it; the rest are NULL.
//
// What an account is, read from the cooperative's own chart:
// - savings: control accounts on the credit side (simpanan pokok, wajib,
//   sukarela, berjangka: member sub-ledgers the cooperative owes);
// - loans: control accounts among the assets (piutang pinjaman anggota);
// - cash: the cash and bank accounts, codes 1-11xx and 1-12xx of the
//   Indonesian chart (Kas, Bank and any sub-account under them).
// Savings and loans are the sums of the member accounts' balances, which the
// posting path keeps; cash is summed from its journal lines.

const RECENT_ENTRIES = 8;
const MONTHS = 12;

type Section = keyof Omit<KoperasiHome, "asOf">;

/** Which sections the actor sees: each asks for one of a few permissions. */
const SECTION_ACTIONS: Readonly<Record<Section, readonly Action[]>> = {
  mine: ["savings.view_self"],
  cash: ["savings.view", "journal.view"],
  recent: ["savings.view", "journal.view"],
  books: ["journal.view"],
  waiting: ["journal.approve", "members.approve", "journal.post_manual", "ledger.transfer"],
  review: ["members.review_screening"],
  setup: ["koperasi.manage_modules"],
};

/** The actions a person holds here: an operator's read-only visit holds the tenant's read actions. */
function grantedActions(actor: CommandContext["actor"]): Set<Action> {
  if (actor.viaOperator) return new Set(OPERATOR_TENANT_ACCESS_ACTIONS);
  const subject = { roles: [...actor.roles], positions: [...actor.positions] };
  return new Set(ACTIONS.filter((action) => can(subject, action)));
}

export function homeSections(actor: CommandContext["actor"]): Set<Section> {
  const granted = grantedActions(actor);
  return new Set((Object.keys(SECTION_ACTIONS) as Section[]).filter((section) => SECTION_ACTIONS[section].some((a) => granted.has(a))));
}

type Money = string | number;
interface LoanRow {
  id: string;
  product_name: string;
  status: "applied" | "approved" | "disbursed";
  principal: Money;
  outstanding: Money;
  next_due: { due_date: string; amount: Money } | null;
}

interface Row {
  mine: { member_number: string | null; accounts: { id: string; code: string; name: string; balance: Money }[] } | null;
  my_loans: LoanRow[] | null;
  cash: { accounts: { id: string; code: string; name: string; balance: Money }[]; today_in: Money; today_out: Money } | null;
  recent: { id: string; voucher_no: string | null; business_date: string; description: string; source: string; amount: Money }[] | null;
  books: { savings: Money; loans: Money; months: { month: string; cash_in: Money; cash_out: Money; savings: Money; loans: Money }[] } | null;
  waiting: { pending_journals: number; applications: number } | null;
  review: { screening_matches: number } | null;
  setup: { profile: boolean; chart: boolean; opening: boolean; members: boolean; users: boolean; modules: boolean } | null;
}

export async function homeFigures(cmd: CommandContext): Promise<KoperasiHome> {
  const shown = homeSections(cmd.actor);
  const k = sql`${cmd.koperasiId}::uuid`;
  const today = sql`${cmd.today}::date`;
  const when = (section: Section, query: RawBuilder<unknown>) => (shown.has(section) ? query : sql`NULL`);

  const { rows } = await sql<Row>`
    WITH acct AS (
      SELECT id, code, name,
        CASE
          WHEN is_control AND normal_balance = 'credit' THEN 'savings'
          WHEN is_control AND type = 'aset' THEN 'loans'
          WHEN type = 'aset' AND NOT is_group AND regexp_replace(code, '[.-]', '', 'g') ~ '^11[12]' THEN 'cash'
        END AS kind
      FROM gl_account WHERE koperasi_id = ${k}
    ),
    cash_lines AS (
      SELECT a.id, e.business_date, l.debit, l.credit
      FROM journal_line l
      JOIN acct a ON a.id = l.account_id AND a.kind = 'cash'
      JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
      WHERE l.koperasi_id = ${k} AND e.status = 'posted' AND e.business_date <= ${today}
    )
    SELECT
      ${when(
        "mine",
        sql`(SELECT json_build_object(
          'member_number', min(m.member_number),
          'accounts', coalesce(json_agg(json_build_object('id', ma.id, 'code', a.code, 'name', a.name, 'balance', ma.balance::text) ORDER BY a.code)
                               FILTER (WHERE ma.id IS NOT NULL), '[]'))
        FROM member m
        LEFT JOIN member_account ma ON ma.koperasi_id = m.koperasi_id AND ma.member_id = m.id AND ma.status = 'open'
        LEFT JOIN acct a ON a.id = ma.account_id AND a.kind = 'savings'
        WHERE m.koperasi_id = ${k} AND m.user_id = ${cmd.actor.userId} AND (ma.id IS NULL OR a.id IS NOT NULL))`,
      )} AS mine,
      ${when(
        "mine",
        sql`(SELECT coalesce(json_agg(json_build_object('id', l.id, 'product_name', p.name, 'status', l.status, 'principal', l.principal::text,
                 'outstanding', (SELECT coalesce(sum(i.principal_due - i.principal_paid), 0)::text FROM loan_installment i WHERE i.koperasi_id = l.koperasi_id AND i.loan_id = l.id),
                 'next_due', (SELECT json_build_object('due_date', i.due_date, 'amount', (i.principal_due - i.principal_paid + i.interest_due - i.interest_paid - i.interest_waived)::text)
                              FROM loan_installment i WHERE i.koperasi_id = l.koperasi_id AND i.loan_id = l.id
                                AND i.principal_due - i.principal_paid + i.interest_due - i.interest_paid - i.interest_waived > 0
                              ORDER BY i.period LIMIT 1)) ORDER BY l.applied_at), '[]')
        FROM loan l
        JOIN member m ON m.koperasi_id = l.koperasi_id AND m.id = l.member_id
        JOIN loan_product p ON p.koperasi_id = l.koperasi_id AND p.id = l.product_id
        WHERE l.koperasi_id = ${k} AND m.user_id = ${cmd.actor.userId} AND l.status IN ('applied', 'approved', 'disbursed'))`,
      )} AS my_loans,
      ${when(
        "cash",
        sql`(SELECT json_build_object(
          'accounts', coalesce((SELECT json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name,
                                  'balance', coalesce((SELECT sum(c.debit - c.credit) FROM cash_lines c WHERE c.id = a.id), 0)::text) ORDER BY a.code)
                                FROM acct a WHERE a.kind = 'cash'), '[]'),
          'today_in', coalesce(sum(c.debit), 0)::text,
          'today_out', coalesce(sum(c.credit), 0)::text)
        FROM cash_lines c WHERE c.business_date = ${today})`,
      )} AS cash,
      ${when(
        "recent",
        sql`(SELECT coalesce(json_agg(json_build_object('id', r.id, 'voucher_no', r.voucher_no, 'business_date', r.business_date, 'description', r.description,
                                                  'source', r.source, 'amount', r.amount::text) ORDER BY r.posted_at DESC, r.id DESC), '[]')
        FROM (SELECT e.id, e.voucher_no, e.business_date, e.description, e.source, e.posted_at,
                     (SELECT sum(l.debit) FROM journal_line l WHERE l.koperasi_id = e.koperasi_id AND l.entry_id = e.id) AS amount
              FROM journal_entry e WHERE e.koperasi_id = ${k} AND e.status = 'posted'
              ORDER BY e.posted_at DESC, e.id DESC LIMIT ${RECENT_ENTRIES}) r)`,
      )} AS recent,
      ${when(
        "books",
        sql`(WITH flows AS (
            SELECT date_trunc('month', e.business_date)::date AS month, a.kind, sum(l.debit) AS debit, sum(l.credit) AS credit
            FROM journal_line l
            JOIN acct a ON a.id = l.account_id AND a.kind IS NOT NULL
            JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
            WHERE l.koperasi_id = ${k} AND e.status = 'posted' AND e.business_date <= ${today}
            GROUP BY 1, 2
          ),
          months AS (
            SELECT generate_series(date_trunc('month', ${today}) - make_interval(months => ${MONTHS - 1}), date_trunc('month', ${today}), interval '1 month')::date AS month
          )
          SELECT json_build_object(
            'savings', (SELECT coalesce(sum(ma.balance), 0)::text FROM member_account ma JOIN acct a ON a.id = ma.account_id AND a.kind = 'savings' WHERE ma.koperasi_id = ${k}),
            'loans', (SELECT coalesce(sum(ma.balance), 0)::text FROM member_account ma JOIN acct a ON a.id = ma.account_id AND a.kind = 'loans' WHERE ma.koperasi_id = ${k}),
            'months', json_agg(json_build_object(
              'month', to_char(m.month, 'YYYY-MM'),
              'cash_in', coalesce((SELECT sum(f.debit) FROM flows f WHERE f.kind = 'cash' AND f.month = m.month), 0)::text,
              'cash_out', coalesce((SELECT sum(f.credit) FROM flows f WHERE f.kind = 'cash' AND f.month = m.month), 0)::text,
              'savings', coalesce((SELECT sum(f.credit - f.debit) FROM flows f WHERE f.kind = 'savings' AND f.month <= m.month), 0)::text,
              'loans', coalesce((SELECT sum(f.debit - f.credit) FROM flows f WHERE f.kind = 'loans' AND f.month <= m.month), 0)::text
            ) ORDER BY m.month))
          FROM months m)`,
      )} AS books,
      ${when(
        "waiting",
        sql`json_build_object(
          'pending_journals', (SELECT count(*) FROM journal_entry e WHERE e.koperasi_id = ${k} AND e.status = 'pending'),
          'applications', (SELECT count(*) FROM membership_application ap WHERE ap.koperasi_id = ${k} AND ap.state = 'diajukan'))`,
      )} AS waiting,
      ${when("review", sql`json_build_object('screening_matches', (SELECT count(*) FROM screening_match s WHERE s.koperasi_id = ${k} AND s.state = 'held'))`)} AS review,
      ${when(
        "setup",
        sql`json_build_object(
          'profile', (SELECT logo_file_id IS NOT NULL FROM koperasi WHERE id = ${k}),
          'chart', EXISTS (SELECT 1 FROM acct WHERE kind IS NOT NULL),
          'opening', EXISTS (SELECT 1 FROM journal_entry e WHERE e.koperasi_id = ${k} AND e.source = 'opening_balance' AND e.status = 'posted'),
          'members', EXISTS (SELECT 1 FROM member m WHERE m.koperasi_id = ${k}),
          'users', (SELECT count(*) > 1 FROM koperasi_user u WHERE u.koperasi_id = ${k}),
          'modules', EXISTS (SELECT 1 FROM koperasi_module mo WHERE mo.koperasi_id = ${k} AND mo.updated_by IS NOT NULL))`,
      )} AS setup`.execute(cmd.trx);
  return toHome(rows[0]!, cmd.today);
}

function balances(accounts: { id: string; code: string; name: string; balance: Money }[]) {
  return accounts.map((a) => ({ id: a.id, code: a.code, name: a.name, balance: rupiahFromDb(a.balance) }));
}

function total(accounts: { balance: number }[]): number {
  return rupiahFromDb(accounts.reduce((sum, a) => sum + BigInt(a.balance), 0n));
}

function toHome(row: Row, asOf: string): KoperasiHome {
  const home: KoperasiHome = { asOf };
  if (row.mine) {
    const accounts = balances(row.mine.accounts);
    const loans = (row.my_loans ?? []).map((l) => ({
      id: l.id,
      productName: l.product_name,
      status: l.status,
      principal: rupiahFromDb(l.principal),
      // Before disbursement there is no schedule: the whole principal is what she will owe.
      outstandingPrincipal: l.status === "disbursed" ? rupiahFromDb(l.outstanding) : rupiahFromDb(l.principal),
      nextDue: l.next_due ? { dueDate: l.next_due.due_date, amount: rupiahFromDb(l.next_due.amount) } : null,
    }));
    home.mine = { memberNumber: row.mine.member_number, total: total(accounts), accounts, loans };
  }
  if (row.cash) {
    const accounts = balances(row.cash.accounts);
    home.cash = { balance: total(accounts), todayIn: rupiahFromDb(row.cash.today_in), todayOut: rupiahFromDb(row.cash.today_out), accounts };
  }
  if (row.recent) {
    home.recent = row.recent.map((e) => ({
      id: e.id,
      voucherNo: e.voucher_no,
      businessDate: e.business_date,
      description: e.description,
      source: e.source,
      amount: rupiahFromDb(e.amount),
    }));
  }
  if (row.books) {
    home.books = {
      savings: rupiahFromDb(row.books.savings),
      loansOutstanding: rupiahFromDb(row.books.loans),
      months: row.books.months.map((m) => ({
        month: m.month,
        cashIn: rupiahFromDb(m.cash_in),
        cashOut: rupiahFromDb(m.cash_out),
        savings: rupiahFromDb(m.savings),
        loans: rupiahFromDb(m.loans),
      })),
    };
  }
  if (row.waiting) home.waiting = { pendingJournals: Number(row.waiting.pending_journals), applications: Number(row.waiting.applications) };
  if (row.review) home.review = { screeningMatches: Number(row.review.screening_matches) };
  if (row.setup) {
    const s = row.setup;
    home.setup = { profile: s.profile, chartOfAccounts: s.chart, openingBalance: s.opening, members: s.members, users: s.users, modules: s.modules };
  }
  return home;
}
