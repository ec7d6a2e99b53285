import type { AppContext } from "../context";
import { addMemberDataKey } from "./member-keys";
import { rotateMemberKeys } from "./rotate-member-key";

/**
 * `koperasi rotate-member-key [--new-key]`: with --new-key (keys generated
 * into DATA_DIR) a fresh key is put first; then every member row and heir is
 * moved to the first key. With MEMBER_DATA_KEY the operator puts the new key
 * first in that list and runs the command without --new-key; the old key can
 * leave the list once the command reports nothing left.
 */
export async function rotateMemberKeyCommand(ctx: AppContext, args: { newKey?: boolean | undefined }): Promise<number> {
  let keyring = ctx.secrets.memberDataKeys;
  if (args.newKey) {
    keyring = addMemberDataKey(ctx.config.dataDir, keyring);
    console.log(`Kunci baru ${keyring.current.id} ditambahkan di depan daftar kunci.`);
  }
  console.log(`Memindahkan data anggota ke kunci ${keyring.current.id} (kunci dikenal: ${keyring.keys.map((k) => k.id).join(", ")})…`);
  const report = await rotateMemberKeys(ctx.database, keyring, {
    onBatch: (p) => console.log(`  ${p.koperasiId} ${p.table === "member" ? "anggota" : "ahli waris"}: ${p.rows}`),
  });
  console.log(`Selesai: ${report.members} anggota dan ${report.heirs} ahli waris di ${report.koperasi} koperasi dienkripsi ulang.`);
  return 0;
}
