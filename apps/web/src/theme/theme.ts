import {
  colorsTuple,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  isLightColor,
  parseThemeColor,
  toRgba,
  type MantineThemeOverride,
  type VariantColorsResolver,
} from "@mantine/core";
import { PLATFORM_COLOR, contrastRatio, generatePalette, normalizeHex } from "./palette";

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

/** Grey for helper text and secondary figures: 5.9:1 on white (Mantine's own grey is 3.3:1, below WCAG AA). */
export const DIMMED_TEXT = "#5c636a";

/** Screen-reader names of controls that show only an icon, in the interface's language. */
export interface ControlLabels {
  passwordVisibility: string;
  pageControl: Record<"first" | "previous" | "next" | "last", string>;
  pageNumber: (page: number) => string;
}

/**
 * Badges, alerts and buttons read at WCAG AA (4.5:1) in every colour, the
 * cooperative's own included: light ones keep their tinted background with
 * text in the colour's darkest shade darkened further ("AKTIF" on pale
 * green); filled ones with white text get a background dark enough for it.
 */
const readableVariants: VariantColorsResolver = (input) => {
  const colours = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colours;
  if (input.variant === "light") {
    const darkest = input.theme.colors[parsed.color]?.[9];
    return darkest ? { ...colours, color: darken(darkest, 0.3) } : colours;
  }
  if (input.variant === "filled" && /^#[0-9a-f]{6}$/i.test(parsed.value)) {
    const background = readableFilledBackground(parsed.value, input.theme.luminanceThreshold);
    return background === parsed.value ? colours : { ...colours, background, hover: darken(background, 0.1), color: "#ffffff" };
  }
  return colours;
};

/**
 * A filled background that white text reads on at 4.5:1: the colour itself,
 * or darkened in small steps (grey 6 is 3.3:1). A colour light enough for
 * dark text (Mantine's autoContrast, by the same threshold) stays.
 */
function readableFilledBackground(hex: string, luminanceThreshold: number): string {
  if (isLightColor(hex, luminanceThreshold) || contrastRatio("#ffffff", hex) >= 4.5) return hex;
  for (let amount = 0.05; amount <= 0.6; amount += 0.05) {
    const darker = hexOf(darken(hex, amount));
    if (contrastRatio("#ffffff", darker) >= 4.5) return darker;
  }
  return hexOf(darken(hex, 0.6));
}

function hexOf(colour: string): string {
  const { r, g, b } = toRgba(colour);
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

/** The Mantine theme for a primary colour: the cooperative's while one is in view, the platform's otherwise. */
export function buildTheme(primaryColor: string | null | undefined, labels?: ControlLabels): MantineThemeOverride {
  const colour = (primaryColor && normalizeHex(primaryColor)) || PLATFORM_COLOR;
  return createTheme({
    primaryColor: "brand",
    primaryShade: 6,
    colors: { brand: colorsTuple([...generatePalette(colour)]) },
    autoContrast: true,
    variantColorResolver: readableVariants,
    defaultRadius: "md",
    fontFamily: FONT,
    headings: { fontFamily: FONT },
    components: labels
      ? {
          PasswordInput: { defaultProps: { visibilityToggleButtonProps: { "aria-label": labels.passwordVisibility } } },
          Pagination: {
            defaultProps: {
              getControlProps: (control: keyof ControlLabels["pageControl"]) => ({ "aria-label": labels.pageControl[control] }),
              getItemProps: (page: number) => ({ "aria-label": labels.pageNumber(page) }),
            },
          },
        }
      : undefined,
  });
}
