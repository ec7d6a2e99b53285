import { rupiahFromBigInt, type Rupiah } from "../money";
import type { AccountType } from "./accounts";
import type { ReportPeriod } from "./report-period";
import {
  CASH_FLOW_ACTIVITY_LABELS,
  SHU_LINE_KEY,
  STATEMENT_LINES,
  STATEMENT_SECTION_LABELS,
  statementLineOf,
  type CashFlowActivity,
  type StatementLineDefinition,
  type StatementSection,
} from "./statement-lines";

// The four SAK EP statements of one period, computed from what each account
// of the chart did: its balance before the period, what was posted in it,
// and the lines it had in entries that moved cash. Pure, so that they
// balance by test, not by trust:
// - posisi keuangan: aset = liabilitas + ekuitas, the result not yet closed
//   standing in SHU tahun berjalan;
// - perhitungan hasil usaha: income and expenses posted in the period, never
//   the year-end closing entry (it moves the year's result, it earns nothing);
// - perubahan ekuitas: opening + SHU + additions − reductions = closing;
// - arus kas (direct): each counter-line of an entry that moved cash is a
//   receipt or a payment, so their sum is exactly closing − opening cash.

/** What one account did, as the ledger reports it for a period. All amounts whole Rupiah. */
export interface AccountActivity {
  readonly code: string;
  readonly name: string;
  readonly type: AccountType;
  /** Σ debit − Σ credit of everything posted before the period. */
  readonly openingNet: Rupiah;
  /** Posted in the period, the year-end closing entry apart. */
  readonly periodDebit: Rupiah;
  readonly periodCredit: Rupiah;
  /** The year-end closing entry's lines on this account in the period. */
  readonly closingEntryDebit: Rupiah;
  readonly closingEntryCredit: Rupiah;
  /** Its lines in the period's entries that moved cash (zero for the cash accounts themselves). */
  readonly cashCounterDebit: Rupiah;
  readonly cashCounterCredit: Rupiah;
}

export interface StatementAccountAmount {
  readonly code: string;
  readonly name: string;
  readonly amount: Rupiah;
}

export interface StatementLineAmount {
  readonly key: string;
  readonly label: string;
  readonly amount: Rupiah;
  /** The accounts behind the line, for the notes and for anyone checking it. */
  readonly accounts: StatementAccountAmount[];
}

export interface StatementSectionAmount {
  readonly key: StatementSection;
  readonly label: string;
  readonly lines: StatementLineAmount[];
  readonly total: Rupiah;
}

export interface BalanceSheet {
  readonly asAt: string;
  readonly sections: StatementSectionAmount[];
  readonly totalAssets: Rupiah;
  readonly totalLiabilities: Rupiah;
  readonly totalEquity: Rupiah;
  readonly totalLiabilitiesAndEquity: Rupiah;
}

export interface IncomeStatement {
  readonly from: string;
  readonly to: string;
  readonly income: StatementSectionAmount;
  readonly expenses: StatementSectionAmount;
  /** Income − expenses: SHU when positive, a loss when negative. */
  readonly shu: Rupiah;
  /** A cooperative's books hold no other comprehensive income; shown as SAK EP asks. */
  readonly otherComprehensiveIncome: Rupiah;
  readonly totalComprehensiveIncome: Rupiah;
}

export interface EquityChangeRow {
  readonly key: string;
  readonly label: string;
  readonly opening: Rupiah;
  /** The period's SHU (SHU tahun berjalan only). */
  readonly shu: Rupiah;
  readonly increase: Rupiah;
  readonly decrease: Rupiah;
  readonly closing: Rupiah;
}

export interface EquityChanges {
  readonly from: string;
  readonly to: string;
  readonly rows: EquityChangeRow[];
  readonly total: Omit<EquityChangeRow, "key" | "label">;
}

export interface CashFlowLine {
  readonly key: string;
  readonly label: string;
  /** Receipts positive, payments negative. */
  readonly amount: Rupiah;
}

export interface CashFlowSection {
  readonly key: Exclude<CashFlowActivity, "kas">;
  readonly label: string;
  readonly lines: CashFlowLine[];
  readonly net: Rupiah;
}

