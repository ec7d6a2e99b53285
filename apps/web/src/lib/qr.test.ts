import { describe, expect, it } from "vitest";
import { alignmentPositions, dataCodewords, encodeQr, formatBits, rawDataModules, versionBits } from "./qr";

// The encoder was checked against an independent decoder (zbarimg) for every
// error-correction level and versions 1–39; this symbol is one of those,
// kept here so any change to the output shows up.
const KOPERASI_PINTAR_M = [
  "#######.#.###..##.#######",
  "#.....#...#..##.#.#.....#",
  "#.###.#.#.....###.#.###.#",
  "#.###.#.......#...#.###.#",
  "#.###.#..#.#####..#.###.#",
  "#.....#.#.#....#..#.....#",
  "#######.#.#.#.#.#.#######",
  "..........#...###........",
  "#.#...##..##.##.#..#..#.#",
  "###.##.#.#..###..#.#...##",
  "..#.####....#..########.#",
  "..#....##..#.#.#.....#.##",
  "#..##.###.#.##.#..##.#...",
  "..##...####.#..##.#..#..#",
  "##.#.###..#.####.#..#.#.#",
  "..##.#.##..##.#..#..##.##",
  "##.##.#...#..########..#.",
  "........#....##.#...#....",
  "#######.#..#....#.#.##..#",
  "#.....#..##..#.##...##.##",
  "#.###.#..#.###.#######...",
  "#.###.#..##.#....#..#....",
  "#.###.#.##..###.##..#.###",
  "#.....#...###.########...",
  "#######.##...##.##.##...#",
];

const render = (modules: readonly (readonly boolean[])[]) => modules.map((row) => row.map((dark) => (dark ? "#" : ".")).join(""));

describe("QR tables", () => {
  it("format bits match the standard's table", () => {
    expect(formatBits("M", 0)).toBe(0b101010000010010);
    expect(formatBits("L", 0)).toBe(0b111011111000100);
    expect(formatBits("H", 7)).toBe(0b000100000111011);
    expect(formatBits("Q", 3)).toBe(0b011101000000110);
  });
  it("version bits match the standard's table", () => {
    expect(versionBits(7)).toBe(0x07c94);
    expect(versionBits(40)).toBe(0x28c69);
  });
  it("alignment pattern positions", () => {
    expect(alignmentPositions(1)).toEqual([]);
    expect(alignmentPositions(2)).toEqual([6, 18]);
    expect(alignmentPositions(7)).toEqual([6, 22, 38]);
    expect(alignmentPositions(32)).toEqual([6, 34, 60, 86, 112, 138]);
    expect(alignmentPositions(40)).toEqual([6, 30, 58, 86, 114, 142, 170]);
  });
  it("capacities", () => {
    expect(rawDataModules(1)).toBe(208);
    expect(dataCodewords(1, "M")).toBe(16);
    expect(dataCodewords(1, "H")).toBe(9);
    expect(dataCodewords(40, "L")).toBe(2956);
    expect(dataCodewords(40, "H")).toBe(1276);
  });
});

describe("encodeQr", () => {
  it("produces a known-good symbol", () => {
    const code = encodeQr("Koperasi Pintar", "M");
    expect(code.version).toBe(2);
    expect(code.size).toBe(25);
    expect(render(code.modules)).toEqual(KOPERASI_PINTAR_M);
  });

  it("picks the smallest version that fits and grows with the text", () => {
    expect(encodeQr("", "M").version).toBe(1);
    expect(encodeQr("x".repeat(14), "M").version).toBe(1);
    expect(encodeQr("x".repeat(15), "M").version).toBe(2);
    const uri = "otpauth://totp/Koperasi%20Pintar:siti%40contoh.id?secret=JBSWY3DPEHPK3PXP&issuer=Koperasi%20Pintar";
    expect(encodeQr(uri, "M").version).toBe(6);
  });

  it("draws finder patterns, timing and the dark module", () => {
    const { modules, size } = encodeQr("otpauth://totp/x?secret=ABC", "M");
    const finder = ["#######", "#.....#", "#.###.#", "#.###.#", "#.###.#", "#.....#", "#######"];
    const corner = (x0: number, y0: number) => modules.slice(y0, y0 + 7).map((row) => render([row.slice(x0, x0 + 7)])[0]);
    expect(corner(0, 0)).toEqual(finder);
    expect(corner(size - 7, 0)).toEqual(finder);
    expect(corner(0, size - 7)).toEqual(finder);
    for (let i = 8; i < size - 8; i++) {
      expect(modules[6]![i]).toBe(i % 2 === 0);
      expect(modules[i]![6]).toBe(i % 2 === 0);
    }
    expect(modules[size - 8]![8]).toBe(true);
  });

  it("carries UTF-8 and refuses what no version holds", () => {
    expect(encodeQr("Rp1.250.000 — Koperasi Ä", "L").version).toBeGreaterThanOrEqual(1);
    expect(() => encodeQr("x".repeat(3000), "L")).toThrow(RangeError);
  });
});
