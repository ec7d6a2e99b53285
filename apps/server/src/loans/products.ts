import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { CreateLoanProduct, LoanCharge, LoanDendaRule, LoanProduct, LoanTerms, LoanTermsInput, PublicLoanProduct, UpdateLoanProduct } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import {
  parsePercent,
  rupiah,
  termsInForce,
  type BusinessDate,
  type DisbursementChargeRule,
  type LatePenaltyRule,
  type LoanTerms as ScheduleTerms,
} from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { findGlAccount, findGlAccountByCode } from "../ledger/chart";
import { rupiahFromDb } from "../ledger/amounts";
import { loanError } from "./errors";

// Loan products (produk pinjaman): each with its GL accounts and its terms
// as a dated history. A change of terms applies from a later date; a loan
// keeps the terms it was applied for under.

export type Terms = z.infer<typeof LoanTerms>;
export type ProductDto = z.infer<typeof LoanProduct>;
type TermsInput = z.output<typeof LoanTermsInput>;
type Charge = z.infer<typeof LoanCharge>;
type Denda = z.infer<typeof LoanDendaRule>;

/** A percent as stored (numeric text) in its shortest form: "1.5000" → "1.5". */
function percentText(value: string | null): string {
  if (value === null) return "0";
  const [whole, fraction = ""] = value.split(".");
  const trimmed = fraction.replace(/0+$/, "");
  return trimmed ? `${whole}.${trimmed}` : (whole ?? "0");
}

/** Decimal text as a client may write it ("1,5") in the form stored and compared ("1.5"). */
function normalPercent(text: string): string {
  return percentText(text.replace(",", "."));
}

interface TermsRow {
  product_id: string;
  effective_from: string;
  interest_method: Terms["interestMethod"];
  monthly_rate_percent: string;
  repayment_frequency: Terms["repaymentFrequency"];
  tenor_min: number;
  tenor_max: number;
  amount_min: string | number;
  amount_max: string | number;
  round_to: number;
  charges: unknown[];
  denda_basis: "percent_per_day" | "flat_per_day" | null;
  denda_rate_percent: string | null;
  denda_amount: string | number | null;
  denda_grace_days: number;
  denda_cap_amount: string | number | null;
  denda_cap_percent: string | null;
  required_savings_percent: string;
  second_approval_above: string | number | null;
}

function dendaOf(row: TermsRow): Denda | null {
  if (row.denda_basis === null) return null;
  const cap =
    row.denda_cap_amount !== null
      ? { type: "amount" as const, amount: rupiahFromDb(row.denda_cap_amount) }
      : row.denda_cap_percent !== null
        ? { type: "percent_of_overdue" as const, percent: percentText(row.denda_cap_percent) }
        : null;
  return row.denda_basis === "percent_per_day"
    ? { basis: "percent_per_day", percent: percentText(row.denda_rate_percent), graceDays: row.denda_grace_days, cap }
    : { basis: "flat_per_day", amount: rupiahFromDb(row.denda_amount ?? 0), graceDays: row.denda_grace_days, cap };
}

function termsFromRow(row: TermsRow): Terms {
  return {
    effectiveFrom: row.effective_from,
    interestMethod: row.interest_method,
    monthlyRatePercent: percentText(row.monthly_rate_percent),
    repaymentFrequency: row.repayment_frequency,
    tenorMin: row.tenor_min,
    tenorMax: row.tenor_max,
    amountMin: rupiahFromDb(row.amount_min),
    amountMax: rupiahFromDb(row.amount_max),
    roundTo: row.round_to,
    charges: row.charges as Charge[],
    denda: dendaOf(row),
    requiredSavingsPercent: percentText(row.required_savings_percent),
    secondApprovalAbove: row.second_approval_above === null ? null : rupiahFromDb(row.second_approval_above),
  };
}

function selectTerms(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("loan_product_terms")
    .select([
      "product_id",
      sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as("effective_from"),
      "interest_method",
      sql<string>`monthly_rate_percent::text`.as("monthly_rate_percent"),
      "repayment_frequency",
      "tenor_min",
      "tenor_max",
      "amount_min",
      "amount_max",
      "round_to",
      "charges",
      "denda_basis",
      sql<string | null>`denda_rate_percent::text`.as("denda_rate_percent"),
      "denda_amount",
      "denda_grace_days",
      "denda_cap_amount",
      sql<string | null>`denda_cap_percent::text`.as("denda_cap_percent"),
      sql<string>`required_savings_percent::text`.as("required_savings_percent"),
      "second_approval_above",
    ])
    .where("koperasi_id", "=", koperasiId)
    .orderBy("effective_from");
}