export interface CashFlowStatement {
  readonly from: string;
  readonly to: string;
  readonly activities: CashFlowSection[];
  readonly netChange: Rupiah;
  readonly openingCash: Rupiah;
  readonly closingCash: Rupiah;
}

export interface FinancialStatements {
  readonly period: ReportPeriod;
  readonly balanceSheet: BalanceSheet;
  readonly incomeStatement: IncomeStatement;
  readonly equityChanges: EquityChanges;
  readonly cashFlow: CashFlowStatement;
}

const big = (amount: Rupiah) => BigInt(amount);
const money = (value: bigint) => rupiahFromBigInt(value);

/** Σ debit − Σ credit at the end of the period, closing entry included. */
function closingNet(account: AccountActivity): bigint {
  return big(account.openingNet) + big(account.periodDebit) - big(account.periodCredit) + big(account.closingEntryDebit) - big(account.closingEntryCredit);
}

/** The sign that makes a line read as it grows: debit for aset and beban, credit for the rest. */
function sideOf(section: StatementSection): 1n | -1n {
  return section === "aset_lancar" || section === "aset_tidak_lancar" || section === "beban" ? 1n : -1n;
}

const isResult = (account: AccountActivity) => account.type === "pendapatan" || account.type === "beban";

/** Lines that appear for this chart: every named line of the sections, a "lainnya" line only when an account lands on it. */
function linesOf(accounts: readonly AccountActivity[], sections: readonly StatementSection[]): StatementLineDefinition[] {
  const used = new Set(accounts.map((account) => statementLineOf(account).key));
  return STATEMENT_LINES.filter((line) => sections.includes(line.section) && (!line.other || used.has(line.key)));
}

function sectionAmount(
  section: StatementSection,
  accounts: readonly AccountActivity[],
  amountOf: (account: AccountActivity) => bigint,
  extra: (line: StatementLineDefinition) => StatementAccountAmount[] = () => [],
): StatementSectionAmount {
  const sign = sideOf(section);
  const lines = linesOf(accounts, [section]).map((line) => {
    const items = [
      ...accounts
        .filter((account) => statementLineOf(account).key === line.key)
        .map((account) => ({ code: account.code, name: account.name, amount: money(sign * amountOf(account)) })),
      ...extra(line),
    ];
    return { key: line.key, label: line.label, amount: money(items.reduce((sum, item) => sum + big(item.amount), 0n)), accounts: items };
  });
  return { key: section, label: STATEMENT_SECTION_LABELS[section], lines, total: money(lines.reduce((sum, line) => sum + big(line.amount), 0n)) };
}

export function balanceSheet(accounts: readonly AccountActivity[], asAt: string): BalanceSheet {
  // The result not yet closed (income less expenses to date) belongs to the
  // members' equity as SHU tahun berjalan until the year is closed into it.
  const unclosed = -accounts.filter(isResult).reduce((sum, account) => sum + closingNet(account), 0n);
  const unclosedItem = (line: StatementLineDefinition): StatementAccountAmount[] =>
    line.key === SHU_LINE_KEY ? [{ code: "", name: "Hasil usaha yang belum ditutup ke SHU tahun berjalan", amount: money(unclosed) }] : [];
  const sections = (["aset_lancar", "aset_tidak_lancar", "liabilitas_jangka_pendek", "liabilitas_jangka_panjang", "ekuitas"] as const).map((section) =>
    sectionAmount(section, accounts.filter((account) => !isResult(account)), closingNet, unclosedItem),
  );
  const total = (keys: readonly StatementSection[]) => sections.filter((s) => keys.includes(s.key)).reduce((sum, s) => sum + big(s.total), 0n);
  const assets = total(["aset_lancar", "aset_tidak_lancar"]);
  const liabilities = total(["liabilitas_jangka_pendek", "liabilitas_jangka_panjang"]);
  const equity = total(["ekuitas"]);
  return {
    asAt,
    sections,
    totalAssets: money(assets),
    totalLiabilities: money(liabilities),
    totalEquity: money(equity),
    totalLiabilitiesAndEquity: money(liabilities + equity),
  };
}

