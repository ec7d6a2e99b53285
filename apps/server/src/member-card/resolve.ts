import type { ResolvedMemberCard } from "@koperasi/contracts";
import type { CommandContext } from "../command/command-context";
import type { AppError } from "../errors/app-error";
import { verifyCardCode, type CardCodeFailure } from "./card-code";
import { memberCardError } from "./errors";
import { selectCardMember } from "./member-cards";
import { normaliseCardSerial } from "./serial";
import { memberPhotoUrl } from "./photo";

// The counter's scanner: a QR from the app (rotating), from a printed card,
// or a serial typed in from the card, to the member it names. Every answer,
// refused or not, is written to the audit log — who scanned which member
// when, and what was refused and why — without the code itself.

export type ResolveRefusal = "card_invalid" | "card_expired" | "card_revoked" | "card_other_koperasi";

const FAILURE_REFUSAL: Readonly<Record<CardCodeFailure, ResolveRefusal>> = {
  malformed: "card_invalid",
  forged: "card_invalid",
  expired: "card_expired",
  other_koperasi: "card_other_koperasi",
};

type Found =
  | { ok: true; via: ResolvedMemberCard["via"]; memberId: string; cardSerial: string | null }
  | { ok: false; refusal: ResolveRefusal; reason: string; via?: ResolvedMemberCard["via"]; memberId?: string; cardSerial?: string };

async function find(cmd: CommandContext, secret: string, text: string): Promise<Found> {
  const { trx, koperasiId } = cmd;
  const serial = normaliseCardSerial(text);
  const checked = serial ? undefined : verifyCardCode(secret, text, koperasiId, cmd.now);
  if (checked && !checked.ok) return { ok: false, refusal: FAILURE_REFUSAL[checked.failure], reason: checked.failure };
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
}

/**
 * The member a scanned or typed code names, audited as member_card.resolve;
 * a refusal is audited too (member_card.resolve_refused) and RETURNED, not
 * thrown, so that its audit entry commits with the command: the caller
 * throws it afterwards.
 */
export async function resolveMemberCard(cmd: CommandContext, secret: string, code: string): Promise<{ resolved: ResolvedMemberCard } | { refused: AppError }> {
  const { trx, koperasiId } = cmd;
  const found = await find(cmd, secret, code.trim());
  if (!found.ok) {
    await cmd.audit({
      action: "member_card.resolve_refused",
      ...(found.memberId ? { targetType: "member", targetId: found.memberId } : {}),
      details: { refusal: found.refusal, reason: found.reason, ...(found.via ? { via: found.via } : {}), ...(found.cardSerial ? { serial: found.cardSerial } : {}) },
    });
    return { refused: memberCardError(found.refusal) };
  }
  const member = await selectCardMember(trx, koperasiId).where("id", "=", found.memberId).executeTakeFirstOrThrow();
  await cmd.audit({
    action: "member_card.resolve",
    targetType: "member",
    targetId: member.id,
    details: { via: found.via, memberNumber: member.member_number, ...(found.cardSerial ? { serial: found.cardSerial } : {}) },
  });
  return {
    resolved: {
      via: found.via,
      member: {
        id: member.id,
        memberNumber: member.member_number,
        fullName: member.full_name,
        status: member.status,
        photoUrl: await memberPhotoUrl(trx, koperasiId, member.id),
      },
      cardSerial: found.cardSerial,
    },
  };
}
