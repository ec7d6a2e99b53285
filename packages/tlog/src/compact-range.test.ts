import { describe, expect, it } from "vitest";
import { CompactRange, decompose, rangeNodes, type NodeId } from "./compact-range.js";
import { leafHash, rootFromLeafHashes } from "./merkle.js";

function leaves(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
}

/** Root of the perfect subtree under `id`, from the leaves. */
function subtree(all: readonly Uint8Array[], id: NodeId): Uint8Array {
  const begin = id.index * 2 ** id.level;
  return rootFromLeafHashes(all.slice(begin, begin + 2 ** id.level));
}

describe("compact ranges", () => {
  it("decomposes [0b110, 0b11101) into subtrees of 2, 8 | 8, 4, 1 (the Go package's example)", () => {
    expect(decompose(0b110, 0b11101)).toEqual({ left: 0b1010, right: 0b1101 });
    expect(rangeNodes(0b110, 0b11101)).toEqual([
      { level: 1, index: 3 },
      { level: 3, index: 1 },
      { level: 3, index: 2 },
      { level: 2, index: 6 },
      { level: 0, index: 28 },
    ]);
    expect(rangeNodes(0, 0)).toEqual([]);
    expect(rangeNodes(5, 5)).toEqual([]);
    expect(rangeNodes(0, 2 ** 40 + 3)).toEqual([
      { level: 40, index: 0 },
      { level: 1, index: 2 ** 39 },
      { level: 0, index: 2 ** 40 + 2 },
    ]);
  });

  it("covers every range exactly with perfect subtrees", () => {
    for (let begin = 0; begin <= 40; begin++) {
      for (let end = begin; end <= 40; end++) {
        let pos = begin;
        for (const id of rangeNodes(begin, end)) {
          expect(id.index * 2 ** id.level).toBe(pos);
          pos += 2 ** id.level;
        }
        expect(pos).toBe(end);
      }
    }
  });

  it("appends leaf by leaf, reporting exactly the perfect nodes, and roots match MTH", () => {
    const all = leaves(70);
    const range = CompactRange.empty();
    const seen = new Map<string, Uint8Array>();
    expect(range.rootHash()).toEqual(rootFromLeafHashes([]));
    all.forEach((leaf, i) => {
      range.append(leaf, (id, hash) => {
        expect(seen.has(`${id.level}/${id.index}`)).toBe(false);
        seen.set(`${id.level}/${id.index}`, hash);
        expect(hash).toEqual(subtree(all, id));
      });
      const size = i + 1;
      expect(range.end).toBe(size);
      expect(range.rootHash()).toEqual(rootFromLeafHashes(all.slice(0, size)));
      range.nodeIds.forEach((id, j) => expect(range.hashes[j]).toEqual(subtree(all, id)));
    });
    // Perfect subtrees of a 70-leaf tree: sum over levels of floor(70 / 2^level) = 2 * 70 - popcount(70).
    expect(seen.size).toBe(2 * 70 - 3);
  });

  it("reports the ephemeral right-border nodes when computing the root", () => {
    const all = leaves(13);
    const range = CompactRange.empty();
    all.forEach((l) => range.append(l));
    const ephemeral: { id: NodeId; hash: Uint8Array }[] = [];
    const root = range.rootHash((id, hash) => ephemeral.push({ id, hash }));
    // 13 = 8 + 4 + 1: node (3, 1) over [8, 13) and the root (4, 0).
    expect(ephemeral.map((e) => e.id)).toEqual([
      { level: 3, index: 1 },
      { level: 4, index: 0 },
    ]);
    expect(ephemeral[0]!.hash).toEqual(rootFromLeafHashes(all.slice(8)));
    expect(ephemeral[1]!.hash).toEqual(root);
  });

  it("merges adjacent ranges the same as appending one by one", () => {
    const all = leaves(45);
    const build = (begin: number, end: number): CompactRange => {
      const r = CompactRange.empty(begin);
      for (let i = begin; i < end; i++) r.append(all[i]!);
      return r;
    };
    for (let mid = 0; mid <= 45; mid += 1) {
      for (const end of [mid, mid + 1, 45]) {
        if (end > 45) continue;
        const merged = build(0, mid);
        const nodes: string[] = [];
        merged.appendRange(build(mid, end), (id) => nodes.push(`${id.level}/${id.index}`));
        const direct = build(0, end);
        expect(merged.end).toBe(end);
        expect(merged.hashes).toEqual(direct.hashes);
        expect(merged.rootHash()).toEqual(rootFromLeafHashes(all.slice(0, end)));
      }
    }
  });

  it("refuses inconsistent inputs", () => {
    expect(() => CompactRange.fromHashes(0, 3, leaves(1))).toThrow(/invalid-argument/);
    expect(() => CompactRange.fromHashes(0, 3, [new Uint8Array(31), new Uint8Array(32)])).toThrow(/bad-hash-size/);
    expect(() => CompactRange.empty(3).rootHash()).toThrow(/invalid-argument/);
    expect(() => CompactRange.empty().appendRange(CompactRange.empty(2))).toThrow(/disjoint/);
  });
});
