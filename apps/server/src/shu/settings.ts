import type { Transaction } from "kysely";
import type { DB, JasaModalMeasure, JasaUsahaMeasure } from "@koperasi/db";
import type { ShuSetting, ShuSettingInput } from "@koperasi/contracts";
import {
  allocationTotal,
  basisPointsToPercent,
  BASIS_POINTS_PER_UNIT,
  DEFAULT_SHU_ALLOCATION,
  percentToBasisPoints,
  SHU_POOLS,
  type BusinessDate,
  type ShuAllocation,
  type ShuPool,
} from "@koperasi/domain";
import type { z } from "zod";
import type { CommandContext } from "../command/command-context";
import { shuError } from "./errors";

// The cooperative's SHU split as a dated history (shu_setting): the row in
// force on a date is the latest that starts on or before it; before the
// first, DOMAIN.md's typical split applies. A new row applies from today or
// later, never in arrears.

export interface ShuRule {
  effectiveFrom: BusinessDate | null;
  allocation: ShuAllocation;
  jasaModalMeasure: JasaModalMeasure;
  jasaUsahaMeasure: JasaUsahaMeasure;
  /** Null: the cooperative's pokok and wajib products. */
  countedProductIds: string[] | null;
}

const DEFAULT_RULE: ShuRule = { effectiveFrom: null, allocation: DEFAULT_SHU_ALLOCATION, jasaModalMeasure: "daily_average", jasaUsahaMeasure: "interest_paid", countedProductIds: null };

const COLUMN: Record<ShuPool, `${ShuPool}_bp`> = {
  cadangan: "cadangan_bp",
  jasa_modal: "jasa_modal_bp",
  jasa_usaha: "jasa_usaha_bp",
  dana_pengurus: "dana_pengurus_bp",
  dana_karyawan: "dana_karyawan_bp",
  dana_pendidikan: "dana_pendidikan_bp",
  dana_sosial: "dana_sosial_bp",
};

async function ruleRows(trx: Transaction<DB>, koperasiId: string): Promise<ShuRule[]> {
  const rows = await trx
    .selectFrom("shu_setting")
    .selectAll()
    .select((eb) => eb.fn<string>("to_char", ["effective_from", eb.val("YYYY-MM-DD")]).as("from"))
    .where("koperasi_id", "=", koperasiId)
    .orderBy("effective_from")
    .execute();
  return rows.map((row) => ({
    effectiveFrom: row.from,
    allocation: Object.fromEntries(SHU_POOLS.map((pool) => [pool, row[COLUMN[pool]]])) as unknown as ShuAllocation,
    jasaModalMeasure: row.jasa_modal_measure,
    jasaUsahaMeasure: row.jasa_usaha_measure,
    countedProductIds: row.counted_product_ids,
  }));
}

/** The split in force on a date. */
export async function shuRuleOn(trx: Transaction<DB>, koperasiId: string, date: BusinessDate): Promise<ShuRule> {
  const rules = await ruleRows(trx, koperasiId);
  return rules.filter((rule) => rule.effectiveFrom !== null && rule.effectiveFrom <= date).at(-1) ?? DEFAULT_RULE;
}

/** The savings products counted for jasa modal under a rule: its list, or every pokok and wajib product. */
export async function countedProducts(trx: Transaction<DB>, koperasiId: string, rule: Pick<ShuRule, "countedProductIds">) {
  let query = trx.selectFrom("savings_product").select(["id", "code", "name", "kind", "account_id"]).where("koperasi_id", "=", koperasiId);
  if (rule.countedProductIds === null) query = query.where("kind", "in", ["pokok", "wajib"]);
  else if (rule.countedProductIds.length === 0) return [];
  else query = query.where("id", "in", rule.countedProductIds);
  return query.orderBy("code").execute();
}

export function percentagesOf(allocation: ShuAllocation): Record<ShuPool, string> {
  return Object.fromEntries(SHU_POOLS.map((pool) => [pool, basisPointsToPercent(allocation[pool])])) as Record<ShuPool, string>;
}

