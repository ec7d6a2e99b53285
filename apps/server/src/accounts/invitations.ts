import type { FastifyReply, FastifyRequest } from "fastify";
import type { Selectable } from "kysely";
import type { InvitationTable } from "@koperasi/db";
import {
  formatTanggalJam,
  isDomainError,
  isStandardPosition,
  isTimeZone,
  maskPhone,
  normalizePhone,
  POSITION_LABELS,
  ROLE_LABELS,
  uuidv7,
  DEFAULT_TIME_ZONE,
  type Role,
} from "@koperasi/domain";
import type { Invitation, InvitationPreview, SessionInfo } from "@koperasi/contracts";
import type { z } from "zod";
import { writeAudit } from "../audit";
import { assertAcceptablePassword } from "../auth/password-policy";
import type { AppContext } from "../context";
import { AppError, forbidden, invalidField } from "../errors/app-error";
import { currentUser, type TenantAccess } from "../http/session";
import { authErrorCode, authHeaders, forwardAuthCookies, setActiveKoperasiCookie } from "./auth-bridge";
import { hashInvitationToken, koperasiIdOfToken, newInvitationToken } from "./invitation-token";
import { ensureMemberRecord } from "./koperasi-users";
import { phoneOnlyEmail } from "./phone-only";
import { loadSessionInfo } from "./session-info";

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

function toDto(row: InvitationRow, now: Date): InvitationDto {
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

const notFoundInvitation = () =>
  new AppError(404, "invitation_not_found", "Undangan tidak ditemukan. Periksa kembali tautannya.", "Invitation not found. Check the link.");

function refusalFor(status: InvitationStatus): AppError | null {
  switch (status) {
    case "pending":
      return null;
    case "accepted":
      return new AppError(410, "invitation_used", "Undangan ini sudah dipakai.", "This invitation has already been used.");
    case "revoked":
      return new AppError(410, "invitation_revoked", "Undangan ini sudah dibatalkan oleh koperasi.", "This invitation was withdrawn by the cooperative.");
    case "expired":
      return new AppError(
        410,
        "invitation_expired",
        "Undangan ini sudah kedaluwarsa. Minta pengurus koperasi mengirim undangan baru.",
        "This invitation has expired. Ask the cooperative for a new one.",
      );
  }
}

// ---------------------------------------------------------------------------
// Inside the cooperative (users.invite)
// ---------------------------------------------------------------------------

export async function listInvitations(ctx: AppContext, access: TenantAccess): Promise<InvitationDto[]> {
  const rows = await ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, (trx) =>
    trx.selectFrom("invitation").selectAll().orderBy("created_at", "desc").orderBy("id", "desc").execute(),
  );
  const now = ctx.now();
  return rows.map((row) => toDto(row, now));
}

/**
 * Creates an invitation and sends its link by email and/or SMS. A pending
 * invitation to the same address is replaced. Only an admin may invite an
 * admin. The message goes out after the invitation is committed; if it
 * cannot be sent the invitation is withdrawn again, so no live link exists
 * that nobody received.
 */
export async function createInvitation(ctx: AppContext, access: TenantAccess, request: FastifyRequest, input: NewInvitation): Promise<InvitationDto> {
  const { koperasiId } = access;
  if (input.role === "admin" && !access.roles.includes("admin")) throw forbidden("Hanya admin yang dapat mengundang admin.");
  const position = input.position ? normalisePosition(input.position) : null;
  if (position && input.role !== "pengurus") throw invalidField("body.position", "position_needs_pengurus", "Jabatan hanya untuk peran pengurus.");
  let phone: string | null = null;
  if (input.phone !== undefined) {
    try {
      phone = normalizePhone(input.phone);
    } catch (error) {
      if (isDomainError(error)) throw invalidField("body.phone", "phone_invalid", "Nomor HP tidak sah. Contoh: 0812 3456 7890.");
      throw error;
    }
  }
  const email = input.email ?? null;

  // Logins already holding this address: an invitation to a current member is pointless.
  const holders = await ctx.database.db
    .selectFrom("user")
    .select("id")
    .where((eb) => eb.or([...(email ? [eb("email", "=", email)] : []), ...(phone ? [eb("phoneNumber", "=", phone)] : [])]))
    .execute();

  const token = newInvitationToken(koperasiId);
  const now = ctx.now();
  const row = await ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
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
      if (member) {
        throw new AppError(409, "already_member", "Orang ini sudah menjadi pengguna koperasi. Ubah perannya di menu Pengguna.", "This person already belongs to the cooperative.");
      }
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
    const inserted = await trx
      .insertInto("invitation")
      .values({
        koperasi_id: koperasiId,
        id: uuidv7(),
        email,
        phone,
        name: input.name,
        role: input.role,
        position,
        token_hash: hashInvitationToken(token, ctx.secrets.tokenPepper),
        invited_by: access.user.id,
        expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      {
        koperasiId,
        actorUserId: access.user.id,
        actorRole: access.roles.join(","),
        action: "invitation.create",
        targetType: "invitation",
        targetId: inserted.id,
        details: {
          name: input.name,
          role: input.role,
          position,
          email,
          phone: phone ? maskPhone(phone) : null,
          ...(replaced.length > 0 ? { replaced: replaced.map((r) => r.id) } : {}),
        },
      },
      request,
    );
    return inserted;
  });

  try {
    await sendInvitation(ctx, access, row, token);
  } catch (error) {
    request.log.error({ event: "invitation_delivery_failed", invitationId: row.id, err: error }, "invitation could not be sent");
    await ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
      await trx.updateTable("invitation").set({ revoked_at: ctx.now() }).where("koperasi_id", "=", koperasiId).where("id", "=", row.id).execute();
      await writeAudit(
        trx,
        {
          koperasiId,
          actorUserId: access.user.id,
          actorRole: access.roles.join(","),
          action: "invitation.revoke",
          targetType: "invitation",
          targetId: row.id,
          details: { reason: "delivery_failed" },
        },
        request,
      );
    });
    throw new AppError(502, "delivery_failed", "Undangan gagal dikirim. Silakan coba lagi.", "The invitation could not be sent. Please try again.");
  }
  request.log.info({ event: "invitation_created", koperasiId, invitationId: row.id, role: row.role, phone: phone ? maskPhone(phone) : undefined }, "invitation sent");
  return toDto(row, ctx.now());
}

