import { DEFAULT_THEME, isLightColor, mergeMantineTheme, toRgba, type MantineColor } from "@mantine/core";
import { describe, expect, it } from "vitest";
import { contrastRatio, hexToRgb, mix, rgbToHex } from "./palette";
import { buildTheme, DIMMED_TEXT } from "./theme";

const WHITE = "#ffffff";

/** A CSS colour as #rrggbb (darken answers rgba()). */
function hex(colour: string): string {
  const { r, g, b } = toRgba(colour);
  return rgbToHex([r, g, b]);
}

describe("contrast (WCAG AA, 4.5:1 for text)", () => {
  it("helper text on white", () => {
    expect(contrastRatio(DIMMED_TEXT, WHITE)).toBeGreaterThanOrEqual(4.5);
  });

  it("light badges and alerts, for Mantine's colours and for cooperatives' own", () => {
    for (const brand of [null, "#1d7a5a", "#f59f00", "#e64980", "#228be6"]) {
      const theme = mergeMantineTheme(DEFAULT_THEME, buildTheme(brand));
      for (const colour of ["brand", "green", "red", "yellow", "orange", "blue", "gray", "teal"] as MantineColor[]) {
        const { color } = theme.variantColorResolver({ color: colour, theme, variant: "light" });
        // The light background: the colour's shade 6 at 10% over white.
        const background = rgbToHex(mix(hexToRgb(WHITE), hexToRgb(theme.colors[colour]![6]!), 0.1));
        const ratio = contrastRatio(hex(color), background);
        expect({ brand, colour, ratio: ratio >= 4.5 }).toEqual({ brand, colour, ratio: true });
      }
    }
  });

  it("filled badges and buttons with white text", () => {
    for (const brand of [null, "#1d7a5a", "#e64980", "#228be6", "#868e96"]) {
      const theme = mergeMantineTheme(DEFAULT_THEME, buildTheme(brand));
      for (const colour of ["brand", "green", "red", "blue", "gray", "teal", "grape"] as MantineColor[]) {
        const { background } = theme.variantColorResolver({ color: colour, theme, variant: "filled" });
        // Left as it was, the background is the colour's shade 6; autoContrast picks the text colour.
        const filled = background.startsWith("var(") ? theme.colors[colour]![6]! : hex(background);
        if (isLightColor(filled, theme.luminanceThreshold)) continue;
        const ratio = contrastRatio("#ffffff", filled);
        expect({ brand, colour, ratio: ratio >= 4.5 }).toEqual({ brand, colour, ratio: true });
      }
    }
  });
});
