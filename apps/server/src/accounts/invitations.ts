import type { Selectable, Transaction } from "kysely";
import type { DB, InvitationTable, KoperasiTable } from "@koperasi/db";
import {
  formatTanggalJam,
  isDomainError,
  isStandardPosition,
  maskPhone,
  normalizePhone,
  POSITION_LABELS,
  ROLE_LABELS,
  uuidv7,
  type Role,
  timeZoneOr,
} from "@koperasi/domain";
import type { Invitation, InvitationPreview } from "@koperasi/contracts";
import type { z } from "zod";
import { writeAudit, type AuditOrigin } from "../audit";
import { assertAcceptablePassword } from "../auth/password-policy";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { invalidField, type AppError } from "../errors/app-error";
import { authErrorCode } from "./auth-bridge";
import { hashInvitationToken, koperasiIdOfToken, newInvitationToken } from "./invitation-token";
import { ensureMemberRecord } from "./koperasi-users";
import { phoneOnlyEmail } from "./phone-only";
import { userError } from "./user-errors";

type InvitationDto = z.infer<typeof Invitation>;
type InvitationRow = Selectable<InvitationTable>;
type InvitationStatus = InvitationDto["status"];

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface NewInvitation {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  role: Role;
  position?: string | undefined;
}

function statusOf(row: Pick<InvitationRow, "accepted_at" | "revoked_at" | "expires_at">, now: Date): InvitationStatus {
  if (row.accepted_at) return "accepted";
  if (row.revoked_at) return "revoked";
  if (new Date(row.expires_at).getTime() <= now.getTime()) return "expired";
  return "pending";
}

