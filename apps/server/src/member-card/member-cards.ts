import type { FastifyRequest } from "fastify";
import { sql, type Transaction } from "kysely";
import type { MemberCard, OwnMemberCard } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import { iconUrl } from "../branding/manifest";
import { logoUrlOf } from "../branding/profile";
import type { AppContext } from "../context";
import { notFound } from "../errors/app-error";
import { letterheadOf, qrSvg } from "../pdf";
import type { TenantAccess } from "../http/session";
import { ROTATING_CODE_SECONDS, rotatingCode } from "./card-code";
import { renderCardPdf } from "./card-pdf";
import { cardsOf, ensureCard, revokeAndReplace, toMemberCard, type MemberCardRow } from "./cards";

// The card operations as the routes call them: each in one transaction,
// each change in the audit log.

/** The app refreshes its QR this long before the code would expire. */
const REFRESH_MARGIN_SECONDS = 60;
/** A quiet zone of four modules around a QR on a screen: scanners need it against a coloured card. */
const SCREEN_QR_MARGIN = 4;

export function cardSecret(ctx: Pick<AppContext, "secrets">): string {
  // The log seal key, not the token pepper: it is the deployment secret
  // documented to stay fixed (secrets.ts), and printed cards must outlive a
  // pepper rotation.
  return ctx.secrets.logSealKey;
}

export interface CardMember {
  id: string;
  member_number: string;
  full_name: string;
  status: "calon" | "aktif" | "keluar" | "meninggal" | "diberhentikan";
  joined_on: string;
  user_id: string | null;
}

export function selectCardMember(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("member")
    .select(["id", "member_number", "full_name", "status", "user_id", sql<string>`to_char(joined_on, 'YYYY-MM-DD')`.as("joined_on")])
    .where("koperasi_id", "=", koperasiId);
}

/** The signed-in person's own member record in this cooperative. */
export async function ownMember(trx: Transaction<DB>, access: TenantAccess): Promise<CardMember> {
  const member = await selectCardMember(trx, access.koperasiId).where("user_id", "=", access.user.id).executeTakeFirst();
  if (!member) throw notFound("Data keanggotaan Anda");
  return member;
}

async function memberById(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<CardMember> {
  const member = await selectCardMember(trx, koperasiId).where("id", "=", memberId).executeTakeFirst();
  if (!member) throw notFound("Anggota");
  return member;
}

async function auditIssued(trx: Transaction<DB>, access: TenantAccess, card: MemberCardRow, request: FastifyRequest): Promise<void> {
  await writeAudit(
    trx,
    { ...auditActor(access), action: "member_card.issue", targetType: "member", targetId: card.member_id, details: { cardId: card.id, serial: card.serial } },
    request,
  );
}

/** The member's own card screen: her printed card (issued on first need) and a fresh rotating code. */
export async function ownCard(ctx: AppContext, access: TenantAccess, request: FastifyRequest): Promise<OwnMemberCard> {
  const { koperasiId, koperasi } = access;
  const now = ctx.now();
  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    const member = await ownMember(trx, access);
    const { card, issued } = await ensureCard(trx, koperasiId, member.id, access.user.id, now);
    if (issued) await auditIssued(trx, access, card, request);
    const rotating = rotatingCode(cardSecret(ctx), koperasiId, member.id, now);
    const printed = toMemberCard(card, cardSecret(ctx));
    return {
      koperasi: { id: koperasi.id, name: koperasi.name, primaryColor: koperasi.primary_color, logoUrl: logoUrlOf(koperasi), iconUrl: iconUrl(koperasi.slug, 192) },
      member: { id: member.id, memberNumber: member.member_number, fullName: member.full_name, status: member.status, joinedOn: member.joined_on },
      card: { ...printed, qrSvg: await qrSvg(printed.code ?? "", { margin: SCREEN_QR_MARGIN }) },
      rotating: {
        code: rotating.code,
        qrSvg: await qrSvg(rotating.code, { margin: SCREEN_QR_MARGIN }),
        expiresAt: rotating.expiresAt.toISOString(),
        refreshAfterSeconds: ROTATING_CODE_SECONDS - REFRESH_MARGIN_SECONDS,
      },
    };
  });
}

/** A member's card in use, issued now when she has none (staff printing it). */
export async function issueCard(ctx: AppContext, access: TenantAccess, memberId: string, request: FastifyRequest): Promise<{ card: MemberCard; issued: boolean; member: CardMember }> {
  const { koperasiId } = access;
  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    const member = await memberById(trx, koperasiId, memberId);
    const { card, issued } = await ensureCard(trx, koperasiId, member.id, access.user.id, ctx.now());
    if (issued) await auditIssued(trx, access, card, request);
    return { card: toMemberCard(card, cardSecret(ctx)), issued, member };
  });
}

export async function listCards(ctx: AppContext, access: TenantAccess, memberId: string): Promise<{ items: MemberCard[] }> {
  const { koperasiId } = access;
  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    const member = await memberById(trx, koperasiId, memberId);
    return { items: (await cardsOf(trx, koperasiId, member.id)).map((row) => toMemberCard(row, cardSecret(ctx))) };
  });
}

export async function revokeCard(
  ctx: AppContext,
  access: TenantAccess,
  input: { memberId: string; cardId: string; reason: string },
  request: FastifyRequest,
): Promise<{ revoked: MemberCard; replacement: MemberCard }> {
  const { koperasiId } = access;
  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    const member = await memberById(trx, koperasiId, input.memberId);
    const { revoked, replacement } = await revokeAndReplace(trx, {
      koperasiId,
      memberId: member.id,
      cardId: input.cardId,
      reason: input.reason.normalize("NFC"),
      revokedBy: access.user.id,
      now: ctx.now(),
    });
    await writeAudit(
      trx,
      {
        ...auditActor(access),
        action: "member_card.revoke",
        targetType: "member",
        targetId: member.id,
        details: { cardId: revoked.id, serial: revoked.serial, reason: revoked.revoke_reason, replacementId: replacement.id, replacementSerial: replacement.serial },
      },
      request,
    );
    return { revoked: toMemberCard(revoked, cardSecret(ctx)), replacement: toMemberCard(replacement, cardSecret(ctx)) };
  });
}

/** The printable card (PDF) of a member's card in use. */
export async function cardPdf(ctx: AppContext, access: TenantAccess, member: CardMember, card: MemberCard): Promise<Buffer> {
  const letterhead = await letterheadOf(ctx, access.koperasi);
  return renderCardPdf({
    letterhead,
    memberName: member.full_name,
    memberNumber: member.member_number,
    serial: card.serial,
    code: card.code ?? "",
    issuedAt: new Date(card.issuedAt),
  });
}

/** The signed-in member's own card as a PDF (issued on first need). */
export async function ownCardPdf(ctx: AppContext, access: TenantAccess, request: FastifyRequest): Promise<{ pdf: Buffer; memberNumber: string }> {
  const { koperasiId } = access;
  const { member, card } = await ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    const member = await ownMember(trx, access);
    const { card, issued } = await ensureCard(trx, koperasiId, member.id, access.user.id, ctx.now());
    if (issued) await auditIssued(trx, access, card, request);
    return { member, card: toMemberCard(card, cardSecret(ctx)) };
  });
  return { pdf: await cardPdf(ctx, access, member, card), memberNumber: member.member_number };
}
