import type { Selectable, Transaction } from "kysely";
import type { DB, GlAccountTable } from "@koperasi/db";
import { chartTemplateFor, isKoperasiType, uuidv7, type KoperasiType } from "@koperasi/domain";
import { seedDefaultSavingsProducts } from "../savings/products";

// A cooperative's chart of accounts: seeded from its type's template when it
// registers, then kept by the cooperative (accounts.ts adds and closes).

export type GlAccountRow = Selectable<GlAccountTable>;

export interface GlAccountDto {
  id: string;
  code: string;
  name: string;
  type: GlAccountRow["type"];
  normalBalance: GlAccountRow["normal_balance"];
  parentId: string | null;
  isGroup: boolean;
  isControl: boolean;
  status: GlAccountRow["status"];
}

export function toGlAccount(row: GlAccountRow): GlAccountDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    normalBalance: row.normal_balance,
    parentId: row.parent_id,
    isGroup: row.is_group,
    isControl: row.is_control,
    status: row.status,
  };
}

/**
 * Gives a new cooperative the chart of accounts for its type. Call it in the
 * transaction that creates the cooperative (a tenant transaction for
 * `koperasiId`). A cooperative that already has accounts keeps them: the
 * call then does nothing, so a retried registration cannot double the chart.
 * Returns the number of accounts created.
 */
export async function seedChartOfAccounts(
  trx: Transaction<DB>,
  koperasiId: string,
  type: KoperasiType | string,
  createdBy: string | null = null,
  /** Ids for the accounts, in template order; injectable for deterministic data (the generator). */
  newId: () => string = uuidv7,
): Promise<number> {
  const koperasiType: KoperasiType = isKoperasiType(type) ? type : "ksp";
  const existing = await trx.selectFrom("gl_account").select("id").where("koperasi_id", "=", koperasiId).limit(1).executeTakeFirst();
  if (existing) return 0;
  const template = chartTemplateFor(koperasiType);
  const rows = template.map((account) => ({ account, id: newId() }));
  const idOf = new Map(rows.map(({ account, id }) => [account.code, id]));
  // One statement: foreign keys are checked at its end, so a parent listed
  // in the same insert is found.
  await trx
    .insertInto("gl_account")
    .values(
      rows.map(({ account, id }) => ({
        koperasi_id: koperasiId,
        id,
        code: account.code,
        name: account.name,
        type: account.type,
        normal_balance: account.normalBalance,
        parent_id: account.parentCode === null ? null : (idOf.get(account.parentCode) ?? null),
        is_group: account.isGroup,
        is_control: account.isControl,
        created_by: createdBy,
      })),
    )
    .execute();
  // Its savings products come with the chart: every cooperative starts able to take deposits.
  await seedDefaultSavingsProducts(trx, koperasiId);
  return template.length;
}

export function listGlAccounts(trx: Transaction<DB>, koperasiId: string): Promise<GlAccountRow[]> {
  return trx.selectFrom("gl_account").selectAll().where("koperasi_id", "=", koperasiId).orderBy("code").execute();
}

export function findGlAccount(trx: Transaction<DB>, koperasiId: string, id: string): Promise<GlAccountRow | undefined> {
  return trx.selectFrom("gl_account").selectAll().where("koperasi_id", "=", koperasiId).where("id", "=", id).executeTakeFirst();
}

export function findGlAccountByCode(trx: Transaction<DB>, koperasiId: string, code: string): Promise<GlAccountRow | undefined> {
  return trx.selectFrom("gl_account").selectAll().where("koperasi_id", "=", koperasiId).where("code", "=", code).executeTakeFirst();
}
