import type { Position, Role } from "./permissions";

// Separation of duties for money authority. A change that gives a login a
// role that moves or books money (pengurus, kasir, the bendahara post) or
// the admin role that hands out roles takes effect only once a second
// person approves it: another admin or the ketua; in a cooperative with a
// single admin, the pengawas too. Nobody approves her own request or a
// grant to herself.

/** Roles whose holder can move or book money, or give others roles. */
export const MONEY_AUTHORITY_ROLES: readonly Role[] = ["admin", "pengurus", "kasir"];

/** What a change gives that needs a second person: new money roles, and the bendahara post. */
export type AuthorityGrant = "admin" | "pengurus" | "kasir" | "bendahara";

export interface Holding {
  readonly roles: readonly Role[];
  readonly positions: readonly Position[];
}

/** The money authority `after` holds that `before` did not (empty: the change may take effect at once). */
export function authorityGained(before: Holding, after: Holding): AuthorityGrant[] {
  const gained: AuthorityGrant[] = MONEY_AUTHORITY_ROLES.filter((role) => after.roles.includes(role) && !before.roles.includes(role)) as AuthorityGrant[];
  const treasurerBefore = before.roles.includes("pengurus") && before.positions.includes("bendahara");
  const treasurerAfter = after.roles.includes("pengurus") && after.positions.includes("bendahara");
  if (treasurerAfter && !treasurerBefore) gained.push("bendahara");
  return gained;
}

export type GrantApprovalRefusal = "own_request" | "own_grant" | "not_an_approver";

export interface GrantApproval {
  /** Who decides, with the roles and positions she holds today (terms included). */
  readonly approver: { readonly userId: string } & Holding;
  readonly requestedBy: string;
  /** The login the change is for. */
  readonly subjectUserId: string | null;
  /** Active admins of the cooperative. */
  readonly activeAdmins: number;
}

/** Why `approver` may not decide this request, or null when she may. */
export function grantApprovalRefusal(input: GrantApproval): GrantApprovalRefusal | null {
  const { approver } = input;
  if (approver.userId === input.requestedBy) return "own_request";
  if (input.subjectUserId !== null && approver.userId === input.subjectUserId) return "own_grant";
  if (approver.roles.includes("admin")) return null;
  if (approver.roles.includes("pengurus") && approver.positions.includes("ketua")) return null;
  if (approver.roles.includes("pengawas") && input.activeAdmins <= 1) return null;
  return "not_an_approver";
}
