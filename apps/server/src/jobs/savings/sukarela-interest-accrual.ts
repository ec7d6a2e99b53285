import { sql } from "kysely";
import type { EndOfDayJob } from "../end-of-day-job";

// Daily accrual for sukarela: each open account's closing balance on the
// date, with the interest terms in force that day, kept exactly (nothing is
// rounded or posted until month-end). The balance is the account's balance
// now less whatever was posted for later dates, so a run that catches up a
// missed week still records each day as it stood.
export const sukarelaInterestAccrual: EndOfDayJob = {
  name: "sukarela_interest_accrual",
  label: { id: "Akrual jasa simpanan sukarela", en: "Sukarela interest accrual" },
  run: async (cmd) => {
    const date = cmd.today;
    const result = await sql`
      INSERT INTO savings_interest_day (koperasi_id, member_account_id, business_date, balance, annual_rate_percent, interest_method, min_earning_balance)
      SELECT ma.koperasi_id, ma.id, ${date}::date,
             ma.balance - coalesce((
               SELECT sum(l.credit - l.debit)
                 FROM journal_line l
                 JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
                WHERE l.koperasi_id = ma.koperasi_id AND l.member_account_id = ma.id
                  AND e.status = 'posted' AND e.business_date > ${date}::date), 0),
             t.annual_rate_percent, t.interest_method, t.min_earning_balance
        FROM member_account ma
        JOIN savings_product p ON p.koperasi_id = ma.koperasi_id AND p.id = ma.savings_product_id AND p.kind = 'sukarela'
        JOIN koperasi k ON k.id = ma.koperasi_id
        JOIN LATERAL (
          SELECT t.annual_rate_percent, t.interest_method, t.min_earning_balance
            FROM savings_product_terms t
           WHERE t.koperasi_id = p.koperasi_id AND t.product_id = p.id AND t.effective_from <= ${date}::date
           ORDER BY t.effective_from DESC
           LIMIT 1) t ON true
       WHERE ma.koperasi_id = ${cmd.koperasiId}::uuid
         AND ma.status = 'open'
         AND (ma.created_at AT TIME ZONE k.time_zone)::date <= ${date}::date
         AND t.annual_rate_percent IS NOT NULL AND t.interest_method IS NOT NULL
      ON CONFLICT DO NOTHING`.execute(cmd.trx);
    return { accounts: Number(result.numAffectedRows ?? 0n) };
  },
};
