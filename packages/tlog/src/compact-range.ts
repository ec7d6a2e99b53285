import { assertUint, bitLen, lowBits, onesCount, shl, shr, trailingZeros, xor } from "./bits.js";
import { TlogError } from "./errors.js";
import { HASH_SIZE, emptyRoot, nodeHash } from "./merkle.js";

/*
 * Compact ranges, ported from transparency-dev/merkle compact/range.go and
 * compact/nodes.go. A compact range holds the roots of the minimal set of
 * perfect subtrees covering leaves [begin, end): at most 2 log2(n) hashes,
 * enough to append leaves and compute the root without the leaves themselves.
 */

/**
 * A node of the tree, addressed as in Trillian and Tessera: `level` is the
 * height above the leaves (0 = leaf) and `index` its position from the left
 * on that level. Only nodes of *perfect* subtrees have an ID here; such a
 * node covers leaves [index * 2^level, (index + 1) * 2^level) and, once all
 * of them exist, its hash never changes as the log grows.
 */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

export interface NodeHash {
  readonly id: NodeId;
  readonly hash: Uint8Array;
}

export function nodeId(level: number, index: number): NodeId {
  return { level, index };
}

export function parentOf(id: NodeId): NodeId {
  return { level: id.level + 1, index: shr(id.index, 1) };
}

export function siblingOf(id: NodeId): NodeId {
  return { level: id.level, index: id.index % 2 === 0 ? id.index + 1 : id.index - 1 };
}

/** The [begin, end) range of leaves under a node. */
export function coverage(id: NodeId): { begin: number; end: number } {
  return { begin: shl(id.index, id.level), end: shl(id.index + 1, id.level) };
}

/**
 * Sizes of the perfect subtrees covering [begin, end), as two bit masks: bits
 * of `left` (low to high) are the subtrees along the left edge, bits of
 * `right` (high to low) those along the right edge.
 */
export function decompose(begin: number, end: number): { left: number; right: number } {
  if (begin === 0) return { left: 0, right: end };
  const xbegin = begin - 1;
  // Only nodes strictly below the point where the paths to leaves begin-1
  // and end diverge lie inside the range.
  const d = bitLen(xor(xbegin, end)) - 1;
  const mask = 2 ** d - 1;
  return { left: lowBits(xor(xbegin, mask), d), right: lowBits(end, d) };
}

/** IDs of the perfect subtrees covering [begin, end), left to right. */
export function rangeNodes(begin: number, end: number): NodeId[] {
  let { left, right } = decompose(begin, end);
  const ids: NodeId[] = [];
  let pos = begin;
  while (left !== 0) {
    const level = trailingZeros(left);
    ids.push({ level, index: shr(pos, level) });
    pos += 2 ** level;
    left -= 2 ** level;
  }
  while (right !== 0) {
    const level = bitLen(right) - 1;
    ids.push({ level, index: shr(pos, level) });
    pos += 2 ** level;
    right -= 2 ** level;
  }
  return ids;
}

export type NodeVisitor = (id: NodeId, hash: Uint8Array) => void;

/**
 * The bits [low, high) of `mid` that encode how the compact ranges
 * [begin, mid) and [mid, end) merge: a 1 bit at level i merges with a node of
 * the left range, a 0 bit with one of the right range.
 */
function mergePath(begin: number, mid: number, end: number): { low: number; high: number } {
  // An empty left range starting at 0 has nothing to merge with.
  if (mid === 0) return { low: 0, high: 0 };
  const low = trailingZeros(mid);
  let high = 64;
  if (begin !== 0) high = bitLen(xor(mid, begin - 1));
  const high2 = bitLen(xor(mid - 1, end));
  if (high2 < high) high = high2;
  return { low, high: Math.max(high - 1, low) };
}

export class CompactRange {
  #begin: number;
  #end: number;
  #hashes: Uint8Array[];

  private constructor(begin: number, end: number, hashes: Uint8Array[]) {
    this.#begin = begin;
    this.#end = end;
    this.#hashes = hashes;
  }

  /** An empty range [begin, begin) that grows by appending. */
  static empty(begin = 0): CompactRange {
    assertUint(begin, "begin");
    return new CompactRange(begin, begin, []);
  }

