import { describe, expect, it } from "vitest";
import {
  PLATFORM_COLOR,
  contrastRatio,
  generatePalette,
  hexToRgb,
  mix,
  normalizeHex,
  readableTextColor,
  relativeLuminance,
  rgbToHex,
} from "./palette";

describe("normalizeHex", () => {
  it("accepts 3- and 6-digit forms with or without #, in any case", () => {
    expect(normalizeHex("#ABC")).toBe("#aabbcc");
    expect(normalizeHex("abc")).toBe("#aabbcc");
    expect(normalizeHex(" #1D7A5A ")).toBe("#1d7a5a");
  });
  it("refuses what is not a colour", () => {
    for (const bad of ["", "#12345", "#gggggg", "red", "#1234567", "rgb(0,0,0)"]) expect(normalizeHex(bad)).toBeNull();
  });
});

describe("rgb conversions", () => {
  it("round-trips", () => {
    expect(hexToRgb("#1d7a5a")).toEqual([0x1d, 0x7a, 0x5a]);
    expect(rgbToHex([0x1d, 0x7a, 0x5a])).toBe("#1d7a5a");
  });
  it("clamps and rounds channels", () => {
    expect(rgbToHex([300, -4, 127.5])).toBe("#ff0080");
  });
  it("throws on a non-colour", () => {
    expect(() => hexToRgb("nope")).toThrow(RangeError);
  });
  it("mixes linearly and clamps the amount", () => {
    expect(mix([0, 0, 0], [255, 255, 255], 0.5)).toEqual([127.5, 127.5, 127.5]);
    expect(mix([10, 20, 30], [255, 255, 255], -1)).toEqual([10, 20, 30]);
    expect(mix([10, 20, 30], [255, 255, 255], 2)).toEqual([255, 255, 255]);
  });
});

describe("generatePalette", () => {
  it("gives ten valid shades with the chosen colour at index 6", () => {
    const palette = generatePalette("#C2185B");
    expect(palette).toHaveLength(10);
    for (const shade of palette) expect(shade).toMatch(/^#[0-9a-f]{6}$/);
    expect(palette[6]).toBe("#c2185b");
  });

  it("runs from light to dark", () => {
    for (const colour of ["#1d7a5a", "#c2185b", "#ffd400", "#000000", "#ffffff", "#3355ff"]) {
      const lum = generatePalette(colour).map(relativeLuminance);
      for (let i = 1; i < lum.length; i++) expect(lum[i]!).toBeLessThanOrEqual(lum[i - 1]!);
    }
  });

  it("makes shade 0 a pale tint usable as a background", () => {
    expect(relativeLuminance(generatePalette("#0b3d91")[0])).toBeGreaterThan(0.8);
  });

  it("falls back to the platform colour for invalid input", () => {
    expect(generatePalette("not-a-colour")).toEqual(generatePalette(PLATFORM_COLOR));
  });
});

describe("readable text", () => {
  it("picks white on dark and dark on light backgrounds", () => {
    expect(readableTextColor("#1d7a5a")).toBe("#ffffff");
    expect(readableTextColor("#0b3d91")).toBe("#ffffff");
    expect(readableTextColor("#ffd400")).toBe("#1a1b1e");
    expect(readableTextColor("#ffffff")).toBe("#1a1b1e");
  });
  it("computes WCAG contrast", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#777777")).toBeCloseTo(1, 5);
  });
});
