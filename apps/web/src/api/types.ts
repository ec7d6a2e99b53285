import type { z } from "zod";
import type * as C from "@koperasi/contracts";
import { Membership as MembershipSchema, SessionInfo as SessionInfoSchema, Uuid } from "@koperasi/contracts";

// Types of what the server sends, inferred from the contracts.

/**
 * The session as the web app reads it. `memberId` links the signed-in person
 * to her member record in the active cooperative (so an anggota sees her own
 * member number); the contract does not carry it yet, so it is optional here
 * and the home page copes without it.
 */
export const WebMembership = MembershipSchema.extend({ memberId: Uuid.nullable().optional() });
export const WebSessionInfo = SessionInfoSchema.extend({ memberships: WebMembership.array() });

export type SessionInfo = z.output<typeof WebSessionInfo>;
export type Membership = z.output<typeof WebMembership>;
export type TenantRole = z.output<typeof C.TenantRole>;
export type KoperasiStatus = Membership["status"];
export type PublicKoperasi = z.output<typeof C.PublicKoperasi>;
export type KoperasiProfile = z.output<typeof C.KoperasiProfile>;
export type ModuleState = z.output<typeof C.ModuleState>;
export type ModuleId = z.output<typeof C.ModuleId>;
export type Member = z.output<typeof C.Member>;
export type KoperasiUser = z.output<typeof C.KoperasiUser>;
export type Invitation = z.output<typeof C.Invitation>;
export type InvitationPreview = z.output<typeof C.InvitationPreview>;
export type AuditEntry = z.output<typeof C.AuditEntry>;
export type PendingKoperasi = z.output<typeof C.PendingKoperasi>;
export type OutboundMessage = z.output<typeof C.OutboundMessage>;
export type RegistrationState = z.output<typeof C.RegistrationState>;
export type SubmittedRegistration = z.output<typeof C.SubmittedRegistration>;
export type TwoFactorSetup = z.output<typeof C.TwoFactorSetup>;
export type LoginResult = z.output<typeof C.LoginResult>;
export type KoperasiType = z.output<typeof C.KoperasiDetails>["type"];
export type TimeZone = z.output<typeof C.KoperasiDetails>["timeZone"];
export type DocumentKind = z.output<typeof C.DocumentKind>;

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
