import { sql, type Selectable, type Transaction } from "kysely";
import type { DB, ShuCalculationTable } from "@koperasi/db";
import type { ShuCalculation, ShuMemberShare } from "@koperasi/contracts";
import {
  calculateShu,
  formatRupiah,
  isLeapYear,
  lastDayOfYear,
  rupiah,
  rupiahFromBigInt,
  SHU_POOLS,
  type ShuAllocation,
  type ShuPool,
} from "@koperasi/domain";
import type { z } from "zod";
import type { CommandContext } from "../command/command-context";
import { shuError, SHU_STATUS_LABELS } from "./errors";
import { JASA_MODAL_MEASURES, JASA_USAHA_MEASURES } from "./basis";
import { countedProducts, percentagesOf, shuRuleOn } from "./settings";

// A closed year's SHU: calculated from the SHU the year-end close moved into
// SHU Tahun Berjalan, split by the rule in force on the day of calculation,
// the member pools shared by each member's basis. Everything that goes into
// the figures is stored with them (rule, products, bases, unrounded shares),
// so anyone can recompute them. The flow only moves forward: calculated →
// reviewed (by someone other than the calculator) → approved at the RAT →
// distributed (distribution.ts). While only calculated it may be calculated
// again, e.g. after a correcting entry.

export type ShuCalculationDto = z.infer<typeof ShuCalculation>;
export type ShuMemberShareDto = z.infer<typeof ShuMemberShare>;
type CalculationRow = Selectable<ShuCalculationTable>;

const INSERT_CHUNK = 1_000;