export function incomeStatement(accounts: readonly AccountActivity[], period: ReportPeriod): IncomeStatement {
  const inPeriod = (account: AccountActivity) => big(account.periodDebit) - big(account.periodCredit);
  const income = sectionAmount("pendapatan", accounts.filter(isResult), inPeriod);
  const expenses = sectionAmount("beban", accounts.filter(isResult), inPeriod);
  const shu = big(income.total) - big(expenses.total);
  return { from: period.from, to: period.to, income, expenses, shu: money(shu), otherComprehensiveIncome: money(0n), totalComprehensiveIncome: money(shu) };
}

export function equityChanges(accounts: readonly AccountActivity[], period: ReportPeriod, shu: Rupiah): EquityChanges {
  const equity = accounts.filter((account) => account.type === "ekuitas");
  const rows = linesOf(accounts, ["ekuitas"]).map((line) => {
    const own = equity.filter((account) => statementLineOf(account).key === line.key);
    const carriesResult = line.key === SHU_LINE_KEY;
    // SHU tahun berjalan opens with the result not yet closed; the closing
    // entry only moves that result into it, so it is no change of equity.
    const opening = -[...own, ...(carriesResult ? accounts.filter(isResult) : [])].reduce((sum, account) => sum + big(account.openingNet), 0n);
    const increase = own.reduce((sum, account) => sum + big(account.periodCredit), 0n);
    const decrease = own.reduce((sum, account) => sum + big(account.periodDebit), 0n);
    const lineShu = carriesResult ? big(shu) : 0n;
    return {
      key: line.key,
      label: line.label,
      opening: money(opening),
      shu: money(lineShu),
      increase: money(increase),
      decrease: money(decrease),
      closing: money(opening + lineShu + increase - decrease),
    };
  });
  const sum = (pick: (row: EquityChangeRow) => Rupiah) => money(rows.reduce((total, row) => total + big(pick(row)), 0n));
  return {
    from: period.from,
    to: period.to,
    rows,
    total: { opening: sum((r) => r.opening), shu: sum((r) => r.shu), increase: sum((r) => r.increase), decrease: sum((r) => r.decrease), closing: sum((r) => r.closing) },
  };
}

export function cashFlowStatement(accounts: readonly AccountActivity[], period: ReportPeriod): CashFlowStatement {
  const cash = accounts.filter((account) => statementLineOf(account).activity === "kas");
  const openingCash = cash.reduce((sum, account) => sum + big(account.openingNet), 0n);
  const closingCash = cash.reduce((sum, account) => sum + closingNet(account), 0n);
  const used = linesOf(accounts, ["aset_lancar", "aset_tidak_lancar", "liabilitas_jangka_pendek", "liabilitas_jangka_panjang", "ekuitas", "pendapatan", "beban"]);
  const activities = (["operasi", "investasi", "pendanaan"] as const).map((activity) => {
    const lines = used
      .filter((line) => line.activity === activity)
      .flatMap((line) => {
        const own = accounts.filter((account) => statementLineOf(account).key === line.key);
        // A credit to the counter account came with cash in; a debit went out with it.
        const receipts = own.reduce((sum, account) => sum + big(account.cashCounterCredit), 0n);
        const payments = own.reduce((sum, account) => sum + big(account.cashCounterDebit), 0n);
        const name = line.label.charAt(0).toLowerCase() + line.label.slice(1);
        return [
          { key: `${line.key}.penerimaan`, label: `Penerimaan dari ${name}`, amount: money(receipts) },
          { key: `${line.key}.pembayaran`, label: `Pembayaran untuk ${name}`, amount: money(-payments) },
        ];
      });
    return { key: activity, label: CASH_FLOW_ACTIVITY_LABELS[activity], lines, net: money(lines.reduce((sum, line) => sum + big(line.amount), 0n)) };
  });
  return {
    from: period.from,
    to: period.to,
    activities,
    netChange: money(activities.reduce((sum, activity) => sum + big(activity.net), 0n)),
    openingCash: money(openingCash),
    closingCash: money(closingCash),
  };
}

/** All four statements of a period from its accounts' activity. */
export function financialStatements(accounts: readonly AccountActivity[], period: ReportPeriod): FinancialStatements {
  const income = incomeStatement(accounts, period);
  return {
    period,
    balanceSheet: balanceSheet(accounts, period.to),
    incomeStatement: income,
    equityChanges: equityChanges(accounts, period, income.shu),
    cashFlow: cashFlowStatement(accounts, period),
  };
}
