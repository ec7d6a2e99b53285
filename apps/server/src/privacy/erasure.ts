import type { PrivacyRequest } from "@koperasi/contracts";
import type { CommandContext } from "../command/command-context";
import type { FileStorage } from "../files/storage";
import { privacyError } from "./errors";
import { updatePrivacyRequest } from "./privacy";

// Erasure on a member's request (UU 27/2022 art. 8 and 16): what the law
// does not require the cooperative to keep is removed; what it does require
// stays, and the member is told what and why. Only once her membership has
// ended: while she is a member, her contact, heirs and identity documents
// are what the membership runs on (she may ask for corrections instead).
//
// Removed: photo and KTP scan (rows and bytes), heirs, phone, mother's
// maiden name, birth place and date, address, e-mail, occupation, marital
// status, source of funds. Kept: her name, member number and sealed NIK
// (the books name whose money moved, and the anti-money-laundering rules
// keep the identity of a customer for five years after the relationship
// ends), and every financial record (ten years, as bookkeeping requires).

const ENDED = ["keluar", "meninggal", "diberhentikan"] as const;

export const ERASED_FIELDS = [
  "foto",
  "pindaian KTP",
  "ahli waris",
  "nomor HP",
  "nama ibu kandung",
  "tempat dan tanggal lahir",
  "alamat",
  "email",
  "pekerjaan",
  "status perkawinan",
  "sumber dana",
] as const;

export function erasureAnswer(): string {
  return (
    `Data berikut telah dihapus: ${ERASED_FIELDS.join(", ")}. ` +
    "Yang tetap disimpan: nama, nomor anggota dan NIK (terenkripsi), karena catatan keuangan harus menyebut pemilik dana dan identitas pengguna jasa wajib disimpan 5 tahun setelah hubungan berakhir; " +
    "serta seluruh catatan simpanan, pinjaman dan transaksi Anda, yang wajib disimpan 10 tahun sebagai bagian dari pembukuan koperasi. Setelah masa itu, data tersebut dihapus. " +
    "Akun masuk Anda di platform (email atau nomor HP untuk masuk) bukan bagian dari buku anggota koperasi dan tidak terhapus oleh permintaan ini."
  );
}

/** Carries out an open erasure request of a member whose membership has ended, and closes it with the answer above. */
export async function eraseOnRequest(cmd: CommandContext, files: FileStorage, requestId: string): Promise<PrivacyRequest> {
  const { trx, koperasiId } = cmd;
  const request = await trx
    .selectFrom("privacy_request")
    .select(["kind", "status", "member_id"])
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", requestId)
    .forUpdate()
    .executeTakeFirst();
  if (!request) throw privacyError("request_unknown");
  if (request.kind !== "penghapusan") throw privacyError("not_an_erasure");
  if (request.status === "selesai" || request.status === "ditolak") throw privacyError("request_closed", { vars: { status: request.status } });
  if (!request.member_id) throw privacyError("erasure_no_member");
  const memberId = request.member_id;
  const member = await trx.selectFrom("member").select("status").where("koperasi_id", "=", koperasiId).where("id", "=", memberId).forUpdate().executeTakeFirstOrThrow();
  if (!(ENDED as readonly string[]).includes(member.status)) throw privacyError("erasure_member_active");

  const stored = await trx.deleteFrom("member_file").where("koperasi_id", "=", koperasiId).where("member_id", "=", memberId).returning(["kind", "storage_key"]).execute();
  const heirs = await trx.deleteFrom("member_heir").where("koperasi_id", "=", koperasiId).where("member_id", "=", memberId).returning("id").execute();
  // A pending change of her phone or e-mail holds the new value, sealed.
  await trx.deleteFrom("member_contact_change").where("koperasi_id", "=", koperasiId).where("member_id", "=", memberId).execute();
  await trx
    .updateTable("member")
    .set({
      phone_sealed: null,
      phone_index: null,
      mother_maiden_name_sealed: null,
      birth_place: null,
      birth_date: null,
      address: null,
      email: null,
      occupation: null,
      marital_status: null,
      source_of_funds: null,
      source_of_funds_other: null,
      updated_at: cmd.now,
    })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", memberId)
    .execute();
  await cmd.audit({ action: "privacy.erasure", targetType: "member", targetId: memberId, details: { requestId, files: stored.map((f) => f.kind), heirs: heirs.length } });
  const closed = await updatePrivacyRequest(cmd, requestId, { status: "selesai", answer: erasureAnswer() }, { erased: true });
  // The bytes go last: should the transaction still fail, the rows survive and
  // answer "file missing" (the erasure she asked for, done early), never the reverse.
  for (const file of stored) await files.remove(file.storage_key);
  return closed;
}