/** One step at a time per cooperative and year (calculation, distribution); the calculation's row is created by the first. */
export async function lockYear(trx: Transaction<DB>, koperasiId: string, year: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`shu/${koperasiId}/${year}`}, 0))`.execute(trx);
}

export async function calculateYear(cmd: CommandContext, year: number): Promise<ShuCalculationDto> {
  const { trx, koperasiId } = cmd;
  await lockYear(trx, koperasiId, year);
  const closed = await trx.selectFrom("year_end_close").select("net_result").where("koperasi_id", "=", koperasiId).where("book_year", "=", year).executeTakeFirst();
  if (!closed) throw shuError("year_not_closed", { field: "params.year", vars: { year } });
  const shu = rupiahFromBigInt(String(closed.net_result));
  if (shu <= 0) throw shuError("no_surplus", { vars: { year, result: formatRupiah(shu) } });
  const existing = await findCalculationRow(trx, koperasiId, year);
  if (existing && existing.status !== "calculated") throw shuError("already_reviewed", { vars: { year, status: SHU_STATUS_LABELS[existing.status] } });

  const rule = await shuRuleOn(trx, koperasiId, cmd.today);
  const products = await countedProducts(trx, koperasiId, rule);
  const yearStart = `${String(year).padStart(4, "0")}-01-01`;
  const yearEnd = lastDayOfYear(year);
  const yearDays = isLeapYear(year) ? 366 : 365;
  const input = { trx, koperasiId, yearStart, yearEnd, yearDays, products };
  const [jasaModal, jasaUsaha] = await Promise.all([JASA_MODAL_MEASURES[rule.jasaModalMeasure](input), JASA_USAHA_MEASURES[rule.jasaUsahaMeasure](input)]);
  const members = await membersAtYearEnd(trx, koperasiId, [...new Set([...jasaModal.keys(), ...jasaUsaha.keys()])], yearEnd);
  const result = calculateShu(
    shu,
    rule.allocation,
    [...members].map(([memberId, memberNumber]) => ({ memberId, memberNumber, jasaModal: jasaModal.get(memberId) ?? 0, jasaUsaha: jasaUsaha.get(memberId) ?? 0 })),
  );

  const row = {
    status: "calculated" as const,
    shu_amount: shu,
    allocation: JSON.stringify(rule.allocation),
    pools: JSON.stringify(result.pools),
    unshared: JSON.stringify(result.unshared),
    jasa_modal_measure: rule.jasaModalMeasure,
    jasa_usaha_measure: rule.jasaUsahaMeasure,
    counted_product_ids: products.map((p) => p.id),
    year_days: yearDays,
    total_basis_jasa_modal: result.totalBasis.jasa_modal,
    total_basis_jasa_usaha: result.totalBasis.jasa_usaha,
    members_total: result.membersTotal,
    member_count: result.members.length,
    calculated_by: cmd.actor.userId,
    calculated_at: cmd.now,
  };
  if (existing) {
    await trx.deleteFrom("shu_member_share").where("koperasi_id", "=", koperasiId).where("book_year", "=", year).execute();
    await trx.updateTable("shu_calculation").set(row).where("koperasi_id", "=", koperasiId).where("book_year", "=", year).execute();
  } else {
    await trx.insertInto("shu_calculation").values({ koperasi_id: koperasiId, book_year: year, ...row }).execute();
  }
  for (let start = 0; start < result.members.length; start += INSERT_CHUNK) {
    await trx
      .insertInto("shu_member_share")
      .values(
        result.members.slice(start, start + INSERT_CHUNK).map((member) => ({
          koperasi_id: koperasiId,
          book_year: year,
          member_id: member.memberId,
          member_number: member.memberNumber,
          jasa_modal_basis: member.jasaModal.basis,
          jasa_modal_exact: member.jasaModal.exact,
          jasa_modal_amount: member.jasaModal.amount,
          jasa_usaha_basis: member.jasaUsaha.basis,
          jasa_usaha_exact: member.jasaUsaha.exact,
          jasa_usaha_amount: member.jasaUsaha.amount,
          total: member.total,
        })),
      )
      .execute();
  }
  await cmd.audit({ targetType: "shu_calculation", targetId: String(year), details: { shu, pools: result.pools, membersTotal: result.membersTotal, memberCount: result.members.length, recalculated: existing !== undefined } });
  return loadCalculation(trx, koperasiId, year);
}

/**
 * Of these members, those who were members (aktif) on the year's last day,
 * with their member numbers: the SHU is shared among the members of the
 * year it closes, and one who left during the year has had her savings paid
 * back. Her status that day is the last change dated on or before it; a
 * member with no recorded change counts by her status now, if she had joined.
 */
async function membersAtYearEnd(trx: Transaction<DB>, koperasiId: string, ids: readonly string[], yearEnd: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (let start = 0; start < ids.length; start += 10_000) {
    const { rows } = await sql<{ id: string; member_number: string }>`
      SELECT m.id, m.member_number
        FROM member m
        LEFT JOIN LATERAL (
          SELECT c.to_status FROM member_status_change c
           WHERE c.koperasi_id = m.koperasi_id AND c.member_id = m.id AND c.effective_on <= ${yearEnd}::date
           ORDER BY c.effective_on DESC, c.created_at DESC, c.id DESC LIMIT 1) last ON true
       WHERE m.koperasi_id = ${koperasiId}::uuid AND m.id = ANY(${sql.val(ids.slice(start, start + 10_000))}::uuid[])
         AND coalesce(last.to_status, CASE WHEN m.joined_on <= ${yearEnd}::date THEN m.status END) = 'aktif'`.execute(trx);
    for (const row of rows) map.set(row.id, row.member_number);
  }
  return map;
}

/** The calculation's row, its RAT date as YYYY-MM-DD. */
export async function findCalculationRow(trx: Transaction<DB>, koperasiId: string, year: number): Promise<CalculationRow | undefined> {
  return trx
    .selectFrom("shu_calculation")
    .selectAll()
    .select((eb) => eb.fn<string | null>("to_char", ["rat_date", eb.val("YYYY-MM-DD")]).as("rat_date"))
    .where("koperasi_id", "=", koperasiId)
    .where("book_year", "=", year)
    .executeTakeFirst();
}

export async function requireCalculation(trx: Transaction<DB>, koperasiId: string, year: number): Promise<CalculationRow> {
  const row = await findCalculationRow(trx, koperasiId, year);
  if (!row) throw shuError("calculation_unknown", { vars: { year } });
  return row;
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());
const amount = (value: string | number) => rupiahFromBigInt(String(value));

function poolRecord(json: unknown): Record<ShuPool, number> {
  const source = (typeof json === "string" ? JSON.parse(json) : json) as Record<string, number>;
  return Object.fromEntries(SHU_POOLS.map((pool) => [pool, Number(source[pool] ?? 0)])) as Record<ShuPool, number>;
}

export function calculationDto(row: CalculationRow): ShuCalculationDto {
  const unshared = poolRecord(row.unshared);
  return {
    bookYear: row.book_year,
    status: row.status,
    shu: amount(row.shu_amount),
    percentages: percentagesOf(poolRecord(row.allocation) as ShuAllocation),
    pools: poolRecord(row.pools),
    unshared: { jasa_modal: unshared.jasa_modal, jasa_usaha: unshared.jasa_usaha },
    jasaModalMeasure: row.jasa_modal_measure,
    jasaUsahaMeasure: row.jasa_usaha_measure,
    countedProductIds: row.counted_product_ids,
    yearDays: row.year_days,
    totalBasis: { jasa_modal: amount(row.total_basis_jasa_modal), jasa_usaha: amount(row.total_basis_jasa_usaha) },
    membersTotal: amount(row.members_total),
    memberCount: row.member_count,
    calculatedBy: row.calculated_by,
    calculatedAt: row.calculated_at.toISOString(),
    reviewedBy: row.reviewed_by,
    reviewedAt: iso(row.reviewed_at),
    reviewNote: row.review_note,
    approvedBy: row.approved_by,
    approvedAt: iso(row.approved_at),
    ratDate: row.rat_date,
    ratNote: row.rat_note,
    distributedBy: row.distributed_by,
    distributedAt: iso(row.distributed_at),
    distributionMethod: row.distribution_method,
    distributionEntryId: row.distribution_entry_id,
  };
}

export async function loadCalculation(trx: Transaction<DB>, koperasiId: string, year: number): Promise<ShuCalculationDto> {
  return calculationDto(await requireCalculation(trx, koperasiId, year));
}

/** Moves the calculation one step on, from the status it must be in. */
async function advance(cmd: CommandContext, year: number, from: CalculationRow["status"], set: Partial<Record<keyof CalculationRow, unknown>>): Promise<CalculationRow> {
  const row = await requireCalculation(cmd.trx, cmd.koperasiId, year);
  if (row.status === "distributed") throw shuError("already_distributed", { vars: { year } });
  if (row.status !== from) throw shuError("wrong_status", { vars: { year, status: SHU_STATUS_LABELS[row.status], expected: SHU_STATUS_LABELS[from] } });
  await cmd.trx
    .updateTable("shu_calculation")
    .set(set as never)
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("book_year", "=", year)
    .where("status", "=", from)
    .execute();
  return row;
}

export async function reviewCalculation(cmd: CommandContext, year: number, note: string | undefined): Promise<ShuCalculationDto> {
  await lockYear(cmd.trx, cmd.koperasiId, year);
  const row = await requireCalculation(cmd.trx, cmd.koperasiId, year);
  if (row.status === "calculated" && row.calculated_by === cmd.actor.userId) throw shuError("calculator_cannot_review");
  await advance(cmd, year, "calculated", { status: "reviewed", reviewed_by: cmd.actor.userId, reviewed_at: cmd.now, review_note: note ?? null });
  await cmd.audit({ targetType: "shu_calculation", targetId: String(year), details: { note: note ?? null } });
  return loadCalculation(cmd.trx, cmd.koperasiId, year);
}

export async function approveCalculation(cmd: CommandContext, year: number, input: { ratDate: string; note?: string | undefined }): Promise<ShuCalculationDto> {
  await lockYear(cmd.trx, cmd.koperasiId, year);
  if (input.ratDate <= lastDayOfYear(year) || input.ratDate > cmd.today) throw shuError("rat_date_invalid", { field: "body.ratDate", vars: { year } });
  await advance(cmd, year, "reviewed", { status: "approved", approved_by: cmd.actor.userId, approved_at: cmd.now, rat_date: input.ratDate, rat_note: input.note ?? null });
  await cmd.audit({ targetType: "shu_calculation", targetId: String(year), details: { ratDate: input.ratDate, note: input.note ?? null } });
  return loadCalculation(cmd.trx, cmd.koperasiId, year);
}

/** The per-member rows, by member number, with the member's name and her daily average. */
export async function memberShares(
  trx: Transaction<DB>,
  koperasiId: string,
  calculation: Pick<ShuCalculationDto, "bookYear" | "yearDays" | "jasaModalMeasure">,
  filter: { memberId?: string; page?: number; pageSize?: number } = {},
): Promise<{ items: ShuMemberShareDto[]; total: number }> {
  let query = trx
    .selectFrom("shu_member_share as s")
    .innerJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "s.koperasi_id").onRef("m.id", "=", "s.member_id"))
    .where("s.koperasi_id", "=", koperasiId)
    .where("s.book_year", "=", calculation.bookYear);
  if (filter.memberId !== undefined) query = query.where("s.member_id", "=", filter.memberId);
  let page = query
    .select([
      "s.member_id",
      "s.member_number",
      "m.full_name",
      "s.jasa_modal_basis",
      "s.jasa_modal_exact",
      "s.jasa_modal_amount",
      "s.jasa_usaha_basis",
      "s.jasa_usaha_exact",
      "s.jasa_usaha_amount",
      "s.total",
      "s.paid_to_member_account_id",
    ])
    .select(sql<string>`count(*) OVER ()`.as("count"))
    .orderBy("s.member_number")
    .orderBy("s.member_id");
  if (filter.pageSize !== undefined) page = page.limit(filter.pageSize).offset(((filter.page ?? 1) - 1) * filter.pageSize);
  const rows = await page.execute();
  const days = calculation.jasaModalMeasure === "daily_average" ? BigInt(calculation.yearDays) : 1n;
  return {
    total: Number(rows[0]?.count ?? 0),
    items: rows.map((row) => ({
      memberId: row.member_id,
      memberNumber: row.member_number,
      fullName: row.full_name,
      jasaModalBasis: Number(row.jasa_modal_basis),
      jasaModalAverage: twoDecimals(BigInt(row.jasa_modal_basis), days),
      jasaModalExact: trimDecimal(row.jasa_modal_exact),
      jasaModal: rupiah(Number(row.jasa_modal_amount)),
      jasaUsahaBasis: Number(row.jasa_usaha_basis),
      jasaUsahaExact: trimDecimal(row.jasa_usaha_exact),
      jasaUsaha: rupiah(Number(row.jasa_usaha_amount)),
      total: rupiah(Number(row.total)),
      paidToMemberAccountId: row.paid_to_member_account_id,
    })),
  };
}

/** numerator / denominator to two decimals, half-up. */
function twoDecimals(numerator: bigint, denominator: bigint): string {
  const scaled = (numerator * 200n + denominator) / (2n * denominator);
  const fraction = (scaled % 100n).toString().padStart(2, "0");
  return `${scaled / 100n}.${fraction}`;
}

/** numeric(30,6) as PostgreSQL prints it, without trailing zeros: "240000.000000" → "240000". */
function trimDecimal(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}
