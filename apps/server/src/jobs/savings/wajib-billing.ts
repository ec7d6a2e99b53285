import { sql } from "kysely";
import {
  allocateWajibPayment,
  isLastDayOfMonth,
  monthOf,
  parseBusinessMonth,
  rupiah,
  rupiahFromBigInt,
  wajibArrears,
  wajibAutoDebitAmount,
  type Rupiah,
  type WajibBill,
} from "@koperasi/domain";
import type { CommandContext } from "../../command/command-context";
import { postEntry } from "../../ledger/post-entry";
import { accountStanding, counterAccount } from "../../savings/counter";
import type { EndOfDayJob } from "../end-of-day-job";

// Simpanan wajib at month-end: every active member billed for the period
// (monthly; quarterly and yearly products bill at the end of their last
// month), then, for each member who chose it, her arrears paid from her
// sukarela account as far as its available balance reaches — a transfer
// through the posting path, debit her sukarela, credit her wajib.

const MONTHS_PER_PERIOD = { monthly: 1, quarterly: 3, yearly: 12 } as const;

/** Whether `date` closes a billing period of this length. */
export function closesWajibPeriod(date: string, period: keyof typeof MONTHS_PER_PERIOD): boolean {
  return isLastDayOfMonth(date) && parseBusinessMonth(monthOf(date)).month % MONTHS_PER_PERIOD[period] === 0;
}

async function billPeriod(cmd: CommandContext): Promise<number> {
  const terms = await cmd.trx
    .selectFrom("savings_product as p")
    .innerJoin("savings_product_terms as t", (join) => join.onRef("t.koperasi_id", "=", "p.koperasi_id").onRef("t.product_id", "=", "p.id"))
    .select(["t.wajib_amount", "t.wajib_period"])
    .where("p.koperasi_id", "=", cmd.koperasiId)
    .where("p.kind", "=", "wajib")
    .where("p.status", "=", "active")
    .where("t.effective_from", "<=", cmd.today)
    .orderBy("p.created_at")
    .orderBy("t.effective_from", "desc")
    .executeTakeFirst();
  if (!terms?.wajib_amount || !terms.wajib_period || !closesWajibPeriod(cmd.today, terms.wajib_period)) return 0;
  const result = await sql`
    INSERT INTO wajib_bill (koperasi_id, member_id, period, amount, billed_on)
    SELECT m.koperasi_id, m.id, ${monthOf(cmd.today)}, ${terms.wajib_amount}::bigint, ${cmd.today}::date
      FROM member m
     WHERE m.koperasi_id = ${cmd.koperasiId}::uuid AND m.status = 'aktif' AND m.joined_on <= ${cmd.today}::date
    ON CONFLICT DO NOTHING`.execute(cmd.trx);
  return Number(result.numAffectedRows ?? 0n);
}

interface MemberWajib {
  memberId: string;
  memberNumber: string;
  wajibAccountId: string;
  wajibControlId: string;
  paid: Rupiah;
  bills: WajibBill[];
}

/** Each member's bills, oldest first, and all she has paid into wajib since (opening balances from before the books moved here excluded). */
export async function wajibPositions(cmd: CommandContext, memberIds?: readonly string[]): Promise<MemberWajib[]> {
  const { rows } = await sql<{ member_id: string; member_number: string; wajib_account_id: string; wajib_control_id: string; paid: string; bills: { period: string; amount: string }[] }>`
    SELECT m.id AS member_id, m.member_number, ma.id AS wajib_account_id, ma.account_id AS wajib_control_id,
           coalesce((SELECT sum(l.credit - l.debit) FROM journal_line l
                       JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
                      WHERE l.koperasi_id = ma.koperasi_id AND l.member_account_id = ma.id AND e.status = 'posted'
                        AND e.source <> 'opening_balance' AND e.business_date <= ${cmd.today}::date), 0)::text AS paid,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('period', b.period, 'amount', b.amount::text) ORDER BY b.period), '[]'::jsonb)
              FROM wajib_bill b WHERE b.koperasi_id = m.koperasi_id AND b.member_id = m.id) AS bills
      FROM member m
      JOIN LATERAL (
        SELECT ma.id, ma.account_id, ma.koperasi_id FROM member_account ma
          JOIN savings_product p ON p.koperasi_id = ma.koperasi_id AND p.id = ma.savings_product_id AND p.kind = 'wajib'
         WHERE ma.koperasi_id = m.koperasi_id AND ma.member_id = m.id AND ma.status = 'open'
         ORDER BY ma.created_at LIMIT 1) ma ON true
     WHERE m.koperasi_id = ${cmd.koperasiId}::uuid
       AND (${memberIds === undefined}::boolean OR m.id = ANY (${memberIds ?? []}::uuid[]))
     ORDER BY m.member_number`.execute(cmd.trx);
  return rows.map((row) => ({
    memberId: row.member_id,
    memberNumber: row.member_number,
    wajibAccountId: row.wajib_account_id,
    wajibControlId: row.wajib_control_id,
    paid: rupiahFromBigInt(row.paid),
    bills: row.bills.map((bill) => ({ period: bill.period, amount: rupiahFromBigInt(bill.amount), paid: rupiah(0) })),
  }));
}

