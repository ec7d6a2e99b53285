import type { Transaction } from "kysely";
import sharp from "sharp";
import type { DB } from "@koperasi/db";
import type { CommandContext } from "../command/command-context";
import type { FileStorage } from "../files/storage";
import { detectAllowedType, tooLarge, type Upload } from "../files/upload";
import { notFound } from "../errors/app-error";
import { memberError } from "./errors";

// A member's photo and KTP scan. Accepted only when the bytes are a JPEG,
// PNG or WebP that decodes; what is kept is a fresh JPEG drawn from the
// pixels — upright, scaled down, with no EXIF/GPS or other metadata and
// nothing else a crafted file might carry along.

export type MemberFileKind = "photo" | "ktp";

export const MEMBER_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const MEMBER_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
/** The longest side kept: a passport-style photo needs little, a KTP must stay legible. */
const MAX_SIDE: Readonly<Record<MemberFileKind, number>> = { photo: 1024, ktp: 2000 };
/** Refuse decompression bombs before decoding. */
const MAX_INPUT_PIXELS = 50_000_000;

export interface MemberFileInfo {
  kind: MemberFileKind;
  contentType: "image/jpeg";
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

const unreadable = () => memberError("image_invalid", { field: "body.file" });

/** The stored form of an uploaded image: a re-encoded JPEG without metadata. Throws 413, 415 or 400. */
export async function reencodeMemberImage(bytes: Buffer, kind: MemberFileKind): Promise<Buffer> {
  if (bytes.length > MEMBER_IMAGE_MAX_BYTES) throw tooLarge(MEMBER_IMAGE_MAX_BYTES);
  await detectAllowedType(bytes, MEMBER_IMAGE_TYPES, "JPG, PNG atau WebP");
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: MAX_SIDE[kind], height: MAX_SIDE[kind], fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 85 })
      .toBuffer();
  } catch {
    throw unreadable();
  }
}

/**
 * Stores the image (re-encoded) as the member's current photo or KTP, audited
 * as member.file_put; the earlier file stays on disk under its own key.
 */
export async function putMemberFile(cmd: CommandContext, files: FileStorage, input: { memberId: string; kind: MemberFileKind; upload: Upload }): Promise<MemberFileInfo> {
  const { trx, koperasiId } = cmd;
  const { memberId, kind } = input;
  const member = await trx.selectFrom("member").select("id").where("koperasi_id", "=", koperasiId).where("id", "=", memberId).executeTakeFirst();
  if (!member) throw notFound("Anggota", "Member");
  const image = await reencodeMemberImage(input.upload.bytes, kind);
  const storageKey = `koperasi/${koperasiId}/members/${memberId}/${kind}-${cmd.newId()}.jpg`;
  const { sha256 } = await files.put(storageKey, image);
  const values = {
    content_type: "image/jpeg" as const,
    size_bytes: image.length,
    sha256,
    storage_key: storageKey,
    uploaded_by: cmd.actor.userId,
    uploaded_at: cmd.now,
  };
  await trx
    .insertInto("member_file")
    .values({ koperasi_id: koperasiId, member_id: memberId, kind, ...values })
    .onConflict((oc) => oc.columns(["koperasi_id", "member_id", "kind"]).doUpdateSet(values))
    .execute();
  await cmd.audit({ action: "member.file_put", targetType: "member", targetId: memberId, details: { kind, sha256, sizeBytes: image.length } });
  return { kind, contentType: "image/jpeg", sizeBytes: image.length, sha256, uploadedAt: cmd.now.toISOString() };
}

export async function getMemberFile(trx: Transaction<DB>, files: FileStorage, koperasiId: string, memberId: string, kind: MemberFileKind): Promise<{ bytes: Buffer; contentType: string }> {
  const row = await trx
    .selectFrom("member_file")
    .select(["storage_key", "content_type"])
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  const missing = () => (kind === "photo" ? notFound("Foto anggota", "Member photo") : notFound("Pindaian KTP", "KTP scan"));
  if (!row) throw missing();
  try {
    return { bytes: await files.get(row.storage_key), contentType: row.content_type };
  } catch {
    throw missing();
  }
}
