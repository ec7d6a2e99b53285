// A cooperative picks one colour; Mantine needs ten shades of it. The chosen
// colour is shade 6 (Mantine's default primary shade), lighter shades are
// mixed towards white and darker ones towards black, so the button a member
// sees is exactly the colour the admin picked.

export type Rgb = readonly [number, number, number];
export type Palette = readonly [string, string, string, string, string, string, string, string, string, string];

/** The platform's own colour, used wherever no cooperative is in view. */
export const PLATFORM_COLOR = "#1d7a5a";

const HEX = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i;

export function isHexColor(value: unknown): value is string {
  return typeof value === "string" && HEX.test(value.trim());
}

/** "#ABC", "abc", "#AABBCC" → "#aabbcc"; anything else → null. */
export function normalizeHex(value: string): string | null {
  const match = HEX.exec(value.trim());
  if (!match?.[1]) return null;
  const digits = match[1].toLowerCase();
  const full = digits.length === 3 ? digits.replace(/./g, (d) => d + d) : digits;
  return `#${full}`;
}

export function hexToRgb(hex: string): Rgb {
  const normal = normalizeHex(hex);
  if (!normal) throw new RangeError(`not a hex colour: ${hex}`);
  const n = Number.parseInt(normal.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function rgbToHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => clampByte(c).toString(16).padStart(2, "0")).join("")}`;
}

/** Linear blend in sRGB: `amount` 0 keeps `from`, 1 gives `to`. */
export function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  const t = Math.min(1, Math.max(0, amount));
  return [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t, from[2] + (to[2] - from[2]) * t];
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
/** How far shades 0–5 move towards white. */
const TINTS = [0.92, 0.8, 0.64, 0.46, 0.3, 0.14] as const;
/** How far shades 7–9 move towards black. */
const SHADES = [0.14, 0.28, 0.42] as const;

/** Ten shades, light to dark, with the given colour at index 6. Invalid input falls back to the platform colour. */
export function generatePalette(hex: string): Palette {
  const base = hexToRgb(normalizeHex(hex) ?? PLATFORM_COLOR);
  const light = TINTS.map((t) => rgbToHex(mix(base, WHITE, t)));
  const dark = SHADES.map((t) => rgbToHex(mix(base, BLACK, t)));
  return [light[0]!, light[1]!, light[2]!, light[3]!, light[4]!, light[5]!, rgbToHex(base), dark[0]!, dark[1]!, dark[2]!];
}

/** WCAG relative luminance, 0 (black) – 1 (white). */
export function relativeLuminance(hex: string): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = hexToRgb(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black text, whichever reads better on the background. */
export function readableTextColor(background: string): "#ffffff" | "#1a1b1e" {
  return contrastRatio(background, "#ffffff") >= contrastRatio(background, "#1a1b1e") ? "#ffffff" : "#1a1b1e";
}

function clampByte(c: number): number {
  return Math.min(255, Math.max(0, Math.round(c)));
}
