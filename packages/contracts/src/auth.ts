import { z } from "zod";
import { Email, NewPassword, OtpCode, PhoneInput, Uuid } from "./common";

export const ROLE_VALUES = ["admin", "pengurus", "pengawas", "kasir", "anggota"] as const;
export const TenantRole = z.enum(ROLE_VALUES, { error: "Peran tidak dikenal." });

/** Sign in with the email address or, for people invited by phone, the phone number. */
export const Login = z
  .strictObject({
    email: Email.optional(),
    phone: PhoneInput.optional(),
    password: z.string({ error: "Kata sandi wajib diisi." }).min(1, { error: "Kata sandi wajib diisi." }).max(128),
  })
  .refine((v) => (v.email === undefined) !== (v.phone === undefined), { error: "Isi email atau nomor HP (salah satu).", path: ["email"] });
export const LoginTwoFactor = z.strictObject({
  code: z.string({ error: "Kode wajib diisi." }).trim().min(6, { error: "Kode minimal 6 karakter." }).max(32),
  kind: z.enum(["totp", "backup"]).default("totp"),
});

export const Membership = z.object({
  koperasiId: Uuid,
  slug: z.string(),
  name: z.string(),
  status: z.enum(["pending", "approved", "rejected", "suspended"]),
  roles: z.array(TenantRole),
  positions: z.array(z.string()),
  /** Her member record in that cooperative, when she is a member. */
  memberId: Uuid.nullable(),
});
export type Membership = z.infer<typeof Membership>;

export const SessionInfo = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), phone: z.string().nullable(), twoFactorEnabled: z.boolean() }),
  memberships: z.array(Membership),
  activeKoperasiId: Uuid.nullable(),
  platformOperator: z.boolean(),
  /** Admin/pengurus of a cooperative that requires MFA, without it yet: must set it up first. */
  mfaSetupRequired: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const LoginResult = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok"), session: SessionInfo }),
  z.object({ status: z.literal("two_factor_required") }),
]);

export const SwitchKoperasi = z.strictObject({ koperasiId: Uuid });

/** Email address or phone number the account has verified. */
export const ForgotPassword = z.strictObject({
  identifier: z.string({ error: "Email atau nomor HP wajib diisi." }).trim().min(3, { error: "Email atau nomor HP wajib diisi." }).max(254),
});
export const ResetPassword = z.strictObject({
  identifier: z.string().trim().min(3).max(254),
  code: OtpCode,
  newPassword: NewPassword,
});

export const EnableTwoFactor = z.strictObject({ password: z.string().min(1, { error: "Kata sandi wajib diisi." }).max(128) });
export const TwoFactorSetup = z.object({ totpUri: z.string(), backupCodes: z.array(z.string()) });
export const VerifyTwoFactor = z.strictObject({ code: OtpCode });
/** Switching two-factor off takes the password and a fresh second factor: a code from the app or one recovery code. */
export const DisableTwoFactor = z.strictObject({
  password: z.string().min(1, { error: "Kata sandi wajib diisi." }).max(128),
  code: LoginTwoFactor.shape.code,
  kind: LoginTwoFactor.shape.kind,
});

/** One signed-in device of the person: what she needs to recognise it and end it. */
export const SignedInSession = z.object({
  id: z.string(),
  userAgent: z.string().nullable(),
  ipAddress: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export const SessionIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const CreateInvitation = z
  .strictObject({
    name: z.string({ error: "Nama wajib diisi." }).trim().min(2, { error: "Nama minimal 2 karakter." }).max(120),
    email: Email.optional(),
    phone: PhoneInput.optional(),
    role: TenantRole,
    position: z.string().trim().min(2).max(40).optional(),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, { error: "Isi email atau nomor HP penerima undangan.", path: ["email"] });

export const Invitation = z.object({
  id: Uuid,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: TenantRole,
  position: z.string().nullable(),
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: z.string(),
  createdAt: z.string(),
});

export const InvitationPreview = z.object({ koperasiName: z.string(), koperasiSlug: z.string(), name: z.string(), role: TenantRole, existingAccount: z.boolean() });

/** A new person sets a password; a person who already has a login signs in first and sends only the token. */
export const AcceptInvitation = z.strictObject({
  token: z.string().min(20).max(200),
  password: NewPassword.optional(),
});

export const KoperasiUser = z.object({
  id: Uuid,
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(TenantRole),
  positions: z.array(z.string()),
  status: z.enum(["active", "disabled"]),
  twoFactorEnabled: z.boolean(),
  /** What her current terms of office give today; apart from `roles`/`positions`, which are the stored ones an admin edits. */
  termGrants: z.object({ roles: z.array(TenantRole), positions: z.array(z.string()) }),
});
export const UpdateKoperasiUser = z.strictObject({
  roles: z.array(TenantRole).min(1, { error: "Pilih minimal satu peran." }).optional(),
  positions: z.array(z.string().trim().min(2).max(40)).max(5).optional(),
  status: z.enum(["active", "disabled"]).optional(),
});

