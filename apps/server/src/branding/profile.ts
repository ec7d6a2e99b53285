import type { Selectable, Updateable } from "kysely";
import type { z } from "zod";
import type { KoperasiProfile, PublicKoperasi, UpdateKoperasiProfile } from "@koperasi/contracts";
import type { KoperasiTable } from "@koperasi/db";
import { can } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { AppError, forbidden, notFound } from "../errors/app-error";
import type { FileStorage } from "../files/storage";
import { ICON_SIZES, logoIcon, type IconSize } from "./icons";
import type { ValidLogo } from "./logo";

// The cooperative's own identity: its profile, logo and the icons made from
// it. `koperasi` is a platform table without row-level security, so every
// statement here names the one row the tenant gate admitted.

export type KoperasiRow = Selectable<KoperasiTable>;
type ProfileBody = z.infer<typeof UpdateKoperasiProfile>;

export function logoUrlOf(row: Pick<KoperasiRow, "slug" | "logo_file_id">): string | null {
  return row.logo_file_id ? `/api/v1/public/koperasi/${row.slug}/logo` : null;
}

export function toProfile(row: KoperasiRow): z.infer<typeof KoperasiProfile> {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    type: row.type as z.infer<typeof KoperasiProfile>["type"],
    nomorIndukKoperasi: row.nomor_induk_koperasi,
    nomorBadanHukum: row.nomor_badan_hukum,
    nib: row.nib,
    address: row.address,
    city: row.city,
    province: row.province,
    postalCode: row.postal_code,
    timeZone: row.time_zone as z.infer<typeof KoperasiProfile>["timeZone"],
    email: row.email,
    phone: row.phone,
    status: row.status,
    primaryColor: row.primary_color,
    logoUrl: logoUrlOf(row),
    mfaRequired: row.mfa_required,
  };
}

export function toPublic(row: KoperasiRow): z.infer<typeof PublicKoperasi> {
  return { id: row.id, slug: row.slug, name: row.name, primaryColor: row.primary_color, logoUrl: logoUrlOf(row), status: row.status };
}

/** Contract field → column, for the fields a profile update may change. */
const COLUMNS = {
  name: "name",
  primaryColor: "primary_color",
  address: "address",
  city: "city",
  province: "province",
  postalCode: "postal_code",
  mfaRequired: "mfa_required",
} as const satisfies Record<keyof ProfileBody, keyof KoperasiTable>;

type Field = keyof typeof COLUMNS;
type Changes = Partial<Record<Field, { before: unknown; after: unknown }>>;

function changedFields(row: KoperasiRow, body: ProfileBody): Changes {
  const changes: Changes = {};
  for (const field of Object.keys(COLUMNS) as Field[]) {
    if (!(field in body) || body[field] === undefined) continue;
    const raw = body[field];
    const after = typeof raw === "string" ? raw.normalize("NFC") : raw;
    const before = row[COLUMNS[field]];
    if (before !== after) changes[field] = { before, after };
  }
  return changes;
}

/**
 * Applies a profile update. Profile fields are audited together as
 * `koperasi.update_profile`; the two-factor requirement is a security
 * decision with its own permission and its own audit entry.
 */
