import { sql } from "kysely";
import {
  daysInMonth,
  EMPTY_MONTH_WITHHOLDING,
  isLastDayOfMonth,
  monthEndCatchUp,
  monthOf,
  parseBusinessMonth,
  parsePercent,
  roundRatio,
  rupiah,
  rupiahFromBigInt,
  sukarelaMonthInterestByDay,
  withholdOnPosting,
  ZERO_RUPIAH,
  type InterestDay,
  type MonthWithholding,
  type Rupiah,
  type SavingsInterestMethod,
} from "@koperasi/domain";
import type { CommandContext } from "../../command/command-context";
import { postEntry } from "../../ledger/post-entry";
import type { EndOfDayJob } from "../end-of-day-job";
import { jobAccount } from "./job-accounts";

// Month-end interest on sukarela (DOMAIN.md "Simpanan", "Tax"): the month's
// interest of each account from its accrued days, rounded half-up once, and
// posted through the one posting path — jasa simpanan expense debited, the
// member's account credited, the final tax withheld credited to utang
// pajak. The tax follows the member's running total for the month over all
// her accounts; a month-end catch-up takes what postings could not.

/** The expense and tax accounts, by their codes in the cooperative's chart. */
export const INTEREST_EXPENSE_ACCOUNT_CODE = "5-1100"; // Beban Jasa Simpanan
export const TAX_PAYABLE_ACCOUNT_CODE = "2-1300"; // Utang Pajak

interface AccountMonth {
  memberAccountId: string;
  controlAccountId: string;
  memberId: string;
  memberNumber: string;
  individual: boolean;
  days: InterestDay[];
}

async function accruedMonth(cmd: CommandContext, period: string): Promise<AccountMonth[]> {
  const { rows } = await sql<{
    member_account_id: string;
    account_id: string;
    member_id: string;
    member_number: string;
    member_type: string;
    balance: string;
    annual_rate_percent: string;
    interest_method: SavingsInterestMethod;
    min_earning_balance: string;
  }>`
    SELECT d.member_account_id, ma.account_id, ma.member_id, m.member_number, m.member_type, d.balance::text,
           d.annual_rate_percent::text, d.interest_method, d.min_earning_balance::text
      FROM savings_interest_day d
      JOIN member_account ma ON ma.koperasi_id = d.koperasi_id AND ma.id = d.member_account_id
      JOIN member m ON m.koperasi_id = ma.koperasi_id AND m.id = ma.member_id
     WHERE d.koperasi_id = ${cmd.koperasiId}::uuid
       -- A closed account takes no posting (its member left, settled with a zero balance).
       AND ma.status = 'open'
       AND d.business_date BETWEEN ${`${period}-01`}::date AND ${cmd.today}::date
       AND NOT EXISTS (SELECT 1 FROM savings_interest_posting s
                        WHERE s.koperasi_id = d.koperasi_id AND s.member_account_id = d.member_account_id
                          AND s.period = ${period} AND s.kind = 'sukarela_interest')
     ORDER BY m.member_number, d.member_account_id, d.business_date`.execute(cmd.trx);
  const accounts = new Map<string, AccountMonth>();
  for (const row of rows) {
    let account = accounts.get(row.member_account_id);
    if (!account) {
      account = {
        memberAccountId: row.member_account_id,
        controlAccountId: row.account_id,
        memberId: row.member_id,
        memberNumber: row.member_number,
        individual: row.member_type === "perorangan",
        days: [],
      };
      accounts.set(row.member_account_id, account);
    }
    account.days.push({
      balance: rupiahFromBigInt(row.balance),
      terms: { method: row.interest_method, annualRate: parsePercent(row.annual_rate_percent), minimumBalance: rupiahFromBigInt(row.min_earning_balance) },
    });
  }
  return [...accounts.values()];
}

/** The member's month so far: interest posted to her and tax withheld, from earlier postings. */
async function monthSoFar(cmd: CommandContext, period: string, memberId: string): Promise<MonthWithholding> {
  const { rows } = await sql<{ interest: string; tax: string }>`
    SELECT coalesce(sum(interest), 0)::text AS interest, coalesce(sum(tax), 0)::text AS tax
      FROM savings_interest_posting WHERE koperasi_id = ${cmd.koperasiId}::uuid AND period = ${period} AND member_id = ${memberId}::uuid`.execute(cmd.trx);
  const row = rows[0];
  return row ? { interest: rupiahFromBigInt(row.interest), withheld: rupiahFromBigInt(row.tax) } : EMPTY_MONTH_WITHHOLDING;
}

