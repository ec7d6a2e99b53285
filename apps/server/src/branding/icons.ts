import sharp, { type Sharp } from "sharp";

// The installable app's icons. Both kinds are drawn so that they work as
// `maskable` as well as `any`: the background fills the square and what
// matters (the logo, the initials) stays inside the central safe zone, which
// Android crops to a circle or a squircle.

export const ICON_SIZES = [192, 512] as const;
export type IconSize = (typeof ICON_SIZES)[number];

export const DEFAULT_PRIMARY_COLOR = "#0b7a53";

/** Fraction of the icon the logo may occupy: inside the maskable safe zone (a circle of 80 %). */
const LOGO_SCALE = 0.56;

/** Words that begin nearly every cooperative's name and so say nothing about this one. */
const GENERIC_WORDS = new Set(["koperasi", "kop", "ksp", "ksu", "kspps", "usp", "primkop", "kopwan", "kud", "dan", "the"]);

export function isIconSize(value: number): value is IconSize {
  return (ICON_SIZES as readonly number[]).includes(value);
}

/** "Koperasi Sejahtera Makmur" → "SM"; "KSP Maju" → "M"; falls back to "K". */
export function initialsOf(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  const meaningful = words.filter((word) => !GENERIC_WORDS.has(word.toLowerCase()));
  const chosen = (meaningful.length > 0 ? meaningful : words).slice(0, 2);
  const initials = chosen.map((word) => Array.from(word)[0] ?? "").join("").toUpperCase();
  return initials.length > 0 ? initials : "K";
}

/** Dark text on a light colour, white on a dark one (WCAG relative luminance). */
export function textColorOn(hex: string): "#ffffff" | "#1a1a1a" {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white vs. with #1a1a1a (luminance 0.0103); pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0603 ? "#ffffff" : "#1a1a1a";
}

function safeColor(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? color.toLowerCase() : DEFAULT_PRIMARY_COLOR;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The SVG of the fallback icon: the cooperative's initials on its primary colour. */
export function initialsIconSvg(name: string, primaryColor: string): string {
  const background = safeColor(primaryColor);
  const initials = initialsOf(name);
  const fontSize = initials.length > 1 ? 184 : 232;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">`,
    `<rect width="512" height="512" fill="${background}"/>`,
    `<text x="256" y="256" dominant-baseline="central" text-anchor="middle" font-family="DejaVu Sans, Noto Sans, Arial, Helvetica, sans-serif"`,
    ` font-weight="700" font-size="${fontSize}" fill="${textColorOn(background)}">${escapeXml(initials)}</text>`,
    `</svg>`,
  ].join("");
}

export async function initialsIcon(name: string, primaryColor: string, size: IconSize): Promise<Buffer> {
  return sharp(Buffer.from(initialsIconSvg(name, primaryColor)))
    .resize(size, size)
    .png()
    .toBuffer();
}

/**
 * The logo centred on a white square. An SVG is rendered at the density that
 * gives the target size directly (never at a huge intrinsic size first).
 */
export async function logoIcon(logo: Buffer, kind: "png" | "svg", size: IconSize): Promise<Buffer> {
  const inner = Math.round(size * LOGO_SCALE);
  let source: Sharp;
  if (kind === "svg") {
    const meta = await sharp(logo).metadata();
    const longest = Math.max(meta.width ?? 0, meta.height ?? 0) || inner;
    const density = Math.min(Math.max((72 * inner) / longest, 1), 100_000);
    source = sharp(logo, { density });
  } else {
    source = sharp(logo);
  }
  const before = Math.floor((size - inner) / 2);
  const after = size - inner - before;
  const white = { r: 255, g: 255, b: 255, alpha: 1 };
  // Transparency onto white first, so the letterbox and the logo's own
  // background are one colour and the icon is opaque.
  return source
    .flatten({ background: white })
    .resize(inner, inner, { fit: "contain", background: white })
    .extend({ top: before, bottom: after, left: before, right: after, background: white })
    .png()
    .toBuffer();
}
