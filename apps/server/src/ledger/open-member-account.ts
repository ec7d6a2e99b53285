import type { CommandContext } from "../command/command-context";
import { ledgerError } from "./errors";
import { findMemberAccount, openMemberAccount, type MemberAccountView } from "./member-accounts";

/**
 * What staff open for a member through the ledger: one account per (member,
 * control account) while it is open, only for an active member. The member's
 * row is locked first, so two requests for the same member open one account,
 * and the member cannot leave meanwhile. (Products that keep several accounts
 * of a kind per member — term deposits — open theirs through their own
 * commands.)
 */
export async function openAccountForMember(cmd: CommandContext, input: { memberId: string; accountId: string }): Promise<MemberAccountView> {
  const { trx, koperasiId } = cmd;
  const id = cmd.newId();
  const member = await trx
    .selectFrom("member")
    .select("status")
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", input.memberId)
    .forUpdate()
    .executeTakeFirst();
  if (!member) throw ledgerError("member_unknown", "body.memberId");
  if (member.status !== "aktif") throw ledgerError("member_not_active", "body.memberId");
  const existing = await trx
    .selectFrom("member_account")
    .select("id")
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", input.memberId)
    .where("account_id", "=", input.accountId)
    .where("status", "=", "open")
    .executeTakeFirst();
  if (existing) throw ledgerError("member_account_exists", "body.accountId");
  await openMemberAccount(trx, { koperasiId, id, memberId: input.memberId, controlAccountId: input.accountId, now: cmd.now, path: "body.accountId" });
  const view = await findMemberAccount(trx, koperasiId, id);
  if (!view) throw new Error(`member account ${id} vanished`);
  await cmd.audit({
    action: "ledger.member_account_open",
    targetType: "member_account",
    targetId: view.id,
    details: { memberNumber: view.memberNumber, accountCode: view.accountCode },
  });
  return view;
}

