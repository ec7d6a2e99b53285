import { Invitation, KoperasiUser, Ok, RoleGrantDecision, RoleGrantPending, RoleGrantRequest, type CreateInvitation, type UpdateKoperasiUser } from "@koperasi/contracts";
import { z } from "zod";
import { api } from "../../../api/client";

const path = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}`;

export type NewInvitation = z.output<typeof CreateInvitation>;
export type UserUpdate = z.output<typeof UpdateKoperasiUser>;

export const fetchUsers = (koperasiId: string) => api(`${path(koperasiId)}/users`, { schema: KoperasiUser.array() });

export const updateUser = (koperasiId: string, id: string, body: UserUpdate) =>
  api(`${path(koperasiId)}/users/${encodeURIComponent(id)}`, { method: "PATCH", json: body, schema: z.union([RoleGrantPending, KoperasiUser]) });

export const fetchRoleGrants = (koperasiId: string) => api(`${path(koperasiId)}/role-grants`, { schema: RoleGrantRequest.array() });

export const decideRoleGrant = (koperasiId: string, id: string, decision: "approve" | "reject") =>
  api(`${path(koperasiId)}/role-grants/${encodeURIComponent(id)}/${decision}`, { method: "POST", schema: RoleGrantDecision });

export const fetchInvitations = (koperasiId: string) => api(`${path(koperasiId)}/invitations`, { schema: Invitation.array() });

export const createInvitation = (koperasiId: string, body: NewInvitation) =>
  api(`${path(koperasiId)}/invitations`, { method: "POST", json: body, schema: Invitation });

export const revokeInvitation = (koperasiId: string, id: string) =>
  api(`${path(koperasiId)}/invitations/${encodeURIComponent(id)}`, { method: "DELETE", schema: Ok });
