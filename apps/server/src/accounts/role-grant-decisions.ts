import { sql } from "kysely";
import type { z } from "zod";
import type { AppointTerm, KoperasiUser, StructureTerm } from "@koperasi/contracts";
import { grantApprovalRefusal, type GrantApprovalRefusal, type Role } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import type { AppError } from "../errors/app-error";
import { appointTerm } from "../structure/terms";
import { updateKoperasiUser, type KoperasiUserChange } from "./koperasi-users";
import { readRoleGrantRequest, type RoleGrantRequestDto } from "./role-grants";
import { userError } from "./user-errors";

export type Decision = "approve" | "reject";

const REFUSALS: Record<GrantApprovalRefusal, Parameters<typeof userError>[0]> = {
  own_request: "grant_own_request",
  own_grant: "grant_own_grant",
  not_an_approver: "grant_not_an_approver",
};

/**
 * Approves (and applies) or rejects a waiting grant of money or admin
 * authority. The request row is locked first, so of two decisions at once
 * one acts and the other finds it decided. A refusal is audited as
 * `role_grant.refused` and returned (not thrown), so that entry commits.
 */
export async function decideRoleGrant(
  cmd: CommandContext,
  requestId: string,
  decision: Decision,
): Promise<{ request: RoleGrantRequestDto; user?: z.infer<typeof KoperasiUser>; term?: StructureTerm } | { refused: AppError }> {
  const { trx, koperasiId } = cmd;
  const row = await trx.selectFrom("role_grant_request").selectAll().where("koperasi_id", "=", koperasiId).where("id", "=", requestId).forUpdate().executeTakeFirst();
  if (!row) return { refused: userError("grant_request_not_found") };

  const refuse = async (reason: string, error: AppError) => {
    await cmd.audit({ action: "role_grant.refused", targetType: "role_grant_request", targetId: requestId, details: { decision, reason, status: row.status } });
    return { refused: error };
  };
  if (row.status !== "pending") return refuse("already_decided", userError("grant_already_decided"));

  const { rows: admins } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM koperasi_user
    WHERE koperasi_id = ${koperasiId} AND status = 'active' AND 'admin' = ANY(roles)`.execute(trx);
  const refusal = grantApprovalRefusal({
    approver: { userId: cmd.actor.userId, roles: cmd.actor.roles as Role[], positions: cmd.actor.positions },
    requestedBy: row.requested_by,
    subjectUserId: row.subject_user_id,
    activeAdmins: admins[0]?.n ?? 0,
  });
  if (refusal) return refuse(refusal, userError(REFUSALS[refusal]));

  const status = decision === "approve" ? "approved" : "rejected";
  await trx
    .updateTable("role_grant_request")
    .set({ status, decided_by: cmd.actor.userId, decided_at: cmd.now })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", requestId)
    .execute();
  const applied: { user?: z.infer<typeof KoperasiUser>; term?: StructureTerm } = {};
  if (decision === "approve") {
    const approved = { requestId, requestedBy: row.requested_by };
    if (row.kind === "user_roles") {
      const outcome = await updateKoperasiUser(cmd, row.koperasi_user_id ?? "", row.change as KoperasiUserChange, approved);
      if (outcome.kind === "updated") applied.user = outcome.user;
    } else {
      const outcome = await appointTerm(cmd, row.change as z.infer<typeof AppointTerm>, approved);
      if (outcome.kind === "appointed") applied.term = outcome.term;
    }
  }
  await cmd.audit({
    action: `role_grant.${status === "approved" ? "approve" : "reject"}`,
    targetType: "role_grant_request",
    targetId: requestId,
    details: { kind: row.kind, subjectUserId: row.subject_user_id, grants: row.grants, requestedBy: row.requested_by },
  });
  const request = await readRoleGrantRequest(trx, koperasiId, requestId);
  if (!request) throw new Error("role grant request vanished");
  return { request, ...applied };
}