async function record(
  cmd: CommandContext,
  posting: { memberId: string; memberAccountId: string; period: string; kind: "sukarela_interest" | "tax_catch_up"; interest: Rupiah; tax: Rupiah; entryId: string },
): Promise<void> {
  await cmd.trx
    .insertInto("savings_interest_posting")
    .values({
      koperasi_id: cmd.koperasiId,
      id: cmd.newId(),
      member_id: posting.memberId,
      member_account_id: posting.memberAccountId,
      period: posting.period,
      kind: posting.kind,
      business_date: cmd.today,
      interest: posting.interest,
      tax: posting.tax,
      journal_entry_id: posting.entryId,
    })
    .execute();
}

export async function postSukarelaInterest(cmd: CommandContext): Promise<{ accounts: number; interest: number; tax: number }> {
  const period = monthOf(cmd.today);
  const { year, month } = parseBusinessMonth(period);
  const accounts = (await accruedMonth(cmd, period))
    .map((account) => ({ ...account, interest: roundRatio(sukarelaMonthInterestByDay(account.days, daysInMonth(year, month))) }))
    .filter((account) => account.interest > 0);
  if (accounts.length === 0) return { accounts: 0, interest: 0, tax: 0 };
  const expense = await jobAccount(cmd, INTEREST_EXPENSE_ACCOUNT_CODE);
  const taxPayable = await jobAccount(cmd, TAX_PAYABLE_ACCOUNT_CODE);

  const byMember = new Map<string, typeof accounts>();
  for (const account of accounts) byMember.set(account.memberId, [...(byMember.get(account.memberId) ?? []), account]);
  let totalInterest = 0;
  let totalTax = 0;
  for (const [memberId, own] of byMember) {
    // The smallest first: the month's tax falls due when her running total
    // crosses the threshold, and the largest posting, last, is the one most
    // able to carry it (and any catch-up).
    own.sort((a, b) => a.interest - b.interest);
    let month = await monthSoFar(cmd, period, memberId);
    let last: (typeof own)[number] | undefined;
    for (const account of own) {
      let tax = ZERO_RUPIAH;
      if (account.individual) {
        const withholding = withholdOnPosting(month, account.interest);
        tax = withholding.withheld;
        month = withholding.month;
      }
      const posted = await postEntry(cmd.trx, {
        koperasiId: cmd.koperasiId,
        source: "savings_interest",
        sourceRef: `${period}/${account.memberAccountId}`,
        businessDate: cmd.today,
        description: `Jasa simpanan sukarela ${period} ${account.memberNumber}`,
        createdBy: null,
        lines: [
          { accountId: expense, debit: account.interest },
          // Nothing left for her when the whole posting went to a catch-up of the month's tax.
          ...(account.interest > tax ? [{ accountId: account.controlAccountId, memberAccountId: account.memberAccountId, credit: account.interest - tax }] : []),
          ...(tax > 0 ? [{ accountId: taxPayable, credit: tax }] : []),
        ],
        postedAt: cmd.now,
        newId: cmd.newId,
      });
      await record(cmd, { memberId, memberAccountId: account.memberAccountId, period, kind: "sukarela_interest", interest: account.interest, tax, entryId: posted.id });
      totalInterest += account.interest;
      totalTax += tax;
      last = account;
    }
    const catchUp = last?.individual ? monthEndCatchUp(month) : ZERO_RUPIAH;
    if (last && catchUp > 0) {
      const posted = await postEntry(cmd.trx, {
        koperasiId: cmd.koperasiId,
        source: "savings_interest",
        sourceRef: `${period}/${last.memberAccountId}/pajak`,
        businessDate: cmd.today,
        description: `Kekurangan PPh final jasa simpanan ${period} ${last.memberNumber}`,
        createdBy: null,
        lines: [
          { accountId: last.controlAccountId, memberAccountId: last.memberAccountId, debit: catchUp },
          { accountId: taxPayable, credit: catchUp },
        ],
        postedAt: cmd.now,
        newId: cmd.newId,
      });
      await record(cmd, { memberId, memberAccountId: last.memberAccountId, period, kind: "tax_catch_up", interest: ZERO_RUPIAH, tax: catchUp, entryId: posted.id });
      totalTax += catchUp;
    }
  }
  return { accounts: accounts.length, interest: rupiah(totalInterest), tax: rupiah(totalTax) };
}

export const sukarelaInterestPosting: EndOfDayJob = {
  name: "sukarela_interest_posting",
  label: { id: "Posting jasa simpanan sukarela akhir bulan", en: "Month-end sukarela interest posting" },
  run: async (cmd) => (isLastDayOfMonth(cmd.today) ? postSukarelaInterest(cmd) : { accounts: 0, interest: 0, tax: 0 }),
};