  /** A range from the hashes of rangeNodes(begin, end), left to right. */
  static fromHashes(begin: number, end: number, hashes: readonly Uint8Array[]): CompactRange {
    assertUint(begin, "begin");
    assertUint(end, "end");
    if (end < begin) throw new TlogError("invalid-argument", `invalid range: end ${end} < begin ${begin}`);
    const { left, right } = decompose(begin, end);
    const want = onesCount(left) + onesCount(right);
    if (hashes.length !== want) {
      throw new TlogError("invalid-argument", `compact range [${begin}, ${end}) needs ${want} hashes, got ${hashes.length}`);
    }
    hashes.forEach((h, i) => {
      if (h.length !== HASH_SIZE) throw new TlogError("bad-hash-size", `compact range hash ${i} has ${h.length} bytes`);
    });
    return new CompactRange(begin, end, [...hashes]);
  }

  get begin(): number {
    return this.#begin;
  }

  get end(): number {
    return this.#end;
  }

  /** Roots of the perfect subtrees covering the range, left to right. */
  get hashes(): readonly Uint8Array[] {
    return this.#hashes;
  }

  /** IDs matching `hashes`. */
  get nodeIds(): NodeId[] {
    return rangeNodes(this.#begin, this.#end);
  }

  clone(): CompactRange {
    return new CompactRange(this.#begin, this.#end, [...this.#hashes]);
  }

  /**
   * Appends one leaf hash. The visitor sees the leaf itself (level 0) and
   * every perfect subtree node the append completes: exactly the nodes to
   * persist for proofs.
   */
  append(leafHash: Uint8Array, visit?: NodeVisitor): void {
    if (leafHash.length !== HASH_SIZE) throw new TlogError("bad-hash-size", `leaf hash has ${leafHash.length} bytes`);
    visit?.({ level: 0, index: this.#end }, leafHash);
    this.#merge(this.#end + 1, leafHash, [], visit);
  }

  /** Merges in a compact range that starts where this one ends. */
  appendRange(other: CompactRange, visit?: NodeVisitor): void {
    if (other.begin !== this.#end) {
      throw new TlogError("invalid-argument", `ranges are disjoint: other begins at ${other.begin}, want ${this.#end}`);
    }
    const [seed, ...rest] = other.hashes;
    if (seed === undefined) return;
    this.#merge(other.end, seed, rest, visit);
  }

  /**
   * The root of the tree [0, end). The visitor sees the "ephemeral" nodes on
   * the right border, which root imperfect subtrees and are not persisted.
   */
  rootHash(visitEphemeral?: NodeVisitor): Uint8Array {
    if (this.#begin !== 0) throw new TlogError("invalid-argument", `root needs a range from 0, this one begins at ${this.#begin}`);
    const n = this.#hashes.length;
    if (n === 0) return emptyRoot();
    let hash = this.#hashes[n - 1]!;
    let size = this.#end;
    for (let i = n - 2; i >= 0; i--) {
      hash = nodeHash(this.#hashes[i]!, hash);
      if (visitEphemeral) {
        size -= 2 ** trailingZeros(size); // Drop the lower node just merged.
        const level = trailingZeros(size) + 1;
        visitEphemeral({ level, index: shr(size, level) }, hash);
      }
    }
    return hash;
  }

  /** Merges the compact range [end, newEnd), given as seed + hashes, into this one. */
  #merge(newEnd: number, seed: Uint8Array, hashes: readonly Uint8Array[], visit?: NodeVisitor): void {
    const { low, high } = mergePath(this.#begin, this.#end, newEnd);
    let index = shr(this.#end, low);
    // Ones in the path merge nodes of the left range, zeros of the right one;
    // both ranges must hold enough hashes unless the data is corrupted.
    const ones = onesCount(lowBits(index, high - low));
    if (this.#hashes.length < ones) {
      throw new TlogError("invalid-argument", `corrupted left range: ${this.#hashes.length} hashes, want >= ${ones}`);
    }
    if (hashes.length < high - low - ones) {
      throw new TlogError("invalid-argument", `corrupted right range: ${hashes.length + 1} hashes, want >= ${high - low - ones + 1}`);
    }
    let left = this.#hashes.length;
    let right = 0;
    let hash = seed;
    for (let level = low; level < high; level++) {
      if (index % 2 === 0) {
        hash = nodeHash(hash, hashes[right]!);
        right++;
      } else {
        left--;
        hash = nodeHash(this.#hashes[left]!, hash);
      }
      index = shr(index, 1);
      visit?.({ level: level + 1, index }, hash);
    }
    this.#hashes = [...this.#hashes.slice(0, left), hash, ...hashes.slice(right)];
    this.#end = newEnd;
  }
}
