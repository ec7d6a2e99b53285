import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";

/**
 * Where the member's photo is served, when she has one — so the kasir can
 * compare the face at the counter with the record. Null until the member
 * registry stores photos.
 */
export async function memberPhotoUrl(_trx: Transaction<DB>, _koperasiId: string, _memberId: string): Promise<string | null> {
  return null;
}