/** The terms a loan was applied under: the product's row of that date. */
export async function loanTerms(trx: Transaction<DB>, koperasiId: string, productId: string, effectiveFrom: string): Promise<Terms> {
  const row = await selectTerms(trx, koperasiId).where("product_id", "=", productId).where("effective_from", "=", effectiveFrom).executeTakeFirst();
  if (!row) throw new Error(`loan product ${productId} has no terms from ${effectiveFrom}`);
  return termsFromRow(row);
}

// The domain's shapes of a product's terms --------------------------------------

export function scheduleTermsOf(terms: Terms, principal: number, installments: number): ScheduleTerms {
  return {
    principal: rupiah(principal),
    installments,
    monthlyRate: parsePercent(terms.monthlyRatePercent),
    method: terms.interestMethod,
    frequency: terms.repaymentFrequency,
    roundTo: terms.roundTo,
  };
}

export function chargeRulesOf(terms: Terms): DisbursementChargeRule[] {
  return terms.charges.map((charge) => ({
    kind: charge.kind,
    collection: charge.collection,
    amount: charge.type === "flat" ? { type: "flat", amount: rupiah(charge.amount) } : { type: "percent", rate: parsePercent(charge.percent) },
  }));
}

export function dendaRuleOf(terms: Terms): LatePenaltyRule | null {
  const denda = terms.denda;
  if (!denda) return null;
  const cap = denda.cap === null ? undefined : denda.cap.type === "amount" ? { type: "amount" as const, amount: rupiah(denda.cap.amount) } : { type: "percent_of_overdue" as const, rate: parsePercent(denda.cap.percent) };
  return {
    basis: denda.basis === "percent_per_day" ? { type: "percent_per_day", rate: parsePercent(denda.percent) } : { type: "flat_per_day", amount: rupiah(denda.amount) },
    graceDays: denda.graceDays,
    ...(cap ? { cap } : {}),
  };
}

// Products ------------------------------------------------------------------------

export async function listLoanProducts(trx: Transaction<DB>, koperasiId: string, today: BusinessDate): Promise<ProductDto[]> {
  const { rows: products } = await sql<{
    id: string;
    code: string;
    name: string;
    status: "active" | "retired";
    r_id: string;
    r_code: string;
    r_name: string;
    i_id: string;
    i_code: string;
    i_name: string;
    c_id: string;
    c_code: string;
    c_name: string;
    d_id: string;
    d_code: string;
    d_name: string;
  }>`
    SELECT p.id, p.code, p.name, p.status,
           r.id AS r_id, r.code AS r_code, r.name AS r_name, i.id AS i_id, i.code AS i_code, i.name AS i_name,
           c.id AS c_id, c.code AS c_code, c.name AS c_name, d.id AS d_id, d.code AS d_code, d.name AS d_name
    FROM loan_product p
    JOIN gl_account r ON r.koperasi_id = p.koperasi_id AND r.id = p.receivable_account_id
    JOIN gl_account i ON i.koperasi_id = p.koperasi_id AND i.id = p.interest_income_account_id
    JOIN gl_account c ON c.koperasi_id = p.koperasi_id AND c.id = p.charges_income_account_id
    JOIN gl_account d ON d.koperasi_id = p.koperasi_id AND d.id = p.denda_income_account_id
    WHERE p.koperasi_id = ${koperasiId}::uuid
    ORDER BY p.code`.execute(trx);
  const terms = await selectTerms(trx, koperasiId).execute();
  const byProduct = new Map<string, Terms[]>();
  for (const row of terms) byProduct.set(row.product_id, [...(byProduct.get(row.product_id) ?? []), termsFromRow(row)]);
  return products.map((p) => {
    const history = byProduct.get(p.id) ?? [];
    const current = termsInForce(history, today);
    if (!current) throw new Error(`loan product ${p.code} has no terms`);
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      status: p.status,
      accounts: {
        receivable: { id: p.r_id, code: p.r_code, name: p.r_name },
        interestIncome: { id: p.i_id, code: p.i_code, name: p.i_name },
        chargesIncome: { id: p.c_id, code: p.c_code, name: p.c_name },
        dendaIncome: { id: p.d_id, code: p.d_code, name: p.d_name },
      },
      terms: current,
      history,
    };
  });
}

