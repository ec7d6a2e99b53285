import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { positiveAmountIssue, type BusinessDate } from "@koperasi/domain";
import { invalidEntry, ledgerError } from "./errors";
import { findMemberAccount } from "./member-accounts";
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

export async function transferBetweenMembers(
  trx: Transaction<DB>,
  koperasiId: string,
  userId: string,
  input: TransferInput,
  clock: { now: Date; today: BusinessDate; newId: () => string },
): Promise<PostedEntry> {
  const amountIssue = positiveAmountIssue(input.amount);
  if (amountIssue) throw invalidEntry([{ path: "amount", code: amountIssue }], "body.");
  if (input.fromMemberAccountId === input.toMemberAccountId) throw ledgerError("transfer_same_account", "body.toMemberAccountId");

  const from = await findMemberAccount(trx, koperasiId, input.fromMemberAccountId);
  if (!from) throw ledgerError("member_account_unknown", "body.fromMemberAccountId");
  const to = await findMemberAccount(trx, koperasiId, input.toMemberAccountId);
  if (!to) throw ledgerError("member_account_unknown", "body.toMemberAccountId");
  if (from.memberStatus !== "aktif") throw ledgerError("not_an_active_member", "body.fromMemberAccountId");
  if (to.memberStatus !== "aktif") throw ledgerError("not_an_active_member", "body.toMemberAccountId");
  if (from.accountId !== to.accountId || from.normalBalance !== "credit") throw ledgerError("transfer_accounts_differ", "body.toMemberAccountId");
  if (from.status !== "open") throw ledgerError("member_account_closed", "body.fromMemberAccountId");
  if (to.status !== "open") throw ledgerError("member_account_closed", "body.toMemberAccountId");

  return postEntry(trx, {
    koperasiId,
    source: "transfer",
    businessDate: clock.today,
    description: input.description ?? `Pemindahbukuan dari ${from.memberNumber} ke ${to.memberNumber}`,
    createdBy: userId,
    lines: [
      { accountId: from.accountId, memberAccountId: from.id, debit: input.amount },
      { accountId: to.accountId, memberAccountId: to.id, credit: input.amount },
    ],
    postedAt: clock.now,
    newId: clock.newId,
  });
}
