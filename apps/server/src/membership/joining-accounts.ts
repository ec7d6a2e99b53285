import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { openMemberAccount } from "../ledger/member-accounts";
import { joiningAccountInvalid } from "./errors";

// Which accounts open for a member the moment she is accepted. A
// cooperative may list its own control accounts (joining_account); until it
// does, the savings controls of the chart it started from: simpanan pokok,
// simpanan wajib, simpanan sukarela. Term deposits and loans open per
// contract through their own products, never on joining.
export const DEFAULT_JOINING_CONTROL_CODES: readonly string[] = ["3-1100", "3-1200", "2-1100"];

/** The open control accounts her accounts open under, in code order. */
export async function joiningControlAccounts(trx: Transaction<DB>, koperasiId: string): Promise<{ id: string; code: string }[]> {
  const chosen = await trx.selectFrom("joining_account").select("account_id").where("koperasi_id", "=", koperasiId).execute();
  let query = trx
    .selectFrom("gl_account")
    .select(["id", "code"])
    .where("koperasi_id", "=", koperasiId)
    .where("is_control", "=", true)
    .where("status", "=", "open")
    .orderBy("code");
  query =
    chosen.length > 0
      ? query.where(
          "id",
          "in",
          chosen.map((row) => row.account_id),
        )
      : query.where("code", "in", [...DEFAULT_JOINING_CONTROL_CODES]);
  return query.execute();
}

/**
 * Opens her account under each joining control account she has no open
 * account under yet, inside the caller's transaction (the member row is
 * already locked by the caller). Returns the control codes opened.
 */
export async function openJoiningAccounts(trx: Transaction<DB>, koperasiId: string, memberId: string, now: Date): Promise<string[]> {
  const controls = await joiningControlAccounts(trx, koperasiId);
  const existing = await trx
    .selectFrom("member_account")
    .select("account_id")
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("status", "=", "open")
    .execute();
  const has = new Set(existing.map((row) => row.account_id));
  const opened: string[] = [];
  for (const control of controls) {
    if (has.has(control.id)) continue;
    await openMemberAccount(trx, { koperasiId, id: uuidv7(), memberId, controlAccountId: control.id, now });
    opened.push(control.code);
  }
  return opened;
}

/** The accounts that open on joining, and whether they are the default (the cooperative has chosen none). */
export async function joiningAccountsSetting(trx: Transaction<DB>, koperasiId: string): Promise<{ isDefault: boolean; accounts: { id: string; code: string; name: string }[] }> {
  const chosen = await trx.selectFrom("joining_account").select("account_id").where("koperasi_id", "=", koperasiId).execute();
  const controls = await joiningControlAccounts(trx, koperasiId);
  const names = await trx.selectFrom("gl_account").select(["id", "name"]).where("koperasi_id", "=", koperasiId).execute();
  const nameOf = new Map(names.map((row) => [row.id, row.name]));
  return { isDefault: chosen.length === 0, accounts: controls.map((c) => ({ id: c.id, code: c.code, name: nameOf.get(c.id) ?? "" })) };
}

/**
 * Replaces the cooperative's choice, audited; an empty list returns to the
 * default. Each must be an open control account (400 otherwise). Returns the
 * setting as it now stands.
 */
export async function setJoiningAccounts(cmd: CommandContext, accountIds: readonly string[]): Promise<Awaited<ReturnType<typeof joiningAccountsSetting>>> {
  const { trx, koperasiId } = cmd;
  const unique = [...new Set(accountIds.map((id) => id.toLowerCase()))];
  if (unique.length > 0) {
    const valid = await trx
      .selectFrom("gl_account")
      .select("id")
      .where("koperasi_id", "=", koperasiId)
      .where("id", "in", unique)
      .where("is_control", "=", true)
      .where("status", "=", "open")
      .execute();
    const ok = new Set(valid.map((row) => row.id));
    const bad = unique.findIndex((id) => !ok.has(id));
    if (bad >= 0) throw joiningAccountInvalid(accountIds.findIndex((id) => id.toLowerCase() === unique[bad]));
  }
  await trx.deleteFrom("joining_account").where("koperasi_id", "=", koperasiId).execute();
  if (unique.length > 0) await trx.insertInto("joining_account").values(unique.map((account_id) => ({ koperasi_id: koperasiId, account_id }))).execute();
  const setting = await joiningAccountsSetting(trx, koperasiId);
  await cmd.audit({
    action: "membership.joining_accounts",
    targetType: "koperasi",
    targetId: koperasiId,
    details: { accounts: setting.accounts.map((a) => a.code), isDefault: setting.isDefault },
  });
  return setting;
}
