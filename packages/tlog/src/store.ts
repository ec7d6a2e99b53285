import { CompactRange, rangeNodes, type NodeHash, type NodeId } from "./compact-range.js";
import { TlogError } from "./errors.js";
import { HASH_SIZE } from "./merkle.js";

/*
 * Persisted tree state. The log stores the hash of every perfect-subtree node
 * (leaves included) keyed by (level, index) — about 2n hashes for n leaves,
 * written once and never updated, because a perfect subtree's hash is fixed
 * for good once its last leaf arrives. That is what makes proofs for *any*
 * past tree size cheap: they only ever need perfect nodes inside [0, size),
 * plus a few that are combined on the fly for the ragged right edge.
 *
 * The interfaces are storage-agnostic: the server implements them with a
 * table, tests with a Map.
 */

/** Reads stored node hashes. */
export interface HashReader {
  /** Resolves to the hashes of `ids`, in the same order; rejects if any is missing. */
  getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]>;
}

/** Writes node hashes. Writes are idempotent: a node's hash never changes. */
export interface HashWriter {
  putNodes(nodes: readonly NodeHash[]): Promise<void>;
}

export function nodeKey(id: NodeId): string {
  return `${id.level}/${id.index}`;
}

/** Fetches nodes and checks the reader kept its contract. */
export async function readNodes(reader: HashReader, ids: readonly NodeId[]): Promise<Uint8Array[]> {
  if (ids.length === 0) return [];
  const hashes = await reader.getNodes(ids);
  if (hashes.length !== ids.length) {
    throw new TlogError("missing-node", `asked for ${ids.length} nodes, got ${hashes.length}`);
  }
  hashes.forEach((h, i) => {
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
      throw new TlogError("missing-node", `node ${nodeKey(ids[i]!)} is missing or not ${HASH_SIZE} bytes`);
    }
  });
  return hashes;
}

/** In-memory store for tests, the CLI and small tools. */
export class MemoryHashStore implements HashReader, HashWriter {
  readonly #nodes = new Map<string, Uint8Array>();
  /** Number of getNodes calls and of node IDs requested, to test proof cost. */
  reads = 0;
  nodesRead = 0;

  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    this.reads++;
    this.nodesRead += ids.length;
    return ids.map((id) => {
      const hash = this.#nodes.get(nodeKey(id));
      if (!hash) throw new TlogError("missing-node", `node ${nodeKey(id)} is not stored`);
      return hash;
    });
  }

  async putNodes(nodes: readonly NodeHash[]): Promise<void> {
    for (const { id, hash } of nodes) this.#nodes.set(nodeKey(id), hash);
  }

  get size(): number {
    return this.#nodes.size;
  }
}

/** Loads the compact range [0, size) from the store: at most log2(size) + 1 nodes. */
export async function loadCompactRange(reader: HashReader, size: number): Promise<CompactRange> {
  const ids = rangeNodes(0, size);
  return CompactRange.fromHashes(0, size, await readNodes(reader, ids));
}

export interface AppendResult {
  /** The new tree size. */
  readonly size: number;
  /** The new root hash. */
  readonly root: Uint8Array;
  /** The nodes to persist: each new leaf and each perfect subtree it completes. */
  readonly nodes: readonly NodeHash[];
  /** The compact range at the new size, which a sequencer may keep in memory for the next batch. */
  readonly range: CompactRange;
}

/**
 * Appends leaf hashes to the tree of `size` (or to a compact range the caller
 * already holds for it) and returns what to persist. Reads at most
 * log2(size) + 1 stored nodes; it never rereads old leaves.
 */
export async function appendLeaves(
  from: HashReader | CompactRange,
  size: number,
  leafHashes: readonly Uint8Array[],
): Promise<AppendResult> {
  const range = from instanceof CompactRange ? from.clone() : await loadCompactRange(from, size);
  if (range.begin !== 0 || range.end !== size) {
    throw new TlogError("invalid-argument", `compact range covers [${range.begin}, ${range.end}), want [0, ${size})`);
  }
  const nodes: NodeHash[] = [];
  for (const leaf of leafHashes) range.append(leaf, (id, hash) => nodes.push({ id, hash }));
  return { size: range.end, root: range.rootHash(), nodes, range };
}