async function sendInvitation(ctx: AppContext, access: TenantAccess, row: InvitationRow, token: string): Promise<void> {
  const { koperasi } = access;
  const link = `${ctx.config.publicUrl}/undangan/${token}`;
  const timeZone = isTimeZone(koperasi.time_zone) ? koperasi.time_zone : DEFAULT_TIME_ZONE;
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
        `${access.user.name} mengundang Anda bergabung dengan ${koperasi.name} di Koperasi Pintar sebagai ${as}.`,
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

export async function revokeInvitation(ctx: AppContext, access: TenantAccess, request: FastifyRequest, invitationId: string): Promise<void> {
  const { koperasiId } = access;
  await ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    const row = await trx.selectFrom("invitation").selectAll().where("koperasi_id", "=", koperasiId).where("id", "=", invitationId).forUpdate().executeTakeFirst();
    if (!row) throw new AppError(404, "not_found", "Undangan tidak ditemukan.", "Invitation not found.");
    if (row.role === "admin" && !access.roles.includes("admin")) throw forbidden("Hanya admin yang dapat membatalkan undangan admin.");
    if (row.accepted_at) throw new AppError(409, "invitation_used", "Undangan ini sudah diterima; ubah peran pengguna di menu Pengguna.", "This invitation was already accepted.");
    if (row.revoked_at) return; // already withdrawn: nothing to do
    await trx.updateTable("invitation").set({ revoked_at: ctx.now() }).where("koperasi_id", "=", koperasiId).where("id", "=", row.id).execute();
    await writeAudit(
      trx,
      {
        koperasiId,
        actorUserId: access.user.id,
        actorRole: access.roles.join(","),
        action: "invitation.revoke",
        targetType: "invitation",
        targetId: row.id,
        details: { name: row.name, role: row.role, position: row.position },
      },
      request,
    );
  });
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
 * claim on the invitation, and is signed in with that cooperative active.
 */
export async function acceptInvitation(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { token: string; password?: string | undefined },
): Promise<SessionInfo> {
  const { row, koperasi } = await findByToken(ctx, input.token);
  const refusal = refusalFor(statusOf(row, ctx.now()));
  if (refusal) throw refusal;

  const signedIn = await currentUser(ctx, request);
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
    if (!sameEmail && !samePhone) {
      throw new AppError(
        403,
        "invitation_for_another_account",
        "Undangan ini ditujukan untuk email atau nomor HP lain. Keluar, lalu buka tautan undangan lagi.",
        "This invitation is for another email address or phone number. Sign out and open the link again.",
      );
    }
    userId = user.id;
  } else {
    if (await existingAccountFor(ctx, row)) throw signInFirst();
    if (input.password === undefined) throw invalidField("body.password", "password_required", "Buat kata sandi untuk akun baru Anda.");
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
        throw new AppError(409, "already_member", "Anda sudah menjadi pengguna koperasi ini.", "You already belong to this cooperative.");
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
        request,
      );
    });
  } catch (error) {
    // Nothing half-done: a login created for this acceptance goes with it.
    if (newLogin) await ctx.database.db.deleteFrom("user").where("id", "=", userId).execute();
    throw error;
  }

  if (newLogin) {
    const signIn = await ctx.auth.api.signInEmail({ body: newLogin, headers: authHeaders(request), returnHeaders: true });
    forwardAuthCookies(reply, signIn.headers);
  }
  setActiveKoperasiCookie(reply, koperasi.id, ctx.config.secureCookies);
  request.log.info({ event: "invitation_accepted", koperasiId: koperasi.id, invitationId: row.id, userId, newAccount: newLogin !== null }, "invitation accepted");
  return loadSessionInfo(ctx, userId, koperasi.id);
}

function signInFirst() {
  return new AppError(
    409,
    "sign_in_required",
    "Sudah ada akun dengan email atau nomor HP ini. Masuk terlebih dahulu, lalu buka tautan undangan lagi.",
    "An account with this email or phone number exists. Sign in first, then open the invitation link again.",
  );
}

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
      throw invalidField("body.password", "invalid_password", "Panjang kata sandi harus 8 sampai 128 karakter.");
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
