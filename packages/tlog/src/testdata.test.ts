import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonFilesUnder, TESTDATA_DIR, testdataManifest, vectorsDir } from "../test/support.js";

// The vendored vectors are what the verifier suites stand on: a file lost in
// a merge, a folder emptied, or a vector edited must fail here, by name,
// rather than let vectors.test.ts run fewer cases and pass.

describe("the vendored test vectors (testdata/)", () => {
  const manifest = testdataManifest();

  it("lists the transparency-dev vectors, their licence and the C2SP example", () => {
    const paths = manifest.map((entry) => entry.path);
    expect(paths).toEqual(expect.arrayContaining(["merkle/LICENSE", "signed-note/c2sp-signed-note.json"]));
    // Both proof kinds, each with many cases: a short list means files went missing from the manifest too.
    expect(paths.filter((p) => p.startsWith("merkle/inclusion/")).length).toBeGreaterThanOrEqual(90);
    expect(paths.filter((p) => p.startsWith("merkle/consistency/")).length).toBeGreaterThanOrEqual(90);
  });

  it("has every listed file, non-empty and unchanged", () => {
    const problems: string[] = [];
    for (const { path, sha256 } of manifest) {
      const file = join(TESTDATA_DIR, path);
      if (!existsSync(file)) problems.push(`${path}: missing`);
      else if (statSync(file).size === 0) problems.push(`${path}: empty`);
      else if (createHash("sha256").update(readFileSync(file)).digest("hex") !== sha256) problems.push(`${path}: changed`);
    }
    expect(problems).toEqual([]);
  });

  it("has no vector outside the list, so a new one is recorded with its source", () => {
    const listed = new Set(manifest.map((entry) => entry.path));
    const unlisted = jsonFilesUnder(TESTDATA_DIR)
      .map((file) => relative(TESTDATA_DIR, file))
      .filter((path) => !listed.has(path));
    expect(unlisted).toEqual([]);
  });

  it("names where each folder comes from", () => {
    const readme = readFileSync(join(TESTDATA_DIR, "README.md"), "utf8");
    expect(readme).toContain("transparency-dev/merkle");
    expect(readme).toContain("417fb0c");
    expect(readme).toContain("c2sp.org/signed-note");
  });

  it("refuses a vector folder that is missing or holds no vector", () => {
    expect(() => vectorsDir("no-such-folder")).toThrow(/test vectors not found/);
    // merkle/ itself holds JSON only in its subfolders; a folder with no JSON at all is refused.
    expect(() => vectorsDir("merkle", "..", "..", "src")).toThrow(/no test vectors/);
  });
});
