import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as domain from "./index";

const sourceDir = fileURLToPath(new URL(".", import.meta.url));
const sourceFiles = readdirSync(sourceDir).filter(
  (name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && name !== "test-support.ts",
);

describe("@koperasi/domain entry point", () => {
  it("exposes each module's API", () => {
    for (const name of [
      "rupiah",
      "percentOf",
      "allocateLargestRemainder",
      "formatRupiah",
      "terbilang",
      "formatTanggal",
      "formatJam",
      "parseNik",
      "checkNikAgainst",
      "normalizePhone",
      "maskPhone",
      "normalizeNomorBadanHukum",
      "slugify",
      "can",
      "permissionsFor",
      "matrix",
      "DomainError",
      "uuidv7",
      "isUuid",
      "MODULES",
      "TIME_ZONE_LABELS",
    ]) {
      expect(domain, name).toHaveProperty(name);
    }
  });

  it("stays pure: imports nothing but its own files, so it runs in server and browser", () => {
    expect(sourceFiles.length).toBeGreaterThan(5);
    for (const file of sourceFiles) {
      const text = readFileSync(`${sourceDir}${file}`, "utf8");
      const specifiers = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g)].map((m) => m[1]);
      for (const specifier of specifiers) expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\//);
      expect(text, file).not.toMatch(/\bprocess\.|\brequire\(|\bimport\(/);
    }
  });
});
