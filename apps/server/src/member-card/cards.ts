import type { Selectable, Transaction } from "kysely";
import type { MemberCard } from "@koperasi/contracts";
import type { DB, MemberCardTable } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";
import { notFound } from "../errors/app-error";
import { signCardCode } from "./card-code";
import { memberCardError } from "./errors";
import { newCardSerial } from "./serial";

// Printed cards: at most one in use per member (a partial unique index
// decides races), issued on first need, revoked and replaced in one
// transaction when lost.

export type MemberCardRow = Selectable<MemberCardTable>;

export function toMemberCard(row: MemberCardRow, secret: string): MemberCard {
  return {
    id: row.id,
    memberId: row.member_id,
    serial: row.serial,
    issuedAt: row.issued_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
    revokeReason: row.revoke_reason,
    replacedBy: row.replaced_by,
    code: row.revoked_at ? null : signCardCode(secret, { kind: "card", koperasiId: row.koperasi_id, cardId: row.id }),
  };
}

export function activeCard(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<MemberCardRow | undefined> {
  return trx
    .selectFrom("member_card")
    .selectAll()
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

export function cardsOf(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<MemberCardRow[]> {
  return trx
    .selectFrom("member_card")
    .selectAll()
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .orderBy("issued_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

async function insertCard(trx: Transaction<DB>, koperasiId: string, memberId: string, issuedBy: string | null, now: Date): Promise<MemberCardRow | undefined> {
  // A serial collision (1 in 2^50 per pair) just takes another draw.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const row = await trx
      .insertInto("member_card")
      .values({ koperasi_id: koperasiId, id: uuidv7(), member_id: memberId, serial: newCardSerial(), issued_by: issuedBy, issued_at: now })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) return row;
    if (await activeCard(trx, koperasiId, memberId)) return undefined;
  }
  throw new Error("could not draw a free card serial");
}

/** The member's card in use, issued now when she has none. `issued` says which. */
export async function ensureCard(
  trx: Transaction<DB>,
  koperasiId: string,
  memberId: string,
  issuedBy: string | null,
  now: Date,
): Promise<{ card: MemberCardRow; issued: boolean }> {
  const existing = await activeCard(trx, koperasiId, memberId);
  if (existing) return { card: existing, issued: false };
  const inserted = await insertCard(trx, koperasiId, memberId, issuedBy, now);
  if (inserted) return { card: inserted, issued: true };
  // Another request issued it between our read and our insert.
  const raced = await activeCard(trx, koperasiId, memberId);
  if (!raced) throw new Error(`member ${memberId} has no card after a conflicting insert`);
  return { card: raced, issued: false };
}

/**
 * Revokes the card (lost, damaged) and issues its replacement. The card is
 * locked first, so two clicks revoke once; the second is told it already was.
 */
export async function revokeAndReplace(
  trx: Transaction<DB>,
  input: { koperasiId: string; memberId: string; cardId: string; reason: string; revokedBy: string; now: Date },
): Promise<{ revoked: MemberCardRow; replacement: MemberCardRow }> {
  const card = await trx
    .selectFrom("member_card")
    .selectAll()
    .where("koperasi_id", "=", input.koperasiId)
    .where("member_id", "=", input.memberId)
    .where("id", "=", input.cardId)
    .forUpdate()
    .executeTakeFirst();
  if (!card) throw notFound("Kartu anggota", "Member card");
  if (card.revoked_at) throw memberCardError("card_already_revoked");
  await trx
    .updateTable("member_card")
    .set({ revoked_at: input.now, revoked_by: input.revokedBy, revoke_reason: input.reason })
    .where("koperasi_id", "=", input.koperasiId)
    .where("id", "=", card.id)
    .execute();
  const replacement = await insertCard(trx, input.koperasiId, input.memberId, input.revokedBy, input.now);
  if (!replacement) throw new Error(`member ${input.memberId} still has a card in use after revoking ${card.id}`);
  const revoked = await trx
    .updateTable("member_card")
    .set({ replaced_by: replacement.id })
    .where("koperasi_id", "=", input.koperasiId)
    .where("id", "=", card.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { revoked, replacement };
}
