import { assertUint, bitLen, isPowerOfTwo, shr, trailingZeros, xor } from "./bits.js";
import { CompactRange, coverage, parentOf, rangeNodes, siblingOf, type NodeId } from "./compact-range.js";
import { TlogError } from "./errors.js";
import { nodeHash } from "./merkle.js";
import { readNodes, type HashReader } from "./store.js";

/*
 * Proof generation from stored perfect-subtree nodes, ported from
 * transparency-dev/merkle proof/proof.go. A proof is planned as a list of
 * node IDs; at most one proof element is "ephemeral" (it roots an imperfect
 * subtree on the right edge, so it is never stored) and is rebuilt from the
 * stored nodes that cover it. Every proof therefore costs one batched read
 * of O(log n) nodes, whatever the tree size.
 */

/** What to fetch for a proof, and which fetched run to fold into one hash. */
export interface ProofNodes {
  /** Stored nodes, in proof order (the ephemeral node's parts lowest first). */
  readonly ids: readonly NodeId[];
  /** ids[begin, end) together make the ephemeral node; begin = end when there is none. */
  readonly begin: number;
  readonly end: number;
}

/** The IDs proving node (level, index) is in the tree of `size`, the node itself first. */
function planNodes(index: number, level: number, size: number): ProofNodes {
  // The fork is where the path from (level, index) up to the root leaves the
  // path to leaf `size`; its sibling is the ephemeral node, covered by the
  // stored nodes of range [fork end, size).
  const inner = bitLen(xor(index, shr(size, level))) - 1;
  const fork: NodeId = { level: level + inner, index: shr(index, inner) };
  const { begin: forkBegin, end: forkEnd } = coverage(fork);

  const ids: NodeId[] = [{ level, index }];
  for (let node: NodeId = { level, index }; node.level < fork.level; node = parentOf(node)) {
    ids.push(siblingOf(node));
  }
  let begin = ids.length;
  // Reversed so they fold from the lowest level up (see rehashProof).
  ids.push(...rangeNodes(forkEnd, size).reverse());
  let end = ids.length;
  ids.push(...rangeNodes(0, forkBegin).reverse());
  if (begin >= end) begin = end = 0;
  return { ids, begin, end };
}

function skipFirst(p: ProofNodes): ProofNodes {
  const shifted = p.begin < p.end;
  return { ids: p.ids.slice(1), begin: shifted ? p.begin - 1 : p.begin, end: shifted ? p.end - 1 : p.end };
}

/** Nodes for the inclusion proof of leaf `index` in the tree of `size`. */
export function inclusionProofNodes(index: number, size: number): ProofNodes {
  assertUint(index, "index");
  assertUint(size, "size");
  if (index >= size) throw new TlogError("index-out-of-range", `index ${index} out of bounds for tree size ${size}`);
  return skipFirst(planNodes(index, 0, size));
}

/** Nodes for the consistency proof between tree sizes 0 < size1 <= size2. */
export function consistencyProofNodes(size1: number, size2: number): ProofNodes {
  assertUint(size1, "size1");
  assertUint(size2, "size2");
  if (size1 > size2) throw new TlogError("size-order", `tree size ${size1} > ${size2}`);
  if (size1 === 0) throw new TlogError("empty-tree-consistency", "consistency proof from an empty tree is meaningless");
  if (size1 === size2) return { ids: [], begin: 0, end: 0 };
  // The biggest perfect subtree ending at size1, and its inclusion proof in size2.
  const level = trailingZeros(size1);
  const p = planNodes(shr(size1 - 1, level), level, size2);
  // When size1 is itself that perfect subtree, the verifier has its hash (root1).
  return isPowerOfTwo(size1) ? skipFirst(p) : p;
}

/** Folds the fetched hashes into the proof (the ephemeral node's run becomes one hash). */
export function rehashProof(nodes: ProofNodes, hashes: readonly Uint8Array[]): Uint8Array[] {
  if (hashes.length !== nodes.ids.length) {
    throw new TlogError("missing-node", `got ${hashes.length} hashes for ${nodes.ids.length} nodes`);
  }
  const proof: Uint8Array[] = [];
  for (let i = 0; i < hashes.length; i++) {
    if (i === nodes.begin && nodes.begin < nodes.end) {
      let hash = hashes[i]!;
      for (i++; i < nodes.end; i++) hash = nodeHash(hashes[i]!, hash);
      i--;
      proof.push(hash);
    } else {
      proof.push(hashes[i]!);
    }
  }
  return proof;
}

/** Inclusion proof for leaf `index` in the tree of `size`, from stored nodes. */
export async function inclusionProof(reader: HashReader, index: number, size: number): Promise<Uint8Array[]> {
  const nodes = inclusionProofNodes(index, size);
  return rehashProof(nodes, await readNodes(reader, nodes.ids));
}

/** Consistency proof between tree sizes 0 < size1 <= size2, from stored nodes. */
export async function consistencyProof(reader: HashReader, size1: number, size2: number): Promise<Uint8Array[]> {
  const nodes = consistencyProofNodes(size1, size2);
  return rehashProof(nodes, await readNodes(reader, nodes.ids));
}

/** Root hash of the tree of any size the store covers (at most log2(size) + 1 reads). */
export async function treeRoot(reader: HashReader, size: number): Promise<Uint8Array> {
  assertUint(size, "size");
  const ids = rangeNodes(0, size);
  return CompactRange.fromHashes(0, size, await readNodes(reader, ids)).rootHash();
}
