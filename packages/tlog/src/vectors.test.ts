import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeBase64 } from "./base64.js";
import { TlogError } from "./errors.js";
import { jsonFilesUnder, vectorsDir } from "../test/support.js";
import { verifyConsistency, verifyInclusion } from "./verify.js";

/*
 * Every vector of testdata/merkle (transparency-dev/merkle testdata, copied
 * unchanged). Quirks handled as the README there describes: `proof` may be null, and
 * integers may exceed 2^53 (uint64 max) — JSON.parse rounds those, and the
 * verifier must then refuse them, which these vectors expect anyway.
 */

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const root = vectorsDir("merkle");
const inclusionFiles = jsonFilesUnder(vectorsDir("merkle", "inclusion"));
const consistencyFiles = jsonFilesUnder(vectorsDir("merkle", "consistency"));

function outcome(run: () => void): TlogError | null {
  try {
    run();
    return null;
  } catch (err) {
    // Only typed failures count as a rejection; anything else is a bug.
    if (err instanceof TlogError) return err;
    throw err;
  }
}

describe("RFC 9162 vectors from transparency-dev/merkle (testdata/merkle)", () => {
  it("finds vectors in both folders", () => {
    expect(inclusionFiles.length).toBeGreaterThan(0);
    expect(consistencyFiles.length).toBeGreaterThan(0);
  });

  let processed = 0;

  describe.each(inclusionFiles.map((f) => [relative(root, f), f]))("inclusion %s", (_name, file) => {
    it("matches wantErr", () => {
      const v = JSON.parse(readFileSync(file, "utf8")) as InclusionVector;
      const proof = (v.proof ?? []).map(decodeBase64);
      const err = outcome(() => verifyInclusion(v.leafIdx, v.treeSize, decodeBase64(v.leafHash), proof, decodeBase64(v.root)));
      expect(err === null ? "accepted" : `rejected`, `${v.desc}: ${err?.message ?? ""}`).toBe(v.wantErr ? "rejected" : "accepted");
      processed++;
    });
  });

  describe.each(consistencyFiles.map((f) => [relative(root, f), f]))("consistency %s", (_name, file) => {
    it("matches wantErr", () => {
      const v = JSON.parse(readFileSync(file, "utf8")) as ConsistencyVector;
      const proof = (v.proof ?? []).map(decodeBase64);
      const err = outcome(() => verifyConsistency(v.size1, v.size2, proof, decodeBase64(v.root1), decodeBase64(v.root2)));
      expect(err === null ? "accepted" : `rejected`, `${v.desc}: ${err?.message ?? ""}`).toBe(v.wantErr ? "rejected" : "accepted");
      processed++;
    });
  });

  it("processed every vector", () => {
    expect(processed).toBe(inclusionFiles.length + consistencyFiles.length);
    expect(processed).toBeGreaterThan(0);
  });
});
