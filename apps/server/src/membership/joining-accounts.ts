import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";
import { openMemberAccount } from "../ledger/member-accounts";

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
