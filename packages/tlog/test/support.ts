import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isTlogError, type TlogErrorCode } from "../src/errors.js";

/*
 * Test-only helpers. They use Node APIs, so they live outside src/, which
 * must stay runnable in the browser.
 */

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root: the nearest ancestor holding a package.json with workspaces. */
export function repoRoot(): string {
  for (let dir = here; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && "workspaces" in (JSON.parse(readFileSync(manifest, "utf8")) as object)) return dir;
    if (dirname(dir) === dir) throw new Error(`no workspace root above ${here}`);
  }
}

/** The published test vectors kept in this package (testdata/README.md says where each comes from). */
export const TESTDATA_DIR = resolve(here, "..", "testdata");

/**
 * A folder of vectors under testdata/. Fails loudly when it is absent or
 * holds no JSON file: a verifier test that silently runs zero vectors
 * proves nothing.
 */
export function vectorsDir(...path: string[]): string {
  const dir = join(TESTDATA_DIR, ...path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`test vectors not found at ${dir}`);
  if (jsonFilesUnder(dir).length === 0) throw new Error(`no test vectors (*.json) under ${dir}`);
  return dir;
}

/** The checksum list of testdata/ (`sha256sum` format): every vector file that must be there, and its content. */
export function testdataManifest(): { path: string; sha256: string }[] {
  return readFileSync(join(TESTDATA_DIR, "SHA256SUMS"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (!match) throw new Error(`not a sha256sum line in testdata/SHA256SUMS: ${line}`);
      return { sha256: match[1]!, path: match[2]! };
    });
}

/** Every *.json file under dir, recursively, sorted for stable test names. */
export function jsonFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsonFilesUnder(path));
    else if (entry.name.endsWith(".json")) out.push(path);
  }
  return out.sort();
}

/** The error code a call fails with, or "ok": lets a test table list expected refusals. */
export function codeOf(run: () => unknown): TlogErrorCode | "ok" {
  try {
    run();
    return "ok";
  } catch (err) {
    if (isTlogError(err)) return err.code;
    throw err;
  }
}

/** A deterministic 32-byte key seed. */
export const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);