export async function findLoanProduct(trx: Transaction<DB>, koperasiId: string, id: string, today: BusinessDate, field?: string): Promise<ProductDto> {
  const product = (await listLoanProducts(trx, koperasiId, today)).find((p) => p.id === id.toLowerCase());
  if (!product) throw loanError("product_unknown", field ? { field } : {});
  return product;
}

/** Active products and today's terms, as anyone may see them (the public simulator page). */
export async function publicLoanProducts(trx: Transaction<DB>, koperasiId: string, today: BusinessDate): Promise<z.infer<typeof PublicLoanProduct>[]> {
  const products = await listLoanProducts(trx, koperasiId, today);
  return products
    .filter((p) => p.status === "active")
    .map((p) => {
      const { secondApprovalAbove: _internal, ...terms } = p.terms;
      return { code: p.code, name: p.name, terms };
    });
}

function checkTerms(input: TermsInput, path: string): void {
  if (input.tenorMin > input.tenorMax) throw loanError("range_invalid", { field: `${path}.tenorMin` });
  if (input.amountMin > input.amountMax) throw loanError("range_invalid", { field: `${path}.amountMin` });
  const percents: [string, string][] = [["requiredSavingsPercent", input.requiredSavingsPercent]];
  input.charges.forEach((charge, i) => {
    if (charge.type === "percent") percents.push([`charges.${i}.percent`, charge.percent]);
  });
  if (input.denda?.basis === "percent_per_day") percents.push(["denda.percent", input.denda.percent]);
  for (const [key, text] of percents) if (Number(normalPercent(text)) > 100) throw loanError("percent_invalid", { field: `${path}.${key}` });
  const kinds = input.charges.map((charge) => charge.kind);
  if (new Set(kinds).size !== kinds.length) throw loanError("charges_duplicate", { field: `${path}.charges` });
}

async function insertTerms(cmd: CommandContext, productId: string, input: TermsInput): Promise<void> {
  const denda = input.denda;
  const charges = input.charges.map((charge) => (charge.type === "percent" ? { ...charge, percent: normalPercent(charge.percent) } : charge));
  await cmd.trx
    .insertInto("loan_product_terms")
    .values({
      koperasi_id: cmd.koperasiId,
      product_id: productId,
      effective_from: input.effectiveFrom,
      interest_method: input.interestMethod,
      monthly_rate_percent: normalPercent(input.monthlyRatePercent),
      repayment_frequency: input.repaymentFrequency,
      tenor_min: input.tenorMin,
      tenor_max: input.tenorMax,
      amount_min: input.amountMin,
      amount_max: input.amountMax,
      round_to: input.roundTo,
      charges: JSON.stringify(charges),
      denda_basis: denda?.basis ?? null,
      denda_rate_percent: denda?.basis === "percent_per_day" ? normalPercent(denda.percent) : null,
      denda_amount: denda?.basis === "flat_per_day" ? denda.amount : null,
      denda_grace_days: denda?.graceDays ?? 0,
      denda_cap_amount: denda?.cap?.type === "amount" ? denda.cap.amount : null,
      denda_cap_percent: denda?.cap?.type === "percent_of_overdue" ? normalPercent(denda.cap.percent) : null,
      required_savings_percent: normalPercent(input.requiredSavingsPercent),
      second_approval_above: input.secondApprovalAbove,
      created_by: cmd.actor.userId,
      created_at: cmd.now,
    })
    .execute();
}

type AccountRole = "receivable" | "income";
const DEFAULT_ACCOUNTS = {
  receivableAccountId: ["1-1300", "receivable"],
  interestIncomeAccountId: ["4-1100", "income"],
  chargesIncomeAccountId: ["4-1200", "income"],
  dendaIncomeAccountId: ["4-1300", "income"],
} as const satisfies Record<string, readonly [string, AccountRole]>;