async function settingDto(trx: Transaction<DB>, koperasiId: string, rule: ShuRule): Promise<z.infer<typeof ShuSetting>> {
  const products = await countedProducts(trx, koperasiId, rule);
  return {
    effectiveFrom: rule.effectiveFrom,
    percentages: percentagesOf(rule.allocation),
    jasaModalMeasure: rule.jasaModalMeasure,
    jasaUsahaMeasure: rule.jasaUsahaMeasure,
    countedProductIds: rule.countedProductIds,
    countedProducts: products.map((p) => ({ id: p.id, code: p.code, name: p.name, kind: p.kind })),
  };
}

export async function shuSettings(cmd: CommandContext) {
  const { trx, koperasiId } = cmd;
  const rules = await ruleRows(trx, koperasiId);
  const current = rules.filter((rule) => rule.effectiveFrom !== null && rule.effectiveFrom <= cmd.today).at(-1) ?? DEFAULT_RULE;
  return { current: await settingDto(trx, koperasiId, current), history: await Promise.all(rules.map((rule) => settingDto(trx, koperasiId, rule))) };
}

/** Reads the percentages into basis points, refusing any that is not one, and a split that is not exactly 100%. */
export function allocationFromInput(percentages: z.infer<typeof ShuSettingInput>["percentages"]): ShuAllocation {
  const allocation = {} as Record<ShuPool, number>;
  for (const pool of SHU_POOLS) {
    const basisPoints = percentToBasisPoints(percentages[pool]);
    if (basisPoints === null) throw shuError("percent_invalid", { field: `body.percentages.${pool}` });
    allocation[pool] = basisPoints;
  }
  const total = allocationTotal(allocation);
  if (total !== BASIS_POINTS_PER_UNIT) {
    throw shuError("percentages_not_100", { field: "body.percentages", vars: { total: basisPointsToPercent(total).replace(".", ",") } });
  }
  return allocation;
}

export async function setShuRule(cmd: CommandContext, input: z.infer<typeof ShuSettingInput>) {
  const { trx, koperasiId } = cmd;
  const allocation = allocationFromInput(input.percentages);
  const effectiveFrom = input.effectiveFrom ?? cmd.today;
  if (effectiveFrom < cmd.today) throw shuError("setting_date_past", { field: "body.effectiveFrom" });
  const productIds = input.countedProductIds === undefined || input.countedProductIds === null ? null : [...new Set(input.countedProductIds)];
  if (productIds && productIds.length > 0) {
    const found = await trx.selectFrom("savings_product").select("id").where("koperasi_id", "=", koperasiId).where("id", "in", productIds).execute();
    if (found.length !== productIds.length) throw shuError("product_unknown", { field: "body.countedProductIds" });
  }
  const inserted = await trx
    .insertInto("shu_setting")
    .values({
      koperasi_id: koperasiId,
      effective_from: effectiveFrom,
      cadangan_bp: allocation.cadangan,
      jasa_modal_bp: allocation.jasa_modal,
      jasa_usaha_bp: allocation.jasa_usaha,
      dana_pengurus_bp: allocation.dana_pengurus,
      dana_karyawan_bp: allocation.dana_karyawan,
      dana_pendidikan_bp: allocation.dana_pendidikan,
      dana_sosial_bp: allocation.dana_sosial,
      jasa_modal_measure: input.jasaModalMeasure ?? "daily_average",
      jasa_usaha_measure: input.jasaUsahaMeasure ?? "interest_paid",
      counted_product_ids: productIds,
      created_by: cmd.actor.userId,
      created_at: cmd.now,
    })
    .onConflict((oc) => oc.columns(["koperasi_id", "effective_from"]).doNothing())
    .returning("koperasi_id")
    .executeTakeFirst();
  if (!inserted) throw shuError("setting_date_taken", { field: "body.effectiveFrom" });
  await cmd.audit({ targetType: "shu_setting", targetId: effectiveFrom, details: { percentages: input.percentages, countedProductIds: productIds } });
  return shuSettings(cmd);
}
