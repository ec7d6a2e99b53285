import { sql, type Selectable, type Transaction } from "kysely";
import type { z } from "zod";
import type { CreateSavingsProduct, SavingsProduct, SavingsTerms, SavingsTermsInput, UpdateSavingsProduct } from "@koperasi/contracts";
import type { DB, SavingsKind, SavingsProductTermsTable } from "@koperasi/db";
import { normalizeRatePercent, termsInForce, type BusinessDate } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { rupiahFromDb } from "../ledger/amounts";
import { savingsError } from "./errors";

// Savings products (produk simpanan): one per kind of savings a cooperative
// offers, each under a control account of its chart, with its terms as a
// dated history. A change of terms applies from a later date; what applied
// before stays as it was, so a statement or an interest run for an earlier
// day reads the terms of that day.

export type Terms = z.infer<typeof SavingsTerms>;
export type ProductDto = z.infer<typeof SavingsProduct>;
type TermsInput = z.infer<typeof SavingsTermsInput>;

/** The cooperative's default products (SP, SW, SS, SB) on its chart's savings controls; see migration 20261208100000. */
export async function seedDefaultSavingsProducts(trx: Transaction<DB>, koperasiId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT savings_seed_default_products(${koperasiId}::uuid) AS n`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

function optionalRupiah(value: string | number | null): number | null {
  return value === null ? null : rupiahFromDb(value);
}

export function termsFromRow(row: Selectable<SavingsProductTermsTable>): Terms {
  return {
    effectiveFrom: row.effective_from,
    pokokAmount: optionalRupiah(row.pokok_amount),
    wajibAmount: optionalRupiah(row.wajib_amount),
    wajibPeriod: row.wajib_period,
    wajibClassAmounts: row.wajib_class_amounts,
    annualRatePercent: row.annual_rate_percent === null ? null : (normalizeRatePercent(String(row.annual_rate_percent)) ?? String(row.annual_rate_percent)),
    interestMethod: row.interest_method,
    minEarningBalance: rupiahFromDb(row.min_earning_balance),
    minBalance: rupiahFromDb(row.min_balance),
    tenorMonths: row.tenor_months,
    interestPayout: row.interest_payout,
    autoRollover: row.auto_rollover,
    earlyWithdrawalPenaltyPercent:
      row.early_withdrawal_penalty_percent === null
        ? null
        : (normalizeRatePercent(String(row.early_withdrawal_penalty_percent)) ?? String(row.early_withdrawal_penalty_percent)),
    dormantAfterMonths: row.dormant_after_months,
    withdrawalApprovalThreshold: optionalRupiah(row.withdrawal_approval_threshold),
  };
}

function selectTerms(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("savings_product_terms")
    .select([
      "koperasi_id",
      "product_id",
      sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as("effective_from"),
      "pokok_amount",
      "wajib_amount",
      "wajib_period",
      "wajib_class_amounts",
      sql<string | null>`annual_rate_percent::text`.as("annual_rate_percent"),
      "interest_method",
      "min_earning_balance",
      "min_balance",
      "tenor_months",
      "interest_payout",
      "auto_rollover",
      sql<string | null>`early_withdrawal_penalty_percent::text`.as("early_withdrawal_penalty_percent"),
      "dormant_after_months",
      "withdrawal_approval_threshold",
      "created_by",
      "created_at",
    ])
    .where("koperasi_id", "=", koperasiId)
    .orderBy("effective_from");
}

/** A product's dated terms, oldest first. */
export async function termsHistory(trx: Transaction<DB>, koperasiId: string, productId: string): Promise<Terms[]> {
  const rows = await selectTerms(trx, koperasiId).where("product_id", "=", productId).execute();
  return rows.map(termsFromRow);
}

/** The terms of a product in force on a date. */
export async function termsOn(trx: Transaction<DB>, koperasiId: string, productId: string, date: BusinessDate): Promise<Terms | undefined> {
  return termsInForce(await termsHistory(trx, koperasiId, productId), date as BusinessDate);
}

export async function listSavingsProducts(trx: Transaction<DB>, koperasiId: string, today: BusinessDate): Promise<ProductDto[]> {
  const products = await trx
    .selectFrom("savings_product as p")
    .innerJoin("gl_account as a", (join) => join.onRef("a.koperasi_id", "=", "p.koperasi_id").onRef("a.id", "=", "p.account_id"))
    .select(["p.id", "p.kind", "p.code", "p.name", "p.account_id", "a.code as account_code", "a.name as account_name", "p.status"])
    .where("p.koperasi_id", "=", koperasiId)
    .orderBy("p.code")
    .execute();
  const terms = await selectTerms(trx, koperasiId).execute();
  const byProduct = new Map<string, Terms[]>();
  for (const row of terms) byProduct.set(row.product_id, [...(byProduct.get(row.product_id) ?? []), termsFromRow(row)]);
  return products.map((p) => {
    const history = byProduct.get(p.id) ?? [];
    const current = termsInForce(history, today);
    if (!current) throw new Error(`savings product ${p.code} has no terms`);
    return {
      id: p.id,
      kind: p.kind,
      code: p.code,
      name: p.name,
      accountId: p.account_id,
      accountCode: p.account_code,
      accountName: p.account_name,
      status: p.status,
      terms: current,
      history,
    };
  });
}

export async function findSavingsProduct(trx: Transaction<DB>, koperasiId: string, id: string, today: BusinessDate): Promise<ProductDto> {
  const product = (await listSavingsProducts(trx, koperasiId, today)).find((p) => p.id === id.toLowerCase());
  if (!product) throw savingsError("product_unknown");
  return product;
}

// Which terms each kind of savings takes: required, and allowed.
const TERMS_BY_KIND: Record<SavingsKind, { required: (keyof TermsInput)[]; allowed: (keyof TermsInput)[] }> = {
  pokok: { required: ["pokokAmount"], allowed: [] },
  wajib: { required: ["wajibAmount", "wajibPeriod"], allowed: ["wajibClassAmounts"] },
  sukarela: { required: ["annualRatePercent", "interestMethod"], allowed: ["minEarningBalance"] },
  berjangka: { required: ["tenorMonths", "annualRatePercent", "interestPayout"], allowed: ["autoRollover", "earlyWithdrawalPenaltyPercent", "minEarningBalance"] },
};
/** Terms every kind may set. */
const COMMON_TERMS: (keyof TermsInput)[] = ["effectiveFrom", "minBalance", "dormantAfterMonths", "withdrawalApprovalThreshold"];

function checkTermsForKind(kind: SavingsKind, input: TermsInput, path: string): void {
  const rule = TERMS_BY_KIND[kind];
  const allowed = new Set([...COMMON_TERMS, ...rule.required, ...rule.allowed]);
  for (const [key, value] of Object.entries(input)) {
    // Unset, zero, false or empty says nothing, so a client may send a whole terms row whatever the kind.
    if (value === undefined || value === null || value === false || value === 0 || (typeof value === "object" && Object.keys(value).length === 0)) continue;
    if (!allowed.has(key as keyof TermsInput)) throw savingsError("terms_not_for_kind", { field: `${path}.${key}`, vars: { kind } });
  }
  for (const key of rule.required) {
    const value = input[key];
    if (value === undefined || value === null) throw savingsError("terms_required", { field: `${path}.${key}`, vars: { kind } });
  }
  for (const key of ["annualRatePercent", "earlyWithdrawalPenaltyPercent"] as const) {
    const value = input[key];
    if (typeof value === "string" && normalizeRatePercent(value) === undefined) throw savingsError("rate_invalid", { field: `${path}.${key}` });
  }
}

async function insertTerms(cmd: CommandContext, productId: string, input: TermsInput): Promise<void> {
  await cmd.trx
    .insertInto("savings_product_terms")
    .values({
      koperasi_id: cmd.koperasiId,
      product_id: productId,
      effective_from: input.effectiveFrom,
      pokok_amount: input.pokokAmount ?? null,
      wajib_amount: input.wajibAmount ?? null,
      wajib_period: input.wajibPeriod ?? null,
      wajib_class_amounts: JSON.stringify(input.wajibClassAmounts ?? {}),
      annual_rate_percent: input.annualRatePercent ? (normalizeRatePercent(input.annualRatePercent) ?? null) : null,
      interest_method: input.interestMethod ?? null,
      min_earning_balance: input.minEarningBalance ?? 0,
      min_balance: input.minBalance ?? 0,
      tenor_months: input.tenorMonths ?? null,
      interest_payout: input.interestPayout ?? null,
      auto_rollover: input.autoRollover ?? false,
      early_withdrawal_penalty_percent: input.earlyWithdrawalPenaltyPercent ? (normalizeRatePercent(input.earlyWithdrawalPenaltyPercent) ?? null) : null,
      dormant_after_months: input.dormantAfterMonths ?? null,
      withdrawal_approval_threshold: input.withdrawalApprovalThreshold ?? null,
      created_by: cmd.actor.userId,
      created_at: cmd.now,
    })
    .execute();
}

export async function createSavingsProduct(cmd: CommandContext, input: z.infer<typeof CreateSavingsProduct>): Promise<ProductDto> {
  const { trx, koperasiId } = cmd;
  checkTermsForKind(input.kind, input.terms, "body.terms");
  const account = await trx
    .selectFrom("gl_account")
    .select(["is_control", "status"])
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", input.accountId)
    .executeTakeFirst();
  if (!account?.is_control || account.status !== "open") throw savingsError("product_account_invalid", { field: "body.accountId" });
  const taken = await trx.selectFrom("savings_product").select("id").where("koperasi_id", "=", koperasiId).where("code", "=", input.code).executeTakeFirst();
  if (taken) throw savingsError("product_code_taken", { field: "body.code" });
  const id = cmd.newId();
  await trx
    .insertInto("savings_product")
    .values({ koperasi_id: koperasiId, id, kind: input.kind, code: input.code, name: input.name, account_id: input.accountId, created_by: cmd.actor.userId, created_at: cmd.now })
    .execute();
  await insertTerms(cmd, id, input.terms);
  await cmd.audit({ action: "savings.product_create", targetType: "savings_product", targetId: id, details: { code: input.code, kind: input.kind } });
  return findSavingsProduct(trx, koperasiId, id, cmd.today);
}

export async function updateSavingsProduct(cmd: CommandContext, id: string, input: z.infer<typeof UpdateSavingsProduct>): Promise<ProductDto> {
  const { trx, koperasiId } = cmd;
  await findSavingsProduct(trx, koperasiId, id, cmd.today);
  if (input.name !== undefined || input.status !== undefined) {
    await trx
      .updateTable("savings_product")
      .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.status !== undefined ? { status: input.status } : {}) })
      .where("koperasi_id", "=", koperasiId)
      .where("id", "=", id)
      .execute();
  }
  await cmd.audit({ action: "savings.product_update", targetType: "savings_product", targetId: id, details: { ...input } });
  return findSavingsProduct(trx, koperasiId, id, cmd.today);
}

/**
 * New terms from a date after today: what is in force today and before is
 * never rewritten. Terms already set for that same future date are replaced
 * (nothing has used them yet).
 */
export async function changeSavingsTerms(cmd: CommandContext, id: string, input: TermsInput): Promise<ProductDto> {
  const { trx, koperasiId } = cmd;
  const product = await findSavingsProduct(trx, koperasiId, id, cmd.today);
  if (input.effectiveFrom <= cmd.today) throw savingsError("terms_date_past", { field: "body.effectiveFrom" });
  checkTermsForKind(product.kind, input, "body");
  await trx
    .deleteFrom("savings_product_terms")
    .where("koperasi_id", "=", koperasiId)
    .where("product_id", "=", product.id)
    .where("effective_from", "=", input.effectiveFrom)
    .execute();
  await insertTerms(cmd, product.id, input);
  await cmd.audit({ action: "savings.terms_change", targetType: "savings_product", targetId: product.id, details: { effectiveFrom: input.effectiveFrom } });
  return findSavingsProduct(trx, koperasiId, product.id, cmd.today);
}
