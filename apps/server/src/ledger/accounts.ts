import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { defaultNormalBalance, isDomainError, validateAccountCode, type AccountType, type NormalBalance } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { notFound } from "../errors/app-error";
import { findGlAccount, findGlAccountByCode, type GlAccountRow } from "./chart";
import { domainErrorAt, ledgerError } from "./errors";

// Keeping the chart: adding accounts and closing them. Accounts are never
// deleted (the database grants no DELETE): one with postings stays in the
// books for ever, closed.

export interface NewGlAccount {
  code: string;
  name: string;
  type: AccountType;
  normalBalance?: NormalBalance | undefined;
  parentId?: string | null | undefined;
  isGroup?: boolean | undefined;
  isControl?: boolean | undefined;
}

export async function createGlAccount(cmd: CommandContext, input: NewGlAccount): Promise<GlAccountRow> {
  const { trx, koperasiId } = cmd;
  let code: string;
  try {
    code = validateAccountCode(input.code, input.type);
  } catch (error) {
    if (isDomainError(error)) throw domainErrorAt(error, "body.code");
    throw error;
  }
  if (input.isGroup && input.isControl) throw ledgerError("account_group_control", "body.isControl");
  if (input.parentId) {
    const parent = await findGlAccount(trx, koperasiId, input.parentId);
    if (!parent || !parent.is_group || parent.type !== input.type || parent.status !== "open") throw ledgerError("account_parent_invalid", "body.parentId");
  }
  if (await findGlAccountByCode(trx, koperasiId, code)) throw ledgerError("account_code_taken", "body.code");
  const row = await trx
    .insertInto("gl_account")
    .values({
      koperasi_id: koperasiId,
      id: cmd.newId(),
      code,
      name: input.name,
      type: input.type,
      normal_balance: input.normalBalance ?? defaultNormalBalance(input.type),
      parent_id: input.parentId ?? null,
      is_group: input.isGroup ?? false,
      is_control: input.isControl ?? false,
      created_by: cmd.actor.userId,
      created_at: cmd.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await cmd.audit({ action: "ledger.account_create", targetType: "gl_account", targetId: row.id, details: { code: row.code, name: row.name, type: row.type } });
  return row;
}

/**
 * Closes an account: it keeps its history and takes no more postings. Only
 * an empty account closes: zero balance, and no open account or member
 * account under it. The row lock makes a posting in flight finish first
 * (posting share-locks its accounts), so its lines are counted here.
 */
export async function closeGlAccount(cmd: CommandContext, accountId: string): Promise<GlAccountRow> {
  const { trx, koperasiId } = cmd;
  const account = await trx
    .selectFrom("gl_account")
    .selectAll()
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!account) throw notFound("Akun");
  if (account.status === "closed") throw ledgerError("account_already_closed");
  const { rows } = await sql<{ balance: string; open_children: string; open_members: string }>`
    SELECT
      (SELECT coalesce(sum(l.debit - l.credit), 0) FROM journal_line l JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
        WHERE l.koperasi_id = ${koperasiId}::uuid AND l.account_id = ${accountId}::uuid AND e.status = 'posted')::text AS balance,
      (SELECT count(*) FROM gl_account c WHERE c.koperasi_id = ${koperasiId}::uuid AND c.parent_id = ${accountId}::uuid AND c.status = 'open')::text AS open_children,
      (SELECT count(*) FROM member_account m WHERE m.koperasi_id = ${koperasiId}::uuid AND m.account_id = ${accountId}::uuid AND m.status = 'open')::text AS open_members`.execute(trx);
  const usage = rows[0];
  if (!usage || usage.balance !== "0" || usage.open_children !== "0" || usage.open_members !== "0") throw ledgerError("account_not_empty");
  const closed = await trx
    .updateTable("gl_account")
    .set({ status: "closed", closed_at: cmd.now })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", accountId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await cmd.audit({ action: "ledger.account_close", targetType: "gl_account", targetId: closed.id, details: { code: closed.code } });
  return closed;
}

/** The id of the chart account with this code if it takes postings (open, not a group, not a control account); undefined otherwise. */
export async function postableAccountId(trx: Transaction<DB>, koperasiId: string, code: string): Promise<string | undefined> {
  const account = await findGlAccountByCode(trx, koperasiId, code);
  return account && account.status === "open" && !account.is_group && !account.is_control ? account.id : undefined;
}
