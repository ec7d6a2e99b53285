import type { TenantAccess } from "../http/session";

/** Who an audit entry names: the person and the role(s) she acted in. */
export function auditActor(access: TenantAccess): { koperasiId: string; actorUserId: string; actorRole: string } {
  return { koperasiId: access.koperasiId, actorUserId: access.user.id, actorRole: access.roles.join(",") };
}
