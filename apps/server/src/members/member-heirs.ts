import type { Transaction } from "kysely";
import type { z } from "zod";
import type { CreateMemberHeir, MemberHeir, UpdateMemberHeir } from "@koperasi/contracts";
import type { DB, MemberHeirTable } from "@koperasi/db";
import { HEIR_SHARES_WHOLE_BP, maskPhone, normalizePhone } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { notFound } from "../errors/app-error";
import { memberError } from "./errors";
import type { MemberKeyring } from "./member-keys";
import { openOptional, seal } from "./member-pii";

// A member's heirs (ahli waris). An heir's phone is personal data too: it is
// sealed like the member's own, without a blind index (nobody looks a member
// up by an heir's phone). Shares, when given, never add up past 100%.

type HeirDto = z.infer<typeof MemberHeir>;
type HeirRow = Pick<MemberHeirTable, "id" | "full_name" | "relationship" | "phone_sealed" | "share_bp">;

const HEIR_COLUMNS = ["id", "full_name", "relationship", "phone_sealed", "share_bp"] as const;

function toHeir(keyring: MemberKeyring, koperasiId: string, row: HeirRow, identityVisible: boolean): HeirDto {
  const phone = openOptional(keyring, { koperasiId, rowId: row.id, field: "heir_phone" }, row.phone_sealed);
  return {
    id: row.id,
    fullName: row.full_name,
    relationship: row.relationship,
    phone: identityVisible ? phone : null,
    phoneMasked: phone === null ? null : maskPhone(phone),
    shareBp: row.share_bp,
  };
}

function normalisedPhone(phone: string | null | undefined): string | null | undefined {
  if (phone === undefined || phone === null) return phone;
  try {
    return normalizePhone(phone);
  } catch {
    throw memberError("heir_phone_invalid", { field: "body.phone" });
  }
}

async function lockMember(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<void> {
  // Serialises heir changes of one member, so two shares cannot both fit in what is left.
  const member = await trx.selectFrom("member").select("id").where("koperasi_id", "=", koperasiId).where("id", "=", memberId).forUpdate().executeTakeFirst();
  if (!member) throw notFound("Anggota", "Member");
}

async function assertSharesFit(trx: Transaction<DB>, koperasiId: string, memberId: string, exceptHeirId: string | null, share: number | null): Promise<void> {
  if (share === null) return;
  let query = trx
    .selectFrom("member_heir")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>("share_bp"), eb.val(0)).as("total"))
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId);
  if (exceptHeirId) query = query.where("id", "<>", exceptHeirId);
  const { total } = await query.executeTakeFirstOrThrow();
  if (Number(total) + share > HEIR_SHARES_WHOLE_BP) {
    const left = HEIR_SHARES_WHOLE_BP - Number(total);
    throw memberError("heir_shares_exceed", { field: "body.shareBp", vars: { left: left / 100 } });
  }
}

export async function listHeirs(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, memberId: string, identityVisible: boolean): Promise<HeirDto[]> {
  const rows = await trx
    .selectFrom("member_heir")
    .select(HEIR_COLUMNS)
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .orderBy("id")
    .execute();
  return rows.map((row) => toHeir(keyring, koperasiId, row, identityVisible));
}

/** Adds an heir to a member, audited as member.heir_add (without her phone). */
export async function addHeir(cmd: CommandContext, keyring: MemberKeyring, memberId: string, body: z.infer<typeof CreateMemberHeir>): Promise<HeirDto> {
  const { trx, koperasiId } = cmd;
  await lockMember(trx, koperasiId, memberId);
  const phone = normalisedPhone(body.phone) ?? null;
  await assertSharesFit(trx, koperasiId, memberId, null, body.shareBp ?? null);
  const id = cmd.newId();
  const row = await trx
    .insertInto("member_heir")
    .values({
      koperasi_id: koperasiId,
      id,
      member_id: memberId,
      full_name: body.fullName.normalize("NFC").replace(/\s+/g, " "),
      relationship: body.relationship,
      phone_sealed: phone === null ? null : seal(keyring, { koperasiId, rowId: id, field: "heir_phone" }, phone),
      pii_key_id: phone === null ? null : keyring.current.id,
      share_bp: body.shareBp ?? null,
    })
    .returning(HEIR_COLUMNS)
    .executeTakeFirstOrThrow();
  await cmd.audit({ action: "member.heir_add", targetType: "member", targetId: memberId, details: { heirId: id, relationship: row.relationship, shareBp: row.share_bp } });
  return toHeir(keyring, koperasiId, row, true);
}

/** Changes an heir, audited as member.heir_update with the fields sent. */
export async function updateHeir(cmd: CommandContext, keyring: MemberKeyring, memberId: string, heirId: string, patch: z.infer<typeof UpdateMemberHeir>): Promise<HeirDto> {
  const { trx, koperasiId } = cmd;
  await lockMember(trx, koperasiId, memberId);
  const existing = await trx
    .selectFrom("member_heir")
    .select(HEIR_COLUMNS)
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("id", "=", heirId)
    .executeTakeFirst();
  if (!existing) throw notFound("Ahli waris", "Heir");
  const share = patch.shareBp === undefined ? existing.share_bp : patch.shareBp;
  await assertSharesFit(trx, koperasiId, memberId, heirId, share);
  const phone = normalisedPhone(patch.phone);
  const current = openOptional(keyring, { koperasiId, rowId: heirId, field: "heir_phone" }, existing.phone_sealed);
  const nextPhone = phone === undefined ? current : phone;
  const row = await trx
    .updateTable("member_heir")
    .set({
      ...(patch.fullName !== undefined ? { full_name: patch.fullName.normalize("NFC").replace(/\s+/g, " ") } : {}),
      ...(patch.relationship !== undefined ? { relationship: patch.relationship } : {}),
      // Sealed afresh under the current key whatever changed: a row never keeps an old key longer than it must.
      phone_sealed: nextPhone === null ? null : seal(keyring, { koperasiId, rowId: heirId, field: "heir_phone" }, nextPhone),
      pii_key_id: nextPhone === null ? null : keyring.current.id,
      share_bp: share,
      updated_at: cmd.now,
    })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", heirId)
    .returning(HEIR_COLUMNS)
    .executeTakeFirstOrThrow();
  await cmd.audit({ action: "member.heir_update", targetType: "member", targetId: memberId, details: { heirId, changed: Object.keys(patch) } });
  return toHeir(keyring, koperasiId, row, true);
}

/** Removes an heir, audited as member.heir_remove. */
export async function removeHeir(cmd: CommandContext, memberId: string, heirId: string): Promise<void> {
  const { trx, koperasiId } = cmd;
  await lockMember(trx, koperasiId, memberId);
  const removed = await trx
    .deleteFrom("member_heir")
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("id", "=", heirId)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) throw notFound("Ahli waris", "Heir");
  await cmd.audit({ action: "member.heir_remove", targetType: "member", targetId: memberId, details: { heirId } });
}
