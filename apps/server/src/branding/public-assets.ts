import { createHash } from "node:crypto";
import type { AppContext } from "../context";
import { notFound } from "../errors/app-error";
import { initialsIcon, logoIcon, type IconSize } from "./icons";
import { iconStorageKey, type KoperasiRow } from "./profile";

// What anyone may fetch about a cooperative by its slug: no login, so only
// its public face — name, colour, logo, icons — and never a tenant row
// beyond the logo's own file record.

export interface Asset {
  bytes: Buffer;
  contentType: string;
  etag: string;
}

export async function koperasiBySlug(ctx: AppContext, slug: string): Promise<KoperasiRow> {
  const row = await ctx.database.db.selectFrom("koperasi").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!row) throw notFound("Koperasi");
  return row;
}

async function logoFile(ctx: AppContext, koperasi: KoperasiRow) {
  const fileId = koperasi.logo_file_id;
  if (!fileId) return undefined;
  return ctx.database.tenant({ koperasiId: koperasi.id }, (trx) =>
    trx
      .selectFrom("stored_file")
      .select(["storage_key", "content_type", "sha256"])
      .where("koperasi_id", "=", koperasi.id)
      .where("id", "=", fileId)
      .where("purpose", "=", "logo")
      .executeTakeFirst(),
  );
}

export async function readLogo(ctx: AppContext, koperasi: KoperasiRow): Promise<Asset> {
  const file = await logoFile(ctx, koperasi);
  if (!file) throw notFound("Logo");
  return { bytes: await ctx.files.get(file.storage_key), contentType: file.content_type, etag: `"${file.sha256.slice(0, 32)}"` };
}

// Fallback icons depend only on (name, colour, size): keep the few hundred
// most recent instead of drawing them on every request.
const fallbackCache = new Map<string, Buffer>();
const FALLBACK_CACHE_MAX = 500;

async function fallbackIcon(koperasi: KoperasiRow, size: IconSize): Promise<Asset> {
  const key = `${size}\u0000${koperasi.primary_color}\u0000${koperasi.name}`;
  const etag = `"i-${createHash("sha256").update(key).digest("hex").slice(0, 32)}"`;
  let bytes = fallbackCache.get(key);
  if (!bytes) {
    bytes = await initialsIcon(koperasi.name, koperasi.primary_color, size);
    if (fallbackCache.size >= FALLBACK_CACHE_MAX) fallbackCache.delete(fallbackCache.keys().next().value as string);
    fallbackCache.set(key, bytes);
  }
  return { bytes, contentType: "image/png", etag };
}

/** The icon made from the logo when one is set (made again if its file went missing), else the initials icon. */
export async function readIcon(ctx: AppContext, koperasi: KoperasiRow, size: IconSize): Promise<Asset> {
  const file = await logoFile(ctx, koperasi);
  if (!file) return fallbackIcon(koperasi, size);
  const key = iconStorageKey(file.storage_key, size);
  const etag = `"${file.sha256.slice(0, 24)}-${size}"`;
  try {
    return { bytes: await ctx.files.get(key), contentType: "image/png", etag };
  } catch {
    const logo = await ctx.files.get(file.storage_key).catch(() => undefined);
    if (!logo) return fallbackIcon(koperasi, size);
    const bytes = await logoIcon(logo, file.content_type === "image/svg+xml" ? "svg" : "png", size);
    await ctx.files.put(key, bytes);
    return { bytes, contentType: "image/png", etag };
  }
}
