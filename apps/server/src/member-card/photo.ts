import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";

/** Where a member's stored file is served (members routes, `GET …/members/:id/files/:kind`). */
export function memberFileUrl(koperasiId: string, memberId: string, kind: "photo" | "ktp"): string {
  return `/api/v1/koperasi/${koperasiId}/members/${memberId}/files/${kind}`;
}

/** The member's photo link when the registry holds one — so the kasir can compare the face at the counter with the record. */
export async function memberPhotoUrl(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<string | null> {
  const photo = await trx
    .selectFrom("member_file")
    .select("kind")
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("kind", "=", "photo")
    .executeTakeFirst();
  return photo ? memberFileUrl(koperasiId, memberId, "photo") : null;
}
