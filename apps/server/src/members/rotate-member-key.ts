import type { Transaction } from "kysely";
import type { Database, DB } from "@koperasi/db";
import type { MemberKeyring } from "./member-keys";
import { open, openMemberIdentity, seal, sealMemberIdentity } from "./member-pii";

// Moves every sealed member field to the keyring's current key: opened with
// whichever key sealed it, sealed again, blind indexes recomputed. Each
// batch is its own transaction, and only rows whose pii_key_id is not the
// current key are taken, so a run that stops part-way simply continues where
// it was on the next run, and a finished run finds nothing to do. Lookups
// keep working throughout: they try the blind index under every known key.

export interface RotationReport {
  koperasi: number;
  members: number;
  heirs: number;
}

export interface RotationOptions {
  batchSize?: number;
  /** Only these cooperatives (all when left out). */
  koperasiIds?: readonly string[];
  onBatch?: (progress: { koperasiId: string; table: RotatedTable; rows: number }) => void;
}

type RotatedTable = "member" | "member_heir";

/** Re-seals one batch of rows still on an older key, in the given transaction; returns how many it moved. */
type RotateBatch = (trx: Transaction<DB>, koperasiId: string) => Promise<number>;

async function rotateInBatches(database: Database, koperasiId: string, table: RotatedTable, rotateBatch: RotateBatch, onBatch: RotationOptions["onBatch"]): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await database.tenant({ koperasiId }, (trx) => rotateBatch(trx, koperasiId));
    if (moved === 0) return total;
    total += moved;
    onBatch?.({ koperasiId, table, rows: moved });
  }
}

const memberBatch =
  (keyring: MemberKeyring, batchSize: number): RotateBatch =>
  async (trx, koperasiId) => {
    const rows = await trx
      .selectFrom("member")
      .select(["id", "nik_sealed", "phone_sealed", "mother_maiden_name_sealed"])
      .where("koperasi_id", "=", koperasiId)
      .where("pii_key_id", "is not", null)
      .where("pii_key_id", "<>", keyring.current.id)
      .orderBy("id")
      .limit(batchSize)
      .forUpdate()
      .execute();
    for (const row of rows) {
      const sealed = sealMemberIdentity(keyring, koperasiId, row.id, openMemberIdentity(keyring, koperasiId, row));
      await trx.updateTable("member").set(sealed).where("koperasi_id", "=", koperasiId).where("id", "=", row.id).execute();
    }
    return rows.length;
  };

const heirBatch =
  (keyring: MemberKeyring, batchSize: number): RotateBatch =>
  async (trx, koperasiId) => {
    const rows = await trx
      .selectFrom("member_heir")
      .select(["id", "phone_sealed"])
      .where("koperasi_id", "=", koperasiId)
      .where("pii_key_id", "is not", null)
      .where("pii_key_id", "<>", keyring.current.id)
      .orderBy("id")
      .limit(batchSize)
      .forUpdate()
      .execute();
    for (const row of rows) {
      const target = { koperasiId, rowId: row.id, field: "heir_phone" as const };
      const phone = row.phone_sealed === null ? null : open(keyring, target, row.phone_sealed);
      await trx
        .updateTable("member_heir")
        .set({ phone_sealed: phone === null ? null : seal(keyring, target, phone), pii_key_id: phone === null ? null : keyring.current.id })
        .where("koperasi_id", "=", koperasiId)
        .where("id", "=", row.id)
        .execute();
    }
    return rows.length;
  };

export async function rotateMemberKeys(database: Database, keyring: MemberKeyring, options: RotationOptions = {}): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 500;
  const koperasiIds = options.koperasiIds ?? (await database.db.selectFrom("koperasi").select("id").orderBy("id").execute()).map((k) => k.id);
  const report: RotationReport = { koperasi: 0, members: 0, heirs: 0 };
  for (const koperasiId of koperasiIds) {
    const members = await rotateInBatches(database, koperasiId, "member", memberBatch(keyring, batchSize), options.onBatch);
    const heirs = await rotateInBatches(database, koperasiId, "member_heir", heirBatch(keyring, batchSize), options.onBatch);
    if (members + heirs > 0) report.koperasi += 1;
    report.members += members;
    report.heirs += heirs;
  }
  return report;
}
