import type { FastifyRequest } from "fastify";
import type { ResolvedMemberCard } from "@koperasi/contracts";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import type { AppContext } from "../context";
import { AppError } from "../errors/app-error";
import type { TenantAccess } from "../http/session";
import { verifyCardCode, type CardCodeFailure } from "./card-code";
import { cardSecret, selectCardMember } from "./member-cards";
import { normaliseCardSerial } from "./serial";
import { memberPhotoUrl } from "./photo";

// The counter's scanner: a QR from the app (rotating), from a printed card,
// or a serial typed in from the card, to the member it names. Every answer,
// refused or not, is written to the audit log — who scanned which member
// when, and what was refused and why — without the code itself.

export type ResolveRefusal = "card_invalid" | "card_expired" | "card_revoked" | "card_other_koperasi";

const REFUSALS: Readonly<Record<ResolveRefusal, { id: string; en: string }>> = {
  card_invalid: { id: "Kode kartu tidak sah atau tidak dikenal.", en: "The card code is invalid or unknown." },
  card_expired: {
    id: "Kode QR di aplikasi sudah kedaluwarsa. Minta anggota membuka ulang kartunya di aplikasi.",
    en: "The app's QR code has expired. Ask the member to open the card again.",
  },
  card_revoked: {
    id: "Kartu ini sudah dicabut (hilang atau diganti). Minta anggota memakai kartu penggantinya.",
    en: "This card has been revoked (lost or replaced). Ask the member for the replacement card.",
  },
  card_other_koperasi: { id: "Kartu ini milik koperasi lain.", en: "This card belongs to another cooperative." },
};

const FAILURE_REFUSAL: Readonly<Record<CardCodeFailure, ResolveRefusal>> = {
  malformed: "card_invalid",
  forged: "card_invalid",
  expired: "card_expired",
  other_koperasi: "card_other_koperasi",
};

type Found =
  | { ok: true; via: ResolvedMemberCard["via"]; memberId: string; cardSerial: string | null }
  | { ok: false; refusal: ResolveRefusal; reason: string; via?: ResolvedMemberCard["via"]; memberId?: string; cardSerial?: string };

async function find(ctx: AppContext, access: TenantAccess, text: string): Promise<Found> {
  const { koperasiId } = access;
  const serial = normaliseCardSerial(text);
  const checked = serial ? undefined : verifyCardCode(cardSecret(ctx), text, koperasiId, ctx.now());
  if (checked && !checked.ok) return { ok: false, refusal: FAILURE_REFUSAL[checked.failure], reason: checked.failure };
  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    if (checked?.ok && checked.code.kind === "rotating") {
      const member = await trx.selectFrom("member").select("id").where("koperasi_id", "=", koperasiId).where("id", "=", checked.code.memberId).executeTakeFirst();
      return member ? { ok: true, via: "rotating", memberId: member.id, cardSerial: null } : { ok: false, refusal: "card_invalid", reason: "unknown_member" };
    }
    let query = trx.selectFrom("member_card").select(["member_id", "serial", "revoked_at"]).where("koperasi_id", "=", koperasiId);
    query = checked?.ok && checked.code.kind === "card" ? query.where("id", "=", checked.code.cardId) : query.where("serial", "=", serial ?? "");
    const via = serial ? "serial" : "card";
    const card = await query.executeTakeFirst();
    if (!card) return { ok: false, refusal: "card_invalid", reason: "unknown_card", via };
    if (card.revoked_at) return { ok: false, refusal: "card_revoked", reason: "revoked", via, memberId: card.member_id, cardSerial: card.serial };
    return { ok: true, via, memberId: card.member_id, cardSerial: card.serial };
  });
}

export async function resolveMemberCard(ctx: AppContext, access: TenantAccess, code: string, request: FastifyRequest): Promise<ResolvedMemberCard> {
  const { koperasiId } = access;
  const found = await find(ctx, access, code.trim());
  if (!found.ok) {
    await ctx.database.tenant({ koperasiId, userId: access.user.id }, (trx) =>
      writeAudit(
        trx,
        {
          ...auditActor(access),
          action: "member_card.resolve_refused",
          ...(found.memberId ? { targetType: "member", targetId: found.memberId } : {}),
          details: { refusal: found.refusal, reason: found.reason, ...(found.via ? { via: found.via } : {}), ...(found.cardSerial ? { serial: found.cardSerial } : {}) },
        },
        request,
      ),
    );
    const message = REFUSALS[found.refusal];
    throw new AppError(422, found.refusal, message.id, message.en);
  }
  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    const member = await selectCardMember(trx, koperasiId).where("id", "=", found.memberId).executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      {
        ...auditActor(access),
        action: "member_card.resolve",
        targetType: "member",
        targetId: member.id,
        details: { via: found.via, memberNumber: member.member_number, ...(found.cardSerial ? { serial: found.cardSerial } : {}) },
      },
      request,
    );
    return {
      via: found.via,
      member: {
        id: member.id,
        memberNumber: member.member_number,
        fullName: member.full_name,
        status: member.status,
        photoUrl: await memberPhotoUrl(trx, koperasiId, member.id),
      },
      cardSerial: found.cardSerial,
    };
  });
}
