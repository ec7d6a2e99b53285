import { DomainError } from "./errors";

// A cooperative's own identity: its type and the numbers the state gives it.
// (The personal NIK of a member is in identity.ts; "NIK koperasi" below is a
// different number that shares the abbreviation.)

export type KoperasiType = "ksp" | "ksu" | "konsumen" | "produsen" | "jasa" | "kspps";

export const KOPERASI_TYPES: readonly KoperasiType[] = ["ksp", "ksu", "konsumen", "produsen", "jasa", "kspps"];

export interface KoperasiTypeLabel {
  /** What members and the Dinas call it. */
  readonly short: string;
  readonly id: string;
  readonly en: string;
}

export const KOPERASI_TYPE_LABELS: Readonly<Record<KoperasiType, KoperasiTypeLabel>> = {
  ksp: { short: "KSP/USP", id: "Koperasi Simpan Pinjam", en: "Savings and loan cooperative" },
  ksu: { short: "KSU", id: "Koperasi Serba Usaha", en: "Multi-purpose cooperative" },
  konsumen: { short: "Konsumen", id: "Koperasi Konsumen", en: "Consumer cooperative" },
  produsen: { short: "Produsen", id: "Koperasi Produsen", en: "Producer cooperative" },
  jasa: { short: "Jasa", id: "Koperasi Jasa", en: "Service cooperative" },
  kspps: {
    short: "KSPPS",
    id: "Koperasi Simpan Pinjam dan Pembiayaan Syariah",
    en: "Sharia savings, loan and financing cooperative",
  },
};

export function isKoperasiType(value: unknown): value is KoperasiType {
  return typeof value === "string" && (KOPERASI_TYPES as readonly string[]).includes(value);
}

/**
 * Nomor Induk Koperasi (NIK koperasi), issued by the ministry's ODS/NIK
 * system. Its length is not fixed by a published rule and certificates in
 * circulation show both 13- and 16-digit numbers, so this accepts 12–16
 * digits rather than refuse a real cooperative; separators are dropped.
 */
export function normalizeNomorIndukKoperasi(input: string): string {
  const digits = stripSeparators(input);
  if (!/^\d{12,16}$/.test(digits)) throw new DomainError("nomor_induk_koperasi_invalid", { field: "nomorIndukKoperasi" });
  return digits;
}

/** NIB (Nomor Induk Berusaha) from OSS: 13 digits. */
export function normalizeNib(input: string): string {
  const digits = stripSeparators(input);
  if (!/^\d{13}$/.test(digits)) throw new DomainError("nib_invalid", { field: "nib" });
  return digits;
}

/**
 * Nomor badan hukum: the decree that made the cooperative a legal entity.
 * Two families exist:
 * - AHU decrees (Kemenkumham, since the AHU system took over):
 *   "AHU-0001234.AH.01.26.TAHUN 2023";
 * - older ministry / Dinas decrees: "123/BH/XII/2010",
 *   "518/BH/KWK.11/III/2005", "000/BH/M.KUKM.2/X/2017".
 * Normalised to upper case with canonical spacing so that the same decree
 * typed twice compares equal (a second registration of it is refused).
 */
export function normalizeNomorBadanHukum(input: string): string {
  const text = (typeof input === "string" ? input : "")
    .toUpperCase()
    .trim()
    .replace(/\s+/g, " ")
    // "No. 123/BH/…", "Nomor: AHU-…" — the label is not part of the number.
    .replace(/^(?:NOMOR|NO)\s*[.:]?\s*/, "");

  const ahu = /^AHU\s*-?\s*(\d{1,10})\s*\.\s*AH\s*\.\s*(\d{2})\s*\.\s*(\d{2})\s*\.?\s*TAHUN\s*((?:19|20)\d{2})$/.exec(text);
  if (ahu) return `AHU-${ahu[1]}.AH.${ahu[2]}.${ahu[3]}.TAHUN ${ahu[4]}`;

  const segments = text.replace(/\s/g, "").split("/");
  const first = segments[0] ?? "";
  const last = segments[segments.length - 1] ?? "";
  const legacy =
    segments.length >= 3 &&
    /^\d[\d.]*[A-Z]?$/.test(first) &&
    segments.includes("BH") &&
    /^(?:19|20)\d{2}$/.test(last) &&
    segments.every((segment) => /^[A-Z0-9][A-Z0-9.-]*$/.test(segment));
  if (legacy) return segments.join("/");

  throw new DomainError("nomor_badan_hukum_invalid", { field: "nomorBadanHukum" });
}

export function isValidNomorBadanHukum(input: string): boolean {
  return succeeds(() => normalizeNomorBadanHukum(input));
}

export function isValidNomorIndukKoperasi(input: string): boolean {
  return succeeds(() => normalizeNomorIndukKoperasi(input));
}

export function isValidNib(input: string): boolean {
  return succeeds(() => normalizeNib(input));
}

// ---------------------------------------------------------------------------
// Slug: the cooperative's address in URLs (/k/<slug>) and the `id` of its own
// installable web app, so it must be stable, short and plain ASCII.
// ---------------------------------------------------------------------------

export const SLUG_MAX_LENGTH = 48;

export function isValidSlug(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length <= SLUG_MAX_LENGTH &&
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)
  );
}

/**
 * "Koperasi Sejahtera & Makmur Bersama" → "koperasi-sejahtera-dan-makmur-bersama".
 * Accents are stripped (é → e), "&" reads "dan", apostrophes vanish
 * ("Ma'ruf" → "maruf"), everything else separates words. Throws
 * `slug_invalid` when nothing usable remains.
 */
export function slugify(name: string): string {
  const slug = (typeof name === "string" ? name : "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " dan ")
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, "");
  if (!isValidSlug(slug)) throw new DomainError("slug_invalid", { field: "slug" });
  return slug;
}

function stripSeparators(input: string): string {
  return typeof input === "string" ? input.replace(/[\s.-]/g, "") : "";
}

function succeeds(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}
