import { describe, expect, it } from "vitest";
import { bitLen } from "./bits.js";
import { toHex } from "./bytes.js";
import type { NodeId } from "./compact-range.js";
import { consistencyProofFromLeafHashes, inclusionProofFromLeafHashes, leafHash, nodeHash, rootFromLeafHashes } from "./merkle.js";
import { consistencyProof, consistencyProofNodes, inclusionProof, inclusionProofNodes, treeRoot } from "./proofs.js";
import { MemoryHashStore, appendLeaves, type HashReader } from "./store.js";
import { verifyConsistency, verifyInclusion } from "./verify.js";

const MAX = 70;

/** Compared as hex: deep equality over thousands of byte arrays is what would make this test slow. */
const hex = (hashes: readonly Uint8Array[]): string => hashes.map(toHex).join(",");

function leaves(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`journal entry ${i}`)));
}

/** Deterministic batch sizes 1..7, so appends cross subtree boundaries in many ways. */
function* batches(total: number): Generator<number> {
  let seed = 7;
  for (let done = 0; done < total; ) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const n = Math.min(total - done, 1 + (seed % 7));
    yield n;
    done += n;
  }
}

async function buildStore(all: readonly Uint8Array[]): Promise<MemoryHashStore> {
  const store = new MemoryHashStore();
  let size = 0;
  for (const n of batches(all.length)) {
    const result = await appendLeaves(store, size, all.slice(size, size + n));
    await store.putNodes(result.nodes);
    size = result.size;
    expect(result.root).toEqual(rootFromLeafHashes(all.slice(0, size)));
  }
  return store;
}

describe("proofs from stored perfect-subtree nodes", () => {
  it("persists exactly the perfect subtree nodes (2n - popcount(n))", async () => {
    const store = await buildStore(leaves(MAX));
    expect(store.size).toBe(2 * MAX - 3);
  });

  it(`equal the RFC proofs for every (index, size) up to ${MAX}, with one O(log n) read each`, async () => {
    const all = leaves(MAX);
    const store = await buildStore(all);
    let checked = 0;
    for (let size = 1; size <= MAX; size++) {
      const tree = all.slice(0, size);
      const root = await treeRoot(store, size);
      expect(root).toEqual(rootFromLeafHashes(tree));
      for (let index = 0; index < size; index++) {
        const before = { reads: store.reads, nodes: store.nodesRead };
        const proof = await inclusionProof(store, index, size);
        expect(store.reads - before.reads).toBeLessThanOrEqual(1);
        expect(store.nodesRead - before.nodes).toBeLessThanOrEqual(2 * bitLen(size));
        expect(hex(proof)).toBe(hex(inclusionProofFromLeafHashes(tree, index)));
        verifyInclusion(index, size, all[index]!, proof, root);
        checked++;
      }
    }
    expect(checked).toBe((MAX * (MAX + 1)) / 2);
  });

  it(`equal the RFC proofs for every 1 <= size1 <= size2 <= ${MAX}`, async () => {
    const all = leaves(MAX);
    const store = await buildStore(all);
    let checked = 0;
    for (let size2 = 1; size2 <= MAX; size2++) {
      const root2 = rootFromLeafHashes(all.slice(0, size2));
      for (let size1 = 1; size1 <= size2; size1++) {
        const before = store.nodesRead;
        const proof = await consistencyProof(store, size1, size2);
        expect(store.nodesRead - before).toBeLessThanOrEqual(2 * bitLen(size2));
        expect(hex(proof)).toBe(hex(consistencyProofFromLeafHashes(all.slice(0, size2), size1)));
        verifyConsistency(size1, size2, proof, rootFromLeafHashes(all.slice(0, size1)), root2);
        checked++;
      }
    }
    expect(checked).toBe((MAX * (MAX + 1)) / 2);
  });

  it("refuses what cannot be proven", async () => {
    const store = await buildStore(leaves(10));
    await expect(inclusionProof(store, 10, 10)).rejects.toThrow(/index-out-of-range/);
    await expect(consistencyProof(store, 0, 5)).rejects.toThrow(/empty-tree-consistency/);
    await expect(consistencyProof(store, 6, 5)).rejects.toThrow(/size-order/);
    await expect(inclusionProof(store, 3, 11)).rejects.toThrow(/missing-node/);
    expect(await consistencyProof(store, 7, 7)).toEqual([]);
  });

  it("stays O(log n) and exact beyond 2^32 leaves", async () => {
    // In a log whose leaves are all equal, a perfect subtree's hash depends on
    // its level only, so a reader can serve a 2^41-leaf tree without storing
    // it, and an independent recursive MTH can check the roots.
    const leaf = leafHash(new Uint8Array([42]));
    const perfect: Uint8Array[] = [leaf];
    for (let level = 1; level <= 53; level++) perfect.push(nodeHash(perfect[level - 1]!, perfect[level - 1]!));
    const reader: HashReader = {
      getNodes: async (ids: readonly NodeId[]) => ids.map((id) => perfect[id.level]!),
    };
    const mth = (n: number): Uint8Array => {
      const level = Math.round(Math.log2(n));
      if (n === 2 ** level) return perfect[level]!;
      let k = 1;
      while (k * 2 < n) k *= 2;
      return nodeHash(mth(k), mth(n - k));
    };
    for (const size of [2 ** 32 + 1, 2 ** 33 + 12345, 2 ** 41 - 1, 2 ** 41 + 2 ** 40 + 7]) {
      const root = await treeRoot(reader, size);
      expect(root).toEqual(mth(size));
      for (const index of [0, 1, 2 ** 32 - 1, 2 ** 32, size - 2, size - 1]) {
        const nodes = inclusionProofNodes(index, size);
        expect(nodes.ids.length).toBeLessThanOrEqual(2 * bitLen(size));
        for (const id of nodes.ids) expect((id.index + 1) * 2 ** id.level).toBeLessThanOrEqual(size);
        verifyInclusion(index, size, leaf, await inclusionProof(reader, index, size), root);
      }
      for (const size1 of [1, 3, 2 ** 32, 2 ** 32 + 5, size - 1].filter((s) => s <= size)) {
        const nodes = consistencyProofNodes(size1, size);
        for (const id of nodes.ids) expect((id.index + 1) * 2 ** id.level).toBeLessThanOrEqual(size);
        verifyConsistency(size1, size, await consistencyProof(reader, size1, size), mth(size1), root);
      }
    }
  });
});
