import { sql, type Transaction } from "kysely";
import type { MemberCard, OwnMemberCard } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { iconUrl } from "../branding/manifest";
import { logoUrlOf } from "../branding/profile";
import type { CommandContext, Koperasi } from "../command/command-context";
import type { AppContext } from "../context";
import { notFound } from "../errors/app-error";
import { letterheadOf, qrSvg } from "../pdf";
import { ROTATING_CODE_SECONDS, rotatingCode } from "./card-code";
import { renderCardPdf } from "./card-pdf";
import { cardsOf, ensureCard, revokeAndReplace, toMemberCard, type MemberCardRow } from "./cards";

// The card operations as the routes call them, inside the command's
// transaction, each change in the audit log.

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
export async function ownMember(trx: Transaction<DB>, koperasiId: string, userId: string): Promise<CardMember> {
  const member = await selectCardMember(trx, koperasiId).where("user_id", "=", userId).executeTakeFirst();
  if (!member) throw notFound("Data keanggotaan Anda", "Your membership record");
  return member;
}

async function memberById(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<CardMember> {
  const member = await selectCardMember(trx, koperasiId).where("id", "=", memberId).executeTakeFirst();
  if (!member) throw notFound("Anggota", "Member");
  return member;
}

/** A card issued on first need is audited as member_card.issue. */
async function auditIssued(cmd: CommandContext, card: MemberCardRow): Promise<void> {
  await cmd.audit({ action: "member_card.issue", targetType: "member", targetId: card.member_id, details: { cardId: card.id, serial: card.serial } });
}

/** The signed-in member and her card in use, issued now when she has none. */
export async function ownPrintedCard(cmd: CommandContext, secret: string): Promise<{ member: CardMember; card: MemberCard }> {
  const member = await ownMember(cmd.trx, cmd.koperasiId, cmd.actor.userId);
  const { card, issued } = await ensureCard(cmd.trx, cmd.koperasiId, member.id, cmd.actor.userId, cmd.now);
  if (issued) await auditIssued(cmd, card);
  return { member, card: toMemberCard(card, secret) };
}

/** The member's own card screen: her printed card (issued on first need) and a fresh rotating code. */
export async function ownCard(cmd: CommandContext, secret: string): Promise<OwnMemberCard> {
  const { koperasi } = cmd;
  const { member, card: printed } = await ownPrintedCard(cmd, secret);
  const rotating = rotatingCode(secret, cmd.koperasiId, member.id, cmd.now);
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
}

/** A member's card in use, issued now when she has none (staff printing it). */
export async function issueCard(cmd: CommandContext, secret: string, memberId: string): Promise<{ card: MemberCard; issued: boolean; member: CardMember }> {
  const member = await memberById(cmd.trx, cmd.koperasiId, memberId);
  const { card, issued } = await ensureCard(cmd.trx, cmd.koperasiId, member.id, cmd.actor.userId, cmd.now);
  if (issued) await auditIssued(cmd, card);
  return { card: toMemberCard(card, secret), issued, member };
}

export async function listCards(trx: Transaction<DB>, koperasiId: string, secret: string, memberId: string): Promise<{ items: MemberCard[] }> {
  const member = await memberById(trx, koperasiId, memberId);
  return { items: (await cardsOf(trx, koperasiId, member.id)).map((row) => toMemberCard(row, secret)) };
}

/** Revokes a lost or damaged card and issues its replacement, audited as member_card.revoke. */
export async function revokeCard(
  cmd: CommandContext,
  secret: string,
  input: { memberId: string; cardId: string; reason: string },
): Promise<{ revoked: MemberCard; replacement: MemberCard }> {
  const member = await memberById(cmd.trx, cmd.koperasiId, input.memberId);
  const { revoked, replacement } = await revokeAndReplace(cmd.trx, {
    koperasiId: cmd.koperasiId,
    memberId: member.id,
    cardId: input.cardId,
    reason: input.reason.normalize("NFC"),
    revokedBy: cmd.actor.userId,
    now: cmd.now,
  });
  await cmd.audit({
    action: "member_card.revoke",
    targetType: "member",
    targetId: member.id,
    details: { cardId: revoked.id, serial: revoked.serial, reason: revoked.revoke_reason, replacementId: replacement.id, replacementSerial: replacement.serial },
  });
  return { revoked: toMemberCard(revoked, secret), replacement: toMemberCard(replacement, secret) };
}

/** The printable card (PDF) of a member's card in use; reads the logo, so outside any transaction. */
export async function cardPdf(ctx: AppContext, koperasi: Koperasi, member: CardMember, card: MemberCard): Promise<Buffer> {
  const letterhead = await letterheadOf(ctx, koperasi);
  return renderCardPdf({
    letterhead,
    memberName: member.full_name,
    memberNumber: member.member_number,
    serial: card.serial,
    code: card.code ?? "",
    issuedAt: new Date(card.issuedAt),
  });
}