async function productAccount(cmd: CommandContext, key: keyof typeof DEFAULT_ACCOUNTS, given: string | undefined): Promise<string> {
  const [code, role] = DEFAULT_ACCOUNTS[key];
  const account = given ? await findGlAccount(cmd.trx, cmd.koperasiId, given) : await findGlAccountByCode(cmd.trx, cmd.koperasiId, code);
  const fits =
    account?.status === "open" &&
    !account.is_group &&
    (role === "receivable" ? account.is_control && account.type === "aset" : !account.is_control && account.type === "pendapatan");
  if (!account || !fits) throw loanError(role === "receivable" ? "receivable_account_invalid" : "income_account_invalid", { field: `body.accounts.${key}` });
  return account.id;
}

export async function createLoanProduct(cmd: CommandContext, input: z.output<typeof CreateLoanProduct>): Promise<ProductDto> {
  const { trx, koperasiId } = cmd;
  checkTerms(input.terms, "body.terms");
  const accounts = {
    receivable: await productAccount(cmd, "receivableAccountId", input.accounts.receivableAccountId),
    interest: await productAccount(cmd, "interestIncomeAccountId", input.accounts.interestIncomeAccountId),
    charges: await productAccount(cmd, "chargesIncomeAccountId", input.accounts.chargesIncomeAccountId),
    denda: await productAccount(cmd, "dendaIncomeAccountId", input.accounts.dendaIncomeAccountId),
  };
  const taken = await trx.selectFrom("loan_product").select("id").where("koperasi_id", "=", koperasiId).where("code", "=", input.code).executeTakeFirst();
  if (taken) throw loanError("product_code_taken", { field: "body.code" });
  const id = cmd.newId();
  await trx
    .insertInto("loan_product")
    .values({
      koperasi_id: koperasiId,
      id,
      code: input.code,
      name: input.name,
      receivable_account_id: accounts.receivable,
      interest_income_account_id: accounts.interest,
      charges_income_account_id: accounts.charges,
      denda_income_account_id: accounts.denda,
      created_by: cmd.actor.userId,
      created_at: cmd.now,
    })
    .execute();
  await insertTerms(cmd, id, input.terms);
  await cmd.audit({ action: "loans.product_create", targetType: "loan_product", targetId: id, details: { code: input.code } });
  return findLoanProduct(trx, koperasiId, id, cmd.today);
}

export async function updateLoanProduct(cmd: CommandContext, id: string, input: z.infer<typeof UpdateLoanProduct>): Promise<ProductDto> {
  const { trx, koperasiId } = cmd;
  await findLoanProduct(trx, koperasiId, id, cmd.today);
  if (input.name !== undefined || input.status !== undefined) {
    await trx
      .updateTable("loan_product")
      .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.status !== undefined ? { status: input.status } : {}) })
      .where("koperasi_id", "=", koperasiId)
      .where("id", "=", id)
      .execute();
  }
  await cmd.audit({ action: "loans.product_update", targetType: "loan_product", targetId: id, details: { ...input } });
  return findLoanProduct(trx, koperasiId, id, cmd.today);
}

/**
 * New terms from a date after today: what is in force today and before is
 * never rewritten, and loans keep the terms they were applied under. Terms
 * already set for that same future date are replaced (no loan uses them yet).
 */
export async function changeLoanTerms(cmd: CommandContext, id: string, input: TermsInput): Promise<ProductDto> {
  const { trx, koperasiId } = cmd;
  const product = await findLoanProduct(trx, koperasiId, id, cmd.today);
  if (input.effectiveFrom <= cmd.today) throw loanError("terms_date_past", { field: "body.effectiveFrom" });
  checkTerms(input, "body");
  await trx
    .deleteFrom("loan_product_terms")
    .where("koperasi_id", "=", koperasiId)
    .where("product_id", "=", product.id)
    .where("effective_from", "=", input.effectiveFrom)
    .execute();
  await insertTerms(cmd, product.id, input);
  await cmd.audit({ action: "loans.terms_change", targetType: "loan_product", targetId: product.id, details: { effectiveFrom: input.effectiveFrom } });
  return findLoanProduct(trx, koperasiId, product.id, cmd.today);
}