export async function updateProfile(cmd: CommandContext, body: ProfileBody): Promise<KoperasiRow> {
  const { trx, koperasiId } = cmd;
  {
    const row = await trx.selectFrom("koperasi").selectAll().where("id", "=", koperasiId).forUpdate().executeTakeFirst();
    if (!row) throw notFound("Koperasi", "Cooperative");
    const changes = changedFields(row, body);
    const { mfaRequired, ...profileChanges } = changes;

    if (mfaRequired) {
      if (!can(cmd.actor, "users.require_mfa")) {
        throw forbidden("Hanya admin yang dapat mengubah kewajiban verifikasi dua langkah.", "Only an admin can change whether two-factor authentication is required.");
      }
      // Switching it on without having it oneself would lock the admin out of
      // every page but the security settings.
      if (mfaRequired.after === true && !cmd.actor.twoFactorEnabled) {
        const message = "Aktifkan verifikasi dua langkah untuk akun Anda sendiri sebelum mewajibkannya.";
        const messageEn = "Enable two-factor authentication on your own account before requiring it.";
        throw new AppError(409, "mfa_not_enabled", message, messageEn, [{ path: "body.mfaRequired", code: "mfa_not_enabled", message, messageEn }]);
      }
    }
    if (Object.keys(changes).length === 0) return row;

    const set: Updateable<KoperasiTable> = {};
    for (const [field, change] of Object.entries(changes) as [Field, { after: unknown }][]) {
      (set as Record<string, unknown>)[COLUMNS[field]] = change.after;
    }
    const updated = await trx.updateTable("koperasi").set(set).where("id", "=", koperasiId).returningAll().executeTakeFirstOrThrow();

    const fields = Object.keys(profileChanges) as (keyof typeof profileChanges)[];
    if (fields.length > 0) {
      await cmd.audit({
        action: "koperasi.update_profile",
        targetType: "koperasi",
        targetId: koperasiId,
        details: {
          fields,
          before: Object.fromEntries(fields.map((field) => [field, profileChanges[field]?.before])),
          after: Object.fromEntries(fields.map((field) => [field, profileChanges[field]?.after])),
        },
      });
    }
    if (mfaRequired) {
      await cmd.audit({
        action: mfaRequired.after ? "koperasi.mfa_required.on" : "koperasi.mfa_required.off",
        targetType: "koperasi",
        targetId: koperasiId,
        details: { before: { mfaRequired: mfaRequired.before }, after: { mfaRequired: mfaRequired.after } },
      });
    }
    return updated;
  }
}

export function logoStorageKey(koperasiId: string, fileId: string, kind: ValidLogo["kind"]): string {
  return `koperasi/${koperasiId}/logo-${fileId}.${kind}`;
}

export function iconStorageKey(logoKey: string, size: IconSize): string {
  return `${logoKey.replace(/\.[a-z]+$/, "")}-icon-${size}.png`;
}

/**
 * Stores a validated logo and its icons, then points the cooperative at it.
 * The files are written first: the database never names a file that is not
 * there, and a failed transaction leaves at most an unreferenced file.
 */
export interface StoredLogo {
  fileId: string;
  key: string;
  sha256: string;
  logo: ValidLogo;
  originalName: string;
}

/**
 * Writes a validated logo and its icons to file storage, before any
 * transaction: the database never names a file that is not there, and a
 * failed transaction leaves at most an unreferenced file.
 */
export async function storeLogo(files: FileStorage, koperasiId: string, fileId: string, logo: ValidLogo, originalName: string): Promise<StoredLogo> {
  const key = logoStorageKey(koperasiId, fileId, logo.kind);
  const icons = await Promise.all(ICON_SIZES.map((size) => logoIcon(logo.bytes, logo.kind, size)));
  const { sha256 } = await files.put(key, logo.bytes);
  await Promise.all(ICON_SIZES.map((size, index) => files.put(iconStorageKey(key, size), icons[index] as Buffer)));
  return { fileId, key, sha256, logo, originalName };
}

/** Points the cooperative at a stored logo. */
export async function replaceLogo(cmd: CommandContext, stored: StoredLogo): Promise<KoperasiRow> {
  const { trx, koperasiId } = cmd;
  const { fileId, key, sha256, logo, originalName } = stored;
  const fileName = `logo.${logo.kind}`;
  {
    const before = await trx.selectFrom("koperasi").select("logo_file_id").where("id", "=", koperasiId).forUpdate().executeTakeFirstOrThrow();
    await trx
      .insertInto("stored_file")
      .values({
        koperasi_id: koperasiId,
        id: fileId,
        purpose: "logo",
        file_name: fileName,
        content_type: logo.contentType,
        size_bytes: logo.bytes.length,
        sha256,
        storage_key: key,
        created_by: cmd.actor.userId,
      })
      .execute();
    const updated = await trx.updateTable("koperasi").set({ logo_file_id: fileId }).where("id", "=", koperasiId).returningAll().executeTakeFirstOrThrow();
    await cmd.audit({
      action: "koperasi.update_logo",
      targetType: "stored_file",
      targetId: fileId,
      details: {
        contentType: logo.contentType,
        sizeBytes: logo.bytes.length,
        sha256,
        uploadedName: originalName.slice(0, 120),
        previousFileId: before.logo_file_id,
      },
    });
    return updated;
  }
}
