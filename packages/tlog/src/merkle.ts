import { sha256 } from "@noble/hashes/sha2.js";
import { TlogError } from "./errors.js";

/*
 * RFC 9162 (RFC 6962) Merkle tree hashing, plus the RFC's own recursive
 * definitions of the tree head and of both proofs over a full list of leaf
 * hashes. The recursive versions read every leaf, so the server does not use
 * them on a live log (see proofs.ts); they are the specification that the
 * O(log n) code is tested against, and are fine for small trees.
 */

export const HASH_SIZE = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** SHA-256(0x00 || data): the hash of one log entry. */
export function leafHash(data: Uint8Array): Uint8Array {
  return sha256.create().update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256(0x01 || left || right): the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256.create().update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH({}) = SHA-256(""), the root of the empty tree. */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** Largest power of two strictly smaller than n (n >= 2): the RFC's split point k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subtreeRoot(leaves: readonly Uint8Array[], begin: number, end: number): Uint8Array {
  const n = end - begin;
  if (n === 1) return leaves[begin]!;
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leaves, begin, begin + k), subtreeRoot(leaves, begin + k, end));
}

/** MTH(D[n]) over leaf hashes (already passed through leafHash). */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/** PATH(m, D[n]) of RFC 9162 section 2.1.3.1, ordered from the leaf up. */
export function inclusionProofFromLeafHashes(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leafHashes.length) {
    throw new TlogError("index-out-of-range", `index ${index} not in tree of size ${leafHashes.length}`);
  }
  const path = (m: number, begin: number, end: number): Uint8Array[] => {
    const n = end - begin;
    if (n === 1) return [];
    const k = splitPoint(n);
    if (m < k) return [...path(m, begin, begin + k), subtreeRoot(leafHashes, begin + k, end)];
    return [...path(m - k, begin + k, end), subtreeRoot(leafHashes, begin, begin + k)];
  };
  return path(index, 0, leafHashes.length);
}

/** PROOF(m, D[n]) of RFC 9162 section 2.1.4.1, for 0 < size1 <= n. */
export function consistencyProofFromLeafHashes(leafHashes: readonly Uint8Array[], size1: number): Uint8Array[] {
  const n = leafHashes.length;
  if (!Number.isSafeInteger(size1) || size1 > n) {
    throw new TlogError("size-order", `size1 ${size1} exceeds tree size ${n}`);
  }
  if (size1 <= 0) throw new TlogError("empty-tree-consistency", "consistency proof from an empty tree is meaningless");
  const subproof = (m: number, begin: number, end: number, complete: boolean): Uint8Array[] => {
    const size = end - begin;
    if (m === size) return complete ? [] : [subtreeRoot(leafHashes, begin, end)];
    const k = splitPoint(size);
    if (m <= k) return [...subproof(m, begin, begin + k, complete), subtreeRoot(leafHashes, begin + k, end)];
    return [...subproof(m - k, begin + k, end, false), subtreeRoot(leafHashes, begin, begin + k)];
  };
  return subproof(size1, 0, n, true);
}
