import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { positiveAmountIssue } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { invalidEntry, ledgerError } from "./errors";
import { postEntry, type PostedEntry } from "./post-entry";

// Pemindahbukuan: money moves from one member's savings account to
// another's. Both must be members (UU 4/2023: savings serve members only)
// and both accounts must sit under the same member-funds control account, so
// the transfer is two lines on that account, one per sub-ledger. Which savings
// products allow transfers at all is the savings products' rule, later.

export interface TransferInput {
  fromMemberAccountId: string;
  toMemberAccountId: string;
  amount: number;
  description?: string | undefined;
}

export async function transferBetweenMembers(cmd: CommandContext, input: TransferInput): Promise<PostedEntry> {
  const { trx, koperasiId } = cmd;
  const amountIssue = positiveAmountIssue(input.amount);
  if (amountIssue) throw invalidEntry([{ path: "amount", code: amountIssue }], "body.");
  if (input.fromMemberAccountId === input.toMemberAccountId) throw ledgerError("transfer_same_account", "body.toMemberAccountId");

  const accounts = await transferAccounts(trx, koperasiId, [input.fromMemberAccountId, input.toMemberAccountId]);
  const from = accounts.get(input.fromMemberAccountId.toLowerCase());
  if (!from) throw ledgerError("member_account_unknown", "body.fromMemberAccountId");
  const to = accounts.get(input.toMemberAccountId.toLowerCase());
  if (!to) throw ledgerError("member_account_unknown", "body.toMemberAccountId");
  if (from.memberStatus !== "aktif") throw ledgerError("not_an_active_member", "body.fromMemberAccountId");
  if (to.memberStatus !== "aktif") throw ledgerError("not_an_active_member", "body.toMemberAccountId");
  if (from.accountId !== to.accountId || from.normalBalance !== "credit") throw ledgerError("transfer_accounts_differ", "body.toMemberAccountId");
  if (from.status !== "open") throw ledgerError("member_account_closed", "body.fromMemberAccountId");
  if (to.status !== "open") throw ledgerError("member_account_closed", "body.toMemberAccountId");

  return postEntry(trx, {
    koperasiId,
    source: "transfer",
    businessDate: cmd.today,
    description: input.description ?? `Pemindahbukuan dari ${from.memberNumber} ke ${to.memberNumber}`,
    createdBy: cmd.actor.userId,
    lines: [
      { accountId: from.accountId, memberAccountId: from.id, debit: input.amount },
      { accountId: to.accountId, memberAccountId: to.id, credit: input.amount },
    ],
    postedAt: cmd.now,
    newId: cmd.newId,
  });
}

interface TransferAccount {
  id: string;
  memberNumber: string;
  memberStatus: string;
  accountId: string;
  normalBalance: "debit" | "credit";
  status: "open" | "closed";
}

/** Both member accounts with their member and control account, in one query (the transfer's only read before posting); keyed by lower-case id. */
async function transferAccounts(trx: Transaction<DB>, koperasiId: string, ids: string[]): Promise<Map<string, TransferAccount>> {
  const { rows } = await sql<{ id: string; member_number: string; member_status: string; account_id: string; normal_balance: "debit" | "credit"; status: "open" | "closed" }>`
    SELECT ma.id, m.member_number, m.status AS member_status, ma.account_id, a.normal_balance, ma.status
    FROM member_account ma
    JOIN member m ON m.koperasi_id = ma.koperasi_id AND m.id = ma.member_id
    JOIN gl_account a ON a.koperasi_id = ma.koperasi_id AND a.id = ma.account_id
    WHERE ma.koperasi_id = ${koperasiId}::uuid AND ma.id = ANY (${ids}::uuid[])`.execute(trx);
  return new Map(
    rows.map((row) => [
      row.id,
      { id: row.id, memberNumber: row.member_number, memberStatus: row.member_status, accountId: row.account_id, normalBalance: row.normal_balance, status: row.status },
    ]),
  );
}
