import { sql, type Transaction } from "kysely";
import type { DB, JasaModalMeasure, JasaUsahaMeasure } from "@koperasi/db";
import type { BusinessDate } from "@koperasi/domain";

// Each member's basis for the member pools, read from the books. A basis is
// pluggable: a measure is one function from the closed year to a whole
// number per member, and the setting names which one a cooperative counts.
//
// Jasa modal, daily_average: the member's balance-days over the year on the
// counted savings products — Σ over every day of the year of her closing
// balance — which is her daily weighted average × the days of the year.
// Sharing by balance-days gives exactly the shares the averages would, with
// no rounding. year_end_balance: her balance on 31 December.
//
// Jasa usaha, interest_paid: the loan interest she paid in the year, read
// from the journal: every entry of the year that credits the loan-interest
// income account and names exactly one member's sub-ledger counts for that
// member, net of debits to the same account (a refund). Entries naming no
// member or several are nobody's.

export interface MeasureInput {
  trx: Transaction<DB>;
  koperasiId: string;
  yearStart: BusinessDate;
  yearEnd: BusinessDate;
  yearDays: number;
  /** The counted savings products' ids and control accounts. */
  products: readonly { id: string; account_id: string }[];
}

export type Measure = (input: MeasureInput) => Promise<Map<string, number>>;

/** The income accounts whose credits are members' loan interest. */
export const LOAN_INTEREST_INCOME_CODES = ["4-1100"] as const;

function counted(products: MeasureInput["products"]) {
  const ids = products.map((p) => p.id);
  const accounts = [...new Set(products.map((p) => p.account_id))];
  // An account opened before its product existed names none; it counts by its control account.
  return sql<boolean>`(ma.savings_product_id = ANY(${sql.val(ids)}::uuid[]) OR (ma.savings_product_id IS NULL AND ma.account_id = ANY(${sql.val(accounts)}::uuid[])))`;
}

async function savingsBasis(input: MeasureInput, daily: boolean): Promise<Map<string, number>> {
  if (input.products.length === 0) return new Map();
  const { yearStart, yearEnd, yearDays } = input;
  const signed = sql`CASE a.normal_balance WHEN 'credit' THEN l.credit - l.debit ELSE l.debit - l.credit END`;
  const weight = daily ? sql`CASE WHEN e.business_date < ${yearStart}::date THEN ${yearDays}::bigint ELSE (${yearEnd}::date - e.business_date + 1)::bigint END` : sql`1`;
  const { rows } = await sql<{ member_id: string; basis: string }>`
    SELECT ma.member_id, GREATEST(sum(${signed} * ${weight}), 0)::text AS basis
      FROM journal_line l
      JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
      JOIN member_account ma ON ma.koperasi_id = l.koperasi_id AND ma.id = l.member_account_id
      JOIN gl_account a ON a.koperasi_id = ma.koperasi_id AND a.id = ma.account_id
     WHERE l.koperasi_id = ${input.koperasiId}::uuid AND e.status = 'posted' AND e.business_date <= ${yearEnd}::date AND ${counted(input.products)}
     GROUP BY ma.member_id`.execute(input.trx);
  return toMap(rows);
}

const interestPaid: Measure = async ({ trx, koperasiId, yearStart, yearEnd }) => {
  const { rows } = await sql<{ member_id: string; basis: string }>`
    WITH income AS (
      SELECT l.entry_id, sum(l.credit - l.debit) AS amount
        FROM journal_line l
        JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
        JOIN gl_account a ON a.koperasi_id = l.koperasi_id AND a.id = l.account_id
       WHERE l.koperasi_id = ${koperasiId}::uuid AND e.status = 'posted' AND e.source <> 'year_end_close'
         AND e.business_date BETWEEN ${yearStart}::date AND ${yearEnd}::date
         AND a.code = ANY(${sql.val([...LOAN_INTEREST_INCOME_CODES])}::text[])
       GROUP BY l.entry_id
    ), owner AS (
      SELECT l.entry_id, (array_agg(DISTINCT ma.member_id))[1] AS member_id, count(DISTINCT ma.member_id) AS members
        FROM journal_line l
        JOIN member_account ma ON ma.koperasi_id = l.koperasi_id AND ma.id = l.member_account_id
       WHERE l.koperasi_id = ${koperasiId}::uuid AND l.entry_id IN (SELECT entry_id FROM income)
       GROUP BY l.entry_id
    )
    SELECT o.member_id, GREATEST(sum(i.amount), 0)::text AS basis
      FROM income i JOIN owner o ON o.entry_id = i.entry_id AND o.members = 1
     GROUP BY o.member_id`.execute(trx);
  return toMap(rows);
};

function toMap(rows: readonly { member_id: string; basis: string }[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const row of rows) {
    const basis = Number(row.basis);
    if (!Number.isSafeInteger(basis)) throw new RangeError(`SHU basis of member ${row.member_id} is too large: ${row.basis}`);
    if (basis > 0) map.set(row.member_id, basis);
  }
  return map;
}

export const JASA_MODAL_MEASURES: Readonly<Record<JasaModalMeasure, Measure>> = {
  daily_average: (input) => savingsBasis(input, true),
  year_end_balance: (input) => savingsBasis(input, false),
};

export const JASA_USAHA_MEASURES: Readonly<Record<JasaUsahaMeasure, Measure>> = {
  interest_paid: interestPaid,
};
