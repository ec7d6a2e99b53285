import { assertUint, bitAt, bitLen, onesCount, shr, trailingZeros, xor } from "./bits.js";
import { equalBytes } from "./bytes.js";
import { TlogError } from "./errors.js";
import { HASH_SIZE, nodeHash } from "./merkle.js";

/*
 * Inclusion and consistency proof verification, ported from
 * transparency-dev/merkle proof/verify.go. Both throw a TlogError whose code
 * names the failure; returning means the proof is valid.
 */

/**
 * Splits an inclusion proof for leaf `index` in a tree of `size` into the
 * part below the point where the paths to `index` and `size - 1` diverge
 * ("inner") and the part along the right border above it ("border").
 */
function decomposeInclusionProof(index: number, size: number): { inner: number; border: number } {
  const inner = bitLen(xor(index, size - 1));
  const border = onesCount(shr(index, inner));
  return { inner, border };
}

/** Hashes the seed up through nodes on or below the right border. */
function chainInner(seed: Uint8Array, proof: readonly Uint8Array[], index: number): Uint8Array {
  let hash = seed;
  proof.forEach((sibling, i) => {
    hash = bitAt(index, i) === 0 ? nodeHash(hash, sibling) : nodeHash(sibling, hash);
  });
  return hash;
}

/**
 * Like chainInner but only takes siblings to the left of the path: the
 * result is the hash of the same subtree as it was at the older tree size.
 */
function chainInnerRight(seed: Uint8Array, proof: readonly Uint8Array[], index: number): Uint8Array {
  let hash = seed;
  proof.forEach((sibling, i) => {
    if (bitAt(index, i) === 1) hash = nodeHash(sibling, hash);
  });
  return hash;
}

/** Along the right border every proof hash is a left sibling. */
function chainBorderRight(seed: Uint8Array, proof: readonly Uint8Array[]): Uint8Array {
  let hash = seed;
  for (const sibling of proof) hash = nodeHash(sibling, hash);
  return hash;
}

function assertHashSizes(hashes: readonly Uint8Array[], what: string): void {
  hashes.forEach((h, i) => {
    if (h.length !== HASH_SIZE) throw new TlogError("bad-hash-size", `${what}[${i}] has ${h.length} bytes, want ${HASH_SIZE}`);
  });
}

/** The root implied by an inclusion proof; requires 0 <= index < size. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  assertUint(index, "index");
  assertUint(size, "size");
  if (index >= size) throw new TlogError("index-out-of-range", `index ${index} is beyond size ${size}`);
  if (leafHash.length !== HASH_SIZE) {
    throw new TlogError("bad-hash-size", `leaf hash has ${leafHash.length} bytes, want ${HASH_SIZE}`);
  }
  const { inner, border } = decomposeInclusionProof(index, size);
  if (proof.length !== inner + border) {
    throw new TlogError("wrong-proof-size", `inclusion proof has ${proof.length} hashes, want ${inner + border}`);
  }
  assertHashSizes(proof, "proof");
  const hash = chainInner(leafHash, proof.slice(0, inner), index);
  return chainBorderRight(hash, proof.slice(inner));
}

/** Checks that `leafHash` is at `index` in the tree of `size` with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const calculated = rootFromInclusionProof(index, size, leafHash, proof);
  if (!equalBytes(calculated, root)) {
    throw new TlogError("root-mismatch", "inclusion proof does not lead to the expected root");
  }
}

/**
 * The root of the tree of `size2` implied by a consistency proof from the
 * tree of `size1` with `root1`; throws root1-mismatch when the proof does not
 * reproduce root1.
 */
export function rootFromConsistencyProof(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
): Uint8Array {
  assertUint(size1, "size1");
  assertUint(size2, "size2");
  if (size2 < size1) throw new TlogError("size-order", `size2 (${size2}) < size1 (${size1})`);
  // Checked before size1 == size2 so that 0 -> 0 is refused too: an empty
  // tree commits to nothing, so there is nothing to be consistent with.
  if (size1 === 0) throw new TlogError("empty-tree-consistency", "consistency proof from an empty tree is meaningless");
  if (size1 === size2) {
    if (proof.length > 0) throw new TlogError("nonempty-proof", "size1 = size2 but the proof is not empty");
    return root1;
  }
  if (proof.length === 0) throw new TlogError("empty-proof", "consistency proof is empty");

  const decomposed = decomposeInclusionProof(size1 - 1, size2);
  const shift = trailingZeros(size1);
  const inner = decomposed.inner - shift; // shift < inner because size1 < size2.
  const border = decomposed.border;

  // The proof starts with the root of the subtree of size 2^shift, unless
  // size1 is that subtree itself, whose hash the verifier already has.
  const size1IsPerfect = size1 === 2 ** shift;
  const seed = size1IsPerfect ? root1 : proof[0]!;
  const start = size1IsPerfect ? 0 : 1;
  if (proof.length !== start + inner + border) {
    throw new TlogError("wrong-proof-size", `consistency proof has ${proof.length} hashes, want ${start + inner + border}`);
  }
  const rest = proof.slice(start);
  assertHashSizes(proof, "proof");

  // Chaining starts at level `shift`, where `seed` sits.
  const mask = shr(size1 - 1, shift);
  const hash1 = chainBorderRight(chainInnerRight(seed, rest.slice(0, inner), mask), rest.slice(inner));
  if (!equalBytes(hash1, root1)) throw new TlogError("root1-mismatch", "consistency proof does not reproduce root1");
  return chainBorderRight(chainInner(seed, rest.slice(0, inner), mask), rest.slice(inner));
}

/** Checks that the tree (size2, root2) extends the tree (size1, root1). */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  const calculated = rootFromConsistencyProof(size1, size2, proof, root1);
  if (!equalBytes(calculated, root2)) {
    throw new TlogError("root2-mismatch", "consistency proof does not lead to root2");
  }
}
