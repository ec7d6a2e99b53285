import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "./bytes.js";
import {
  consistencyProofFromLeafHashes,
  emptyRoot,
  inclusionProofFromLeafHashes,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
} from "./merkle.js";
import { verifyConsistency, verifyInclusion } from "./verify.js";

// The eight-leaf tree used throughout RFC 6962 test suites (Go
// transparency-dev/merkle, Certificate Transparency). The size-2, size-5 and
// size-8 roots also appear in testdata/merkle.
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(fromHex);
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

function leaves(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));
}

describe("RFC 9162 hashing", () => {
  it("hashes the empty tree, leaves and nodes with domain separation", () => {
    expect(toHex(emptyRoot())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(ROOTS[0]);
    const a = leafHash(LEAVES[0]!);
    const b = leafHash(LEAVES[1]!);
    expect(nodeHash(a, b)).toEqual(fromHex(ROOTS[1]!));
    expect(nodeHash(a, b)).not.toEqual(leafHash(new Uint8Array([...a, ...b])));
  });

  it("computes MTH for every prefix of the reference tree", () => {
    expect(rootFromLeafHashes([])).toEqual(emptyRoot());
    const hashes = LEAVES.map(leafHash);
    ROOTS.forEach((root, i) => expect(toHex(rootFromLeafHashes(hashes.slice(0, i + 1)))).toBe(root));
  });

  it("matches the RFC 9162 examples on a 7-leaf tree", () => {
    // Section 2.1.5: PATH(3, D[7]) = [c, g, l], PROOF(3, D[7]) = [c, d, g, l],
    // PROOF(4, D[7]) = [l], where c, d are leaves 2, 3; g = MTH(D[0:2]); l = MTH(D[4:7]).
    const hashes = leaves(7);
    const proof = inclusionProofFromLeafHashes(hashes, 3);
    expect(proof).toEqual([hashes[2], nodeHash(hashes[0]!, hashes[1]!), rootFromLeafHashes(hashes.slice(4))]);
    const cons = consistencyProofFromLeafHashes(hashes, 3);
    expect(cons).toEqual([hashes[2], hashes[3], nodeHash(hashes[0]!, hashes[1]!), rootFromLeafHashes(hashes.slice(4))]);
    expect(consistencyProofFromLeafHashes(hashes, 4)).toEqual([rootFromLeafHashes(hashes.slice(4))]);
  });

  it("generates inclusion proofs that verify, and only for the right leaf", () => {
    const all = leaves(40);
    for (let n = 1; n <= all.length; n++) {
      const tree = all.slice(0, n);
      const root = rootFromLeafHashes(tree);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProofFromLeafHashes(tree, i);
        expect(() => verifyInclusion(i, n, tree[i]!, proof, root)).not.toThrow();
        if (n > 1) expect(() => verifyInclusion(i, n, tree[(i + 1) % n]!, proof, root)).toThrow(/root-mismatch/);
      }
    }
  });

  it("generates consistency proofs that verify", () => {
    const all = leaves(40);
    for (let n = 1; n <= all.length; n++) {
      const root2 = rootFromLeafHashes(all.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const root1 = rootFromLeafHashes(all.slice(0, m));
        const proof = consistencyProofFromLeafHashes(all.slice(0, n), m);
        expect(() => verifyConsistency(m, n, proof, root1, root2)).not.toThrow();
        if (m < n) expect(() => verifyConsistency(m, n, proof, root2, root2)).toThrow();
      }
    }
  });

  it("refuses proofs outside the tree", () => {
    const tree = leaves(5);
    expect(() => inclusionProofFromLeafHashes(tree, 5)).toThrow(/index-out-of-range/);
    expect(() => consistencyProofFromLeafHashes(tree, 0)).toThrow(/empty-tree-consistency/);
    expect(() => consistencyProofFromLeafHashes(tree, 6)).toThrow(/size-order/);
  });
});