/** A member's arrears (tunggakan wajib): her bills with what she paid set against the oldest first. */
export function arrearsOf(position: Pick<MemberWajib, "bills" | "paid">) {
  const { allocations } = allocateWajibPayment(position.bills, position.paid < 0 ? rupiah(0) : position.paid);
  const paidByPeriod = new Map(allocations.map((allocation) => [allocation.period, allocation.amount]));
  return wajibArrears(position.bills.map((bill) => ({ ...bill, paid: paidByPeriod.get(bill.period) ?? rupiah(0) })));
}

async function autoDebit(cmd: CommandContext): Promise<{ members: number; amount: number }> {
  const choices = await cmd.trx
    .selectFrom("wajib_auto_debit as c")
    .innerJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "c.koperasi_id").onRef("m.id", "=", "c.member_id"))
    // Only her own account: a choice naming another member's is never acted on.
    .innerJoin("member_account as s", (join) =>
      join.onRef("s.koperasi_id", "=", "c.koperasi_id").onRef("s.id", "=", "c.from_member_account_id").onRef("s.member_id", "=", "c.member_id"),
    )
    .select(["c.member_id", "c.from_member_account_id", "s.account_id", "s.status"])
    .where("c.koperasi_id", "=", cmd.koperasiId)
    .where("m.status", "=", "aktif")
    .execute();
  if (choices.length === 0) return { members: 0, amount: 0 };
  const positions = new Map((await wajibPositions(cmd, choices.map((choice) => choice.member_id))).map((position) => [position.memberId, position]));
  let members = 0;
  let total = 0;
  for (const choice of choices) {
    const position = positions.get(choice.member_id);
    if (!position || choice.status !== "open") continue;
    const arrears = arrearsOf(position).total;
    if (arrears === 0) continue;
    // What the counter would let her withdraw now: balance less holds and the product's minimum.
    const standing = await accountStanding(cmd, await counterAccount(cmd, choice.from_member_account_id, { lock: true }));
    // A dormant account pays nothing out until it is woken, as at the counter.
    if (standing.dormant) continue;
    const { available } = standing;
    const amount = wajibAutoDebitAmount(arrears, rupiah(available));
    if (amount === 0) continue;
    await postEntry(cmd.trx, {
      koperasiId: cmd.koperasiId,
      source: "wajib_auto_debit",
      sourceRef: `wajib/${monthOf(cmd.today)}/${choice.member_id}`,
      businessDate: cmd.today,
      description: `Autodebet simpanan wajib ${monthOf(cmd.today)} ${position.memberNumber}`,
      createdBy: null,
      lines: [
        { accountId: choice.account_id, memberAccountId: choice.from_member_account_id, debit: amount },
        { accountId: position.wajibControlId, memberAccountId: position.wajibAccountId, credit: amount },
      ],
      postedAt: cmd.now,
      newId: cmd.newId,
    });
    members += 1;
    total += amount;
  }
  return { members, amount: total };
}

export const wajibBilling: EndOfDayJob = {
  name: "wajib_billing",
  label: { id: "Tagihan simpanan wajib dan autodebet", en: "Mandatory savings billing and auto-debit" },
  run: async (cmd) => {
    const billed = await billPeriod(cmd);
    if (billed === 0 && !isLastDayOfMonth(cmd.today)) return { billed: 0, autoDebited: 0, amount: 0 };
    const debited = await autoDebit(cmd);
    return { billed, autoDebited: debited.members, amount: debited.amount };
  },
};
