import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toHex } from "./bytes.js";
import {
  LEAF_DATA_SIZE,
  decodeLeafOpening,
  decodeSummary,
  encodeLeafOpening,
  encodeSummary,
  leafCommitment,
  leafData,
  newSalt,
  type EntrySummary,
} from "./leaf.js";
import { leafHash } from "./merkle.js";
import { codeOf, repoRoot } from "../test/support.js";


/** The worked example of docs/tlog-leaf.md. */
const EXAMPLE: EntrySummary = {
  koperasiId: "0b7e1a52-3c4d-4e5f-8a9b-1c2d3e4f5a6b",
  entryId: "6f1c2d3e-4a5b-4c6d-9e8f-0a1b2c3d4e5f",
  voucherNo: "BKM/2026/000123",
  businessDate: "2026-01-15",
  postedAt: "2026-01-15T03:04:05.678Z",
  lines: [
    { accountCode: "2-1100", memberAccountId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", debit: 0, credit: 250000 },
    { accountCode: "1-1100", debit: 250000, credit: 0 },
  ],
};
const EXAMPLE_SALT = Uint8Array.from({ length: 32 }, (_, i) => i);

const EXAMPLE_SUMMARY_HEX = [
  "0b7e1a523c4d4e5f8a9b1c2d3e4f5a6b", // koperasiId
  "6f1c2d3e4a5b4c6d9e8f0a1b2c3d4e5f", // entryId
  "0000000f424b4d2f323032362f303030313233", // voucherNo
  "0000000a323032362d30312d3135", // businessDate
  "0000019bbf9c3b2e", // postedAt
  "00000002", // line count
  "00000006312d31313030" + "00" + "000000000003d090" + "0000000000000000", // 1-1100, debit 250000
  "00000006322d31313030" + "019a8b7c6d5e4f4a3b8c2d1e0f9a8b7c6d" + "0000000000000000" + "000000000003d090", // 2-1100, member, credit 250000
].join("");
const EXAMPLE_COMMITMENT_HEX = "52927ce3e09f1fd25602e1b9d183e6762c688ad1e1865a69b34eb868581a6648";
const EXAMPLE_LEAF_DATA_HEX = `01${EXAMPLE_COMMITMENT_HEX}`;
const EXAMPLE_LEAF_HASH_HEX = "6c80a47c88ff70b6da5d05845a6b3fd2e033002c489db2e0c661c73ffb3c4c93";

describe("leaf encoding", () => {
  it("reproduces the worked example of docs/tlog-leaf.md", () => {
    expect(toHex(encodeSummary(EXAMPLE))).toBe(EXAMPLE_SUMMARY_HEX);
    expect(encodeSummary(EXAMPLE)).toHaveLength(147);
    expect(toHex(leafCommitment(EXAMPLE, EXAMPLE_SALT))).toBe(EXAMPLE_COMMITMENT_HEX);
    expect(toHex(leafData(EXAMPLE, EXAMPLE_SALT))).toBe(EXAMPLE_LEAF_DATA_HEX);
    expect(leafData(EXAMPLE, EXAMPLE_SALT)).toHaveLength(LEAF_DATA_SIZE);
    expect(toHex(leafHash(leafData(EXAMPLE, EXAMPLE_SALT)))).toBe(EXAMPLE_LEAF_HASH_HEX);
  });

  it("matches what docs/tlog-leaf.md states", () => {
    const doc = readFileSync(join(repoRoot(), "docs", "tlog-leaf.md"), "utf8");
    expect(doc).toContain(EXAMPLE_COMMITMENT_HEX);
    expect(doc).toContain(EXAMPLE_LEAF_DATA_HEX);
    expect(doc).toContain(EXAMPLE_LEAF_HASH_HEX);
    // The byte table spreads the summary over several lines; its bytes, in order, must be the encoding.
    const table = doc.slice(doc.indexOf("<!-- summary-bytes -->"), doc.indexOf("<!-- /summary-bytes -->"));
    const tableHex = [...table.matchAll(/^\| `([0-9a-f ]+)`/gm)].map((m) => m[1]!.replaceAll(" ", "")).join("");
    expect(tableHex).toBe(EXAMPLE_SUMMARY_HEX);
  });

  it("is independent of line order and UUID case, and decodes back to the canonical summary", () => {
    const shuffled = { ...EXAMPLE, lines: [...EXAMPLE.lines].reverse(), koperasiId: EXAMPLE.koperasiId.toUpperCase() };
    expect(encodeSummary(shuffled)).toEqual(encodeSummary(EXAMPLE));
    const decoded = decodeSummary(encodeSummary(shuffled));
    expect(decoded).toEqual({ ...EXAMPLE, lines: [EXAMPLE.lines[1], EXAMPLE.lines[0]] });
    expect(encodeSummary(decoded)).toEqual(encodeSummary(EXAMPLE));
    const opening = decodeLeafOpening(encodeLeafOpening(EXAMPLE, EXAMPLE_SALT));
    expect(opening.salt).toEqual(EXAMPLE_SALT);
    expect(leafData(opening.summary, opening.salt)).toEqual(leafData(EXAMPLE, EXAMPLE_SALT));
  });

  it("commits to every field and to the salt", () => {
    const base = toHex(leafData(EXAMPLE, EXAMPLE_SALT));
    const variants: EntrySummary[] = [
      { ...EXAMPLE, koperasiId: "0b7e1a52-3c4d-4e5f-8a9b-1c2d3e4f5a6c" },
      { ...EXAMPLE, entryId: "6f1c2d3e-4a5b-4c6d-9e8f-0a1b2c3d4e50" },
      { ...EXAMPLE, voucherNo: "BKM/2026/000124" },
      { ...EXAMPLE, businessDate: "2026-01-16" },
      { ...EXAMPLE, postedAt: "2026-01-15T03:04:05.679Z" },
      { ...EXAMPLE, lines: EXAMPLE.lines.slice(1) },
      { ...EXAMPLE, lines: [EXAMPLE.lines[0]!, { accountCode: "1-1100", debit: 250001, credit: 0 }] },
      { ...EXAMPLE, lines: [EXAMPLE.lines[0]!, { accountCode: "1-1100", debit: 0, credit: 250000 }] },
      { ...EXAMPLE, lines: [{ ...EXAMPLE.lines[0]!, memberAccountId: undefined }, EXAMPLE.lines[1]!] },
      { ...EXAMPLE, lines: [{ ...EXAMPLE.lines[0]!, accountCode: "2-1101" }, EXAMPLE.lines[1]!] },
      // Moving a byte between adjacent strings must change the encoding (length prefixes).
      { ...EXAMPLE, voucherNo: "BKM/2026/00012", lines: EXAMPLE.lines },
    ];
    const all = new Set([base, ...variants.map((v) => toHex(leafData(v, EXAMPLE_SALT)))]);
    expect(all.size).toBe(variants.length + 1);
    const otherSalt = Uint8Array.from(EXAMPLE_SALT);
    otherSalt[31] = 0xff;
    expect(toHex(leafData(EXAMPLE, otherSalt))).not.toBe(base);
    expect(newSalt()).toHaveLength(32);
    expect(newSalt()).not.toEqual(newSalt());
  });

  it("refuses summaries it cannot encode canonically", () => {
    const bad: [string, EntrySummary][] = [
      ["uuid", { ...EXAMPLE, koperasiId: "not-a-uuid" }],
      ["uuid without dashes", { ...EXAMPLE, entryId: "6f1c2d3e4a5b4c6d9e8f0a1b2c3d4e5f" }],
      ["date", { ...EXAMPLE, businessDate: "2026-02-30" }],
      ["date format", { ...EXAMPLE, businessDate: "15/01/2026" }],
      ["instant without ms", { ...EXAMPLE, postedAt: "2026-01-15T03:04:05Z" }],
      ["instant with offset", { ...EXAMPLE, postedAt: "2026-01-15T10:04:05.678+07:00" }],
      ["instant out of range", { ...EXAMPLE, postedAt: "2026-01-15T25:04:05.678Z" }],
      ["negative amount", { ...EXAMPLE, lines: [{ accountCode: "1", debit: -1, credit: 0 }] }],
      ["fractional amount", { ...EXAMPLE, lines: [{ accountCode: "1", debit: 0.5, credit: 0 }] }],
      ["unsafe amount", { ...EXAMPLE, lines: [{ accountCode: "1", debit: 2 ** 53, credit: 0 }] }],
      ["lone surrogate", { ...EXAMPLE, voucherNo: "BKM\ud800" }],
      ["member uuid", { ...EXAMPLE, lines: [{ accountCode: "1", memberAccountId: "x", debit: 1, credit: 0 }] }],
    ];
    for (const [what, summary] of bad) expect(codeOf(() => encodeSummary(summary)), what).toBe("malformed-summary");
    expect(codeOf(() => leafData(EXAMPLE, new Uint8Array(31)))).toBe("malformed-summary");
  });

  it("refuses non-canonical or truncated bytes when decoding", () => {
    const bytes = encodeSummary(EXAMPLE);
    expect(codeOf(() => decodeSummary(bytes.slice(0, -1)))).toBe("malformed-summary");
    expect(codeOf(() => decodeSummary(new Uint8Array([...bytes, 0])))).toBe("malformed-summary");
    // Swap the two encoded lines: same content, non-canonical order.
    // Line 1-1100: 4 + 6 + 1 + 8 + 8 = 27 bytes; line 2-1100: 4 + 6 + 17 + 8 + 8 = 43 bytes.
    const linesStart = bytes.length - 27 - 43;
    const first = bytes.slice(linesStart, linesStart + 27);
    const second = bytes.slice(linesStart + 27);
    const swapped = new Uint8Array([...bytes.slice(0, linesStart), ...second, ...first]);
    expect(codeOf(() => decodeSummary(swapped))).toBe("malformed-summary");
    const flag = Uint8Array.from(bytes);
    flag[linesStart + 10] = 2;
    expect(codeOf(() => decodeSummary(flag))).toBe("malformed-summary");
    expect(codeOf(() => decodeLeafOpening(new Uint8Array([2, ...EXAMPLE_SALT, ...bytes])))).toBe("malformed-summary");
  });
});
