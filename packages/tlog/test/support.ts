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

/**
 * The shared test vectors, a sibling of the repository directory
 * (<repo>/../shared/vectors). Fails loudly when absent: a verifier test that
 * silently runs zero vectors proves nothing.
 */
export function vectorsDir(): string {
  const dir = resolve(repoRoot(), "..", "shared", "vectors");
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`test vectors not found at ${dir} (expected ../shared/vectors next to the repository)`);
  }
  return dir;
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
