import type { KoperasiUser, TenantRole } from "../../api/types";

type RoleSources = Pick<KoperasiUser, "roles" | "positions" | "termGrants">;

export interface RoleBadge {
  kind: "role" | "position";
  value: string;
  /** Given by a current term of office: it ends with the term and cannot be removed on the Pengguna page. */
  fromTerm: boolean;
}

/**
 * The badges of a person's row: the stored roles and positions, then those
 * her terms give. A term's role is shown even when the admin also stored it,
 * because unticking the stored one leaves her the term's.
 */
export function roleBadges(user: RoleSources): RoleBadge[] {
  return [
    ...user.roles.map((value) => ({ kind: "role" as const, value, fromTerm: false })),
    ...user.positions.map((value) => ({ kind: "position" as const, value, fromTerm: false })),
    ...user.termGrants.roles.map((value) => ({ kind: "role" as const, value, fromTerm: true })),
    ...user.termGrants.positions.map((value) => ({ kind: "position" as const, value, fromTerm: true })),
  ];
}

export const hasTermGrants = (user: RoleSources): boolean => user.termGrants.roles.length > 0 || user.termGrants.positions.length > 0;

/** A role she keeps while her term runs, whatever the role editor's boxes say. */
export const keptByTerm = (user: RoleSources, role: TenantRole): boolean => user.termGrants.roles.includes(role);
