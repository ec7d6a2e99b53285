import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import type { JournalLine } from "@koperasi/domain";
import type { GlAccountRow } from "./chart";
import { ledgerError } from "./errors";

export interface ResolveOptions {
  /** Manual journals may not touch control accounts: those move only with a member's sub-ledger, through a command that knows the member. */
  allowControlAccounts: boolean;
  /**
   * Share-lock the accounts until the transaction ends, so an account cannot
   * be closed between this check and the commit (closing takes the row lock
   * exclusively, then sees this posting's lines). Locks are taken in id
   * order, like every lock in posting, so two postings never deadlock.
   */
  lock: boolean;
  /** Where the lines sit in the request, for the refusal's `errors[].path` (e.g. `body.`). */
  pathPrefix?: string;
}

/**
 * The chart accounts a set of lines posts to, each checked to take postings:
 * known, open, not a group heading, and on a control account only through a
 * member account (and only when allowed). Refusals name the line at fault.
 */
export async function resolvePostingAccounts(
  trx: Transaction<DB>,
  koperasiId: string,
  lines: readonly JournalLine[],
  options: ResolveOptions,
): Promise<Map<string, GlAccountRow>> {
  const ids = [...new Set(lines.map((line) => line.account))].sort();
  let query = trx.selectFrom("gl_account").selectAll().where("koperasi_id", "=", koperasiId).where("id", "in", ids).orderBy("id");
  if (options.lock) query = query.forShare();
  const rows = ids.length === 0 ? [] : await query.execute();
  const accounts = new Map(rows.map((row) => [row.id, row]));
  const at = (i: number, field: string) => `${options.pathPrefix ?? ""}lines.${i}.${field}`;
  lines.forEach((line, i) => {
    const account = accounts.get(line.account);
    if (!account) throw ledgerError("account_unknown", at(i, "accountId"));
    if (account.status !== "open") throw ledgerError("account_closed", at(i, "accountId"));
    if (account.is_group) throw ledgerError("account_is_group", at(i, "accountId"));
    if (account.is_control) {
      if (!options.allowControlAccounts) throw ledgerError("account_is_control", at(i, "accountId"));
      if (!line.memberAccountId) throw ledgerError("member_account_required", at(i, "memberAccountId"));
    } else if (line.memberAccountId) {
      throw ledgerError("member_account_mismatch", at(i, "memberAccountId"));
    }
  });
  return accounts;
}
