import type { Transaction } from "kysely";
import type { z } from "zod";
import type { CreateMemberHeir, MemberHeir, UpdateMemberHeir } from "@koperasi/contracts";
import type { DB, MemberHeirTable } from "@koperasi/db";
import { HEIR_SHARES_WHOLE_BP, maskPhone, normalizePhone, uuidv7 } from "@koperasi/domain";
import { AppError, notFound } from "../errors/app-error";
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
    throw new AppError(400, "phone_invalid", "Nomor telepon ahli waris tidak sah.", "The heir's phone number is not valid.", [
      { path: "body.phone", code: "phone_invalid", message: "Nomor telepon tidak sah. Contoh: 0812-3456-7890." },
    ]);
  }
}

async function lockMember(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<void> {
  // Serialises heir changes of one member, so two shares cannot both fit in what is left.
  const member = await trx.selectFrom("member").select("id").where("koperasi_id", "=", koperasiId).where("id", "=", memberId).forUpdate().executeTakeFirst();
  if (!member) throw notFound("Anggota");
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
    throw new AppError(400, "heir_shares_exceed", "Jumlah bagian ahli waris melebihi 100%.", "The heirs' shares add up to more than 100%.", [
      { path: "body.shareBp", code: "heir_shares_exceed", message: `Sisa bagian yang dapat dibagi ${left / 100}%.` },
    ]);
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

export async function addHeir(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, memberId: string, body: z.infer<typeof CreateMemberHeir>): Promise<HeirDto> {
  await lockMember(trx, koperasiId, memberId);
  const phone = normalisedPhone(body.phone) ?? null;
  await assertSharesFit(trx, koperasiId, memberId, null, body.shareBp ?? null);
  const id = uuidv7();
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
  return toHeir(keyring, koperasiId, row, true);
}

export async function updateHeir(
  trx: Transaction<DB>,
  keyring: MemberKeyring,
  koperasiId: string,
  memberId: string,
  heirId: string,
  patch: z.infer<typeof UpdateMemberHeir>,
): Promise<HeirDto> {
  await lockMember(trx, koperasiId, memberId);
  const existing = await trx
    .selectFrom("member_heir")
    .select(HEIR_COLUMNS)
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("id", "=", heirId)
    .executeTakeFirst();
  if (!existing) throw notFound("Ahli waris");
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
      updated_at: new Date(),
    })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", heirId)
    .returning(HEIR_COLUMNS)
    .executeTakeFirstOrThrow();
  return toHeir(keyring, koperasiId, row, true);
}

export async function removeHeir(trx: Transaction<DB>, koperasiId: string, memberId: string, heirId: string): Promise<void> {
  await lockMember(trx, koperasiId, memberId);
  const removed = await trx
    .deleteFrom("member_heir")
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("id", "=", heirId)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) throw notFound("Ahli waris");
}