export function invitationDto(row: InvitationRow, now: Date): InvitationDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    role: row.role as InvitationDto["role"],
    position: row.position,
    status: statusOf(row, now),
    expiresAt: new Date(row.expires_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** "bendahara", "Bendahara II" → "bendahara", "bendahara_ii": the form the permission matrix matches. */
function normalisePosition(position: string): string {
  return position.trim().toLowerCase().replace(/\s+/g, "_");
}

function roleText(role: string, position: string | null): string {
  const label = ROLE_LABELS[role as Role]?.id ?? role;
  if (!position) return label;
  const positionLabel = isStandardPosition(position) ? POSITION_LABELS[position].id : position.replace(/_/g, " ");
  return `${label} (${positionLabel})`;
}

const notFoundInvitation = () => userError("invitation_not_found");

function refusalFor(status: InvitationStatus): AppError | null {
  switch (status) {
    case "pending":
      return null;
    case "accepted":
      return userError("invitation_used");
    case "revoked":
      return userError("invitation_revoked");
    case "expired":
      return userError("invitation_expired");
  }
}

// ---------------------------------------------------------------------------
// Inside the cooperative (users.invite)
// ---------------------------------------------------------------------------

export async function listInvitations(trx: Transaction<DB>, koperasiId: string, now: Date): Promise<InvitationDto[]> {
  const rows = await trx.selectFrom("invitation").selectAll().where("koperasi_id", "=", koperasiId).orderBy("created_at", "desc").orderBy("id", "desc").execute();
  return rows.map((row) => invitationDto(row, now));
}

/**
 * Creates an invitation in the command's transaction, audited, and returns
 * it with the link's token. A pending invitation to the same address is
 * replaced. Only an admin may invite an admin. The link is sent after the
 * commit (`sendInvitation`); if it cannot be sent the invitation is withdrawn
 * again (`withdrawUndelivered`), so no live link exists that nobody received.
 */
export async function createInvitation(cmd: CommandContext, input: NewInvitation, tokenPepper: string): Promise<{ row: InvitationRow; token: string }> {
  const { trx, koperasiId } = cmd;
  if (input.role === "admin" && !cmd.actor.roles.includes("admin")) throw userError("invite_admin_forbidden");
  const position = input.position ? normalisePosition(input.position) : null;
  if (position && input.role !== "pengurus") {
    throw invalidField("body.position", "position_needs_pengurus", "Jabatan hanya untuk peran pengurus.", "Only a pengurus holds a position.");
  }
  let phone: string | null = null;
  if (input.phone !== undefined) {
    try {
      phone = normalizePhone(input.phone);
    } catch (error) {
      if (isDomainError(error)) throw invalidField("body.phone", "phone_invalid", "Nomor HP tidak sah. Contoh: 0812 3456 7890.", "Invalid phone number. Example: 0812 3456 7890.");
      throw error;
    }
  }
  const email = input.email ?? null;

  // Logins already holding this address: an invitation to a current member is pointless.
  const holders = await trx
    .selectFrom("user")
    .select("id")
    .where((eb) => eb.or([...(email ? [eb("email", "=", email)] : []), ...(phone ? [eb("phoneNumber", "=", phone)] : [])]))
    .execute();

  const token = newInvitationToken(koperasiId);
  const now = cmd.now;
  if (holders.length > 0) {
    const member = await trx
      .selectFrom("koperasi_user")
      .select("id")
      .where("koperasi_id", "=", koperasiId)
      .where(
        "user_id",
        "in",
        holders.map((h) => h.id),
      )
      .where("status", "=", "active")
      .executeTakeFirst();
    if (member) throw userError("already_member");
  }
  const replaced = await trx
    .updateTable("invitation")
    .set({ revoked_at: now })
    .where("koperasi_id", "=", koperasiId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .where((eb) => eb.or([...(email ? [eb("email", "=", email)] : []), ...(phone ? [eb("phone", "=", phone)] : [])]))
    .returning("id")
    .execute();
  const row = await trx
    .insertInto("invitation")
    .values({
      koperasi_id: koperasiId,
      id: cmd.newId(),
      email,
      phone,
      name: input.name,
      role: input.role,
      position,
      token_hash: hashInvitationToken(token, tokenPepper),
      invited_by: cmd.actor.userId,
      expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await cmd.audit({
    action: "invitation.create",
    targetType: "invitation",
    targetId: row.id,
    details: {
      name: input.name,
      role: input.role,
      position,
      email,
      phone: phone ? maskPhone(phone) : null,
      ...(replaced.length > 0 ? { replaced: replaced.map((r) => r.id) } : {}),
    },
  });
  return { row, token };
}

/** An invitation whose link could not be sent is withdrawn again, audited. */
export async function withdrawUndelivered(cmd: CommandContext, invitationId: string): Promise<void> {
  await cmd.trx.updateTable("invitation").set({ revoked_at: cmd.now }).where("koperasi_id", "=", cmd.koperasiId).where("id", "=", invitationId).execute();
  await cmd.audit({ action: "invitation.revoke", targetType: "invitation", targetId: invitationId, details: { reason: "delivery_failed" } });
}

/** Sends the invitation's link by email and/or SMS, in the name of the person who invited. */
export async function sendInvitation(
  ctx: AppContext,
  koperasi: Pick<Selectable<KoperasiTable>, "id" | "name" | "time_zone">,
  inviterName: string,
  row: InvitationRow,
  token: string,
): Promise<void> {
  const link = `${ctx.config.publicUrl}/undangan/${token}`;
  const timeZone = timeZoneOr(koperasi.time_zone);
  const until = formatTanggalJam(new Date(row.expires_at), timeZone);
  const as = roleText(row.role, row.position);
  if (row.email) {
    await ctx.messenger.sendEmail({
      to: row.email,
      koperasiId: koperasi.id,
      subject: `Undangan bergabung dengan ${koperasi.name}`,
      text: [
        `Halo ${row.name},`,
        "",
        `${inviterName} mengundang Anda bergabung dengan ${koperasi.name} di Koperasi Pintar sebagai ${as}.`,
        "",
        "Buka tautan ini untuk menerima undangan:",
        link,
        "",
        `Tautan berlaku sampai ${until} dan hanya dapat dipakai sekali. Abaikan pesan ini bila Anda tidak mengenal koperasi ini.`,
      ].join("\n"),
    });
  }
  if (row.phone) {
    await ctx.messenger.sendSms({
      to: row.phone,
      koperasiId: koperasi.id,
      text: `${koperasi.name} mengundang Anda sebagai ${as} di Koperasi Pintar. Terima undangan: ${link} (berlaku 7 hari)`,
    });
  }
}

/** Withdraws a pending invitation, audited; one already withdrawn is left as it is. */
export async function revokeInvitation(cmd: CommandContext, invitationId: string): Promise<void> {
  const { trx, koperasiId } = cmd;
  const row = await trx.selectFrom("invitation").selectAll().where("koperasi_id", "=", koperasiId).where("id", "=", invitationId).forUpdate().executeTakeFirst();
  if (!row) throw userError("invitation_missing");
  if (row.role === "admin" && !cmd.actor.roles.includes("admin")) throw userError("revoke_admin_forbidden");
  if (row.accepted_at) throw userError("invitation_accepted");
  if (row.revoked_at) return; // already withdrawn: nothing to do
  await trx.updateTable("invitation").set({ revoked_at: cmd.now }).where("koperasi_id", "=", koperasiId).where("id", "=", row.id).execute();
  await cmd.audit({ action: "invitation.revoke", targetType: "invitation", targetId: row.id, details: { name: row.name, role: row.role, position: row.position } });
}

// ---------------------------------------------------------------------------
// The invited person (holder of the link)
// ---------------------------------------------------------------------------

interface FoundInvitation {
  row: InvitationRow;
  koperasi: { id: string; slug: string; name: string; member_number_prefix: string; time_zone: string };
}

async function findByToken(ctx: AppContext, token: string): Promise<FoundInvitation> {
  const koperasiId = koperasiIdOfToken(token);
  if (!koperasiId) throw notFoundInvitation();
  const koperasi = await ctx.database.db
    .selectFrom("koperasi")
    .select(["id", "slug", "name", "member_number_prefix", "time_zone"])
    .where("id", "=", koperasiId)
    .executeTakeFirst();
  if (!koperasi) throw notFoundInvitation();
  const row = await ctx.database.tenant({ koperasiId }, (trx) =>
    trx.selectFrom("invitation").selectAll().where("token_hash", "=", hashInvitationToken(token, ctx.secrets.tokenPepper)).executeTakeFirst(),
  );
  if (!row) throw notFoundInvitation();
  return { row, koperasi };
}

/** Logins that already hold the invited email address or phone number. */
async function existingAccountFor(ctx: AppContext, row: InvitationRow): Promise<{ id: string } | undefined> {
  if (!row.email && !row.phone) return undefined;
  return ctx.database.db
    .selectFrom("user")
    .select("id")
    .where((eb) => eb.or([...(row.email ? [eb("email", "=", row.email)] : []), ...(row.phone ? [eb("phoneNumber", "=", row.phone)] : [])]))
    .executeTakeFirst();
}

export async function previewInvitation(ctx: AppContext, token: string): Promise<z.infer<typeof InvitationPreview>> {
  const { row, koperasi } = await findByToken(ctx, token);
  const refusal = refusalFor(statusOf(row, ctx.now()));
  if (refusal) throw refusal;
  return {
    koperasiName: koperasi.name,
    koperasiSlug: koperasi.slug,
    name: row.name,
    role: row.role as InvitationDto["role"],
    existingAccount: (await existingAccountFor(ctx, row)) !== undefined,
  };
}

/**
 * Accepts an invitation. A person without a login creates one with a
 * password (her email counts as verified, or her phone for a phone
 * invitation: the link reached it); a person with a login must be signed in
 * as the invited address. Either way she gets the role (and, as anggota, a
 * member record with the next member number) in one transaction with the
 * claim on the invitation. The caller then signs her in (a new login, with
 * the password she chose) with that cooperative active.
 */
export async function acceptInvitation(
  ctx: AppContext,
  input: { token: string; password?: string | undefined },
  who: { signedIn: { id: string } | null; origin: AuditOrigin },
): Promise<{ userId: string; koperasiId: string; invitationId: string; newLogin: { email: string; password: string } | null }> {
  const { row, koperasi } = await findByToken(ctx, input.token);
  const refusal = refusalFor(statusOf(row, ctx.now()));
  if (refusal) throw refusal;

  const { signedIn } = who;
  let userId: string;
  let newLogin: { email: string; password: string } | null = null;
  if (signedIn) {
    const user = await ctx.database.db
      .selectFrom("user")
      .select(["id", "email", "emailVerified", "phoneNumber", "phoneNumberVerified"])
      .where("id", "=", signedIn.id)
      .executeTakeFirstOrThrow();
    const sameEmail = row.email !== null && user.emailVerified && user.email.toLowerCase() === row.email;
    const samePhone = row.phone !== null && user.phoneNumberVerified === true && user.phoneNumber === row.phone;
    if (!sameEmail && !samePhone) throw userError("invitation_for_another_account");
    userId = user.id;
  } else {
    if (await existingAccountFor(ctx, row)) throw signInFirst();
    if (input.password === undefined) throw invalidField("body.password", "password_required", "Buat kata sandi untuk akun baru Anda.", "Choose a password for your new account.");
    assertAcceptablePassword(input.password, { email: row.email, name: row.name, phone: row.phone });
    newLogin = { email: row.email ?? phoneOnlyEmail(), password: input.password };
    userId = await createLogin(ctx, row, newLogin);
  }

  try {
    await ctx.database.tenant({ koperasiId: koperasi.id, userId }, async (trx) => {
      const now = ctx.now();
      const claimed = await trx
        .updateTable("invitation")
        .set({ accepted_at: now, accepted_by: userId })
        .where("koperasi_id", "=", koperasi.id)
        .where("id", "=", row.id)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", now)
        .returning("id")
        .executeTakeFirst();
      if (!claimed) {
        const latest = await trx.selectFrom("invitation").selectAll().where("koperasi_id", "=", koperasi.id).where("id", "=", row.id).executeTakeFirstOrThrow();
        throw refusalFor(statusOf(latest, now)) ?? notFoundInvitation();
      }
      const roles: Role[] = [row.role as Role];
      const positions = row.position ? [row.position] : [];
      const existing = await trx
        .selectFrom("koperasi_user")
        .select(["id", "status"])
        .where("koperasi_id", "=", koperasi.id)
        .where("user_id", "=", userId)
        .forUpdate()
        .executeTakeFirst();
      let koperasiUserId: string;
      if (existing?.status === "active") {
        throw userError("already_member_self");
      } else if (existing) {
        // A person who left and is invited back returns with the new role.
        await trx.updateTable("koperasi_user").set({ roles, positions, status: "active" }).where("koperasi_id", "=", koperasi.id).where("id", "=", existing.id).execute();
        koperasiUserId = existing.id;
      } else {
        koperasiUserId = uuidv7();
        await trx.insertInto("koperasi_user").values({ koperasi_id: koperasi.id, id: koperasiUserId, user_id: userId, roles, positions }).execute();
      }
      const member = row.role === "anggota" ? await ensureMemberRecord(ctx, trx, koperasi, userId, row.name) : null;
      await writeAudit(
        trx,
        {
          koperasiId: koperasi.id,
          actorUserId: userId,
          actorRole: row.role,
          action: "invitation.accept",
          targetType: "invitation",
          targetId: row.id,
          details: {
            koperasiUserId,
            role: row.role,
            position: row.position,
            newAccount: newLogin !== null,
            ...(member ? { memberId: member.id, memberNumber: member.memberNumber } : {}),
          },
        },
        who.origin,
      );
    });
  } catch (error) {
    // Nothing half-done: a login created for this acceptance goes with it.
    if (newLogin) await ctx.database.db.deleteFrom("user").where("id", "=", userId).execute();
    throw error;
  }

  return { userId, koperasiId: koperasi.id, invitationId: row.id, newLogin };
}

const signInFirst = () => userError("sign_in_required");

/** A new login for the invited person, with the invited address marked verified. */
async function createLogin(ctx: AppContext, row: InvitationRow, login: { email: string; password: string }): Promise<string> {
  let userId: string;
  try {
    const result = await ctx.auth.api.signUpEmail({ body: { name: row.name, email: login.email, password: login.password } });
    userId = result.user.id;
  } catch (error) {
    const code = authErrorCode(error);
    if (code === "USER_ALREADY_EXISTS" || code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL") throw signInFirst();
    if (code === "PASSWORD_TOO_SHORT" || code === "PASSWORD_TOO_LONG") {
      throw invalidField("body.password", "invalid_password", "Panjang kata sandi harus 8 sampai 128 karakter.", "A password is 8 to 128 characters long.");
    }
    throw error;
  }
  try {
    await ctx.database.db
      .updateTable("user")
      .set({ emailVerified: row.email !== null, phoneNumber: row.phone, phoneNumberVerified: row.phone !== null })
      .where("id", "=", userId)
      .execute();
  } catch (error) {
    await ctx.database.db.deleteFrom("user").where("id", "=", userId).execute();
    // Another login took the phone number a moment ago.
    if ((error as { code?: string }).code === "23505") throw signInFirst();
    throw error;
  }
  return userId;
}
