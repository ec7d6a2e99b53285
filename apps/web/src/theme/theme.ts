import { colorsTuple, createTheme, type MantineThemeOverride } from "@mantine/core";
import { PLATFORM_COLOR, generatePalette, normalizeHex } from "./palette";

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

/** The Mantine theme for a primary colour: the cooperative's while one is in view, the platform's otherwise. */
export function buildTheme(primaryColor: string | null | undefined): MantineThemeOverride {
  const colour = (primaryColor && normalizeHex(primaryColor)) || PLATFORM_COLOR;
  return createTheme({
    primaryColor: "brand",
    primaryShade: 6,
    colors: { brand: colorsTuple([...generatePalette(colour)]) },
    autoContrast: true,
    defaultRadius: "md",
    fontFamily: FONT,
    headings: { fontFamily: FONT },
  });
}
