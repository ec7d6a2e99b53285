import { sql } from "kysely";
import { addMonths, businessDateOf, isDormant, SOURCES_NOT_MOVEMENT, type BusinessDate, timeZoneOr } from "@koperasi/domain";
import type { EndOfDayJob } from "../end-of-day-job";

// Dormant marking: each open savings account whose product has a dormancy
// rule and that has had no movement for that many months is entered in the
// register on the day it fell dormant — by the rule the counter applies when
// it refuses a withdrawal (isDormant, from the last posted movement or the
// opening), so the register and the counter never disagree.
export const dormantMarking: EndOfDayJob = {
  name: "dormant_marking",
  label: { id: "Penandaan rekening dormant", en: "Dormant account marking" },
  run: async (cmd) => {
    const zone = timeZoneOr(cmd.koperasi.time_zone);
    const { rows } = await sql<{ id: string; created_at: Date; last_movement: string | null; months: number; marked_since: string | null }>`
      SELECT ma.id, ma.created_at, t.dormant_after_months AS months,
             (SELECT to_char(max(e.business_date), 'YYYY-MM-DD') FROM journal_line l
                JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
               WHERE l.koperasi_id = ma.koperasi_id AND l.member_account_id = ma.id AND e.status = 'posted'
                 AND e.business_date <= ${cmd.today}::date AND e.source <> ALL(${[...SOURCES_NOT_MOVEMENT]}::text[])) AS last_movement,
             (SELECT to_char(max(d.last_movement_on), 'YYYY-MM-DD') FROM savings_dormancy d
               WHERE d.koperasi_id = ma.koperasi_id AND d.member_account_id = ma.id) AS marked_since
        FROM member_account ma
        JOIN LATERAL (
          SELECT t.dormant_after_months FROM savings_product_terms t
           WHERE t.koperasi_id = ma.koperasi_id AND t.product_id = ma.savings_product_id AND t.effective_from <= ${cmd.today}::date
           ORDER BY t.effective_from DESC LIMIT 1) t ON t.dormant_after_months IS NOT NULL
       WHERE ma.koperasi_id = ${cmd.koperasiId}::uuid AND ma.status = 'open'`.execute(cmd.trx);
    const marks: { koperasi_id: string; member_account_id: string; dormant_on: BusinessDate; last_movement_on: BusinessDate }[] = [];
    for (const row of rows) {
      const lastMovementOn = row.last_movement ?? businessDateOf(new Date(row.created_at), zone);
      // Already in the register for this stretch without movement.
      if (row.marked_since !== null && row.marked_since >= lastMovementOn) continue;
      if (!isDormant(lastMovementOn, cmd.today, row.months)) continue;
      marks.push({ koperasi_id: cmd.koperasiId, member_account_id: row.id, dormant_on: addMonths(lastMovementOn, row.months), last_movement_on: lastMovementOn });
    }
    if (marks.length > 0) await cmd.trx.insertInto("savings_dormancy").values(marks).execute();
    return { marked: marks.length };
  },
};
