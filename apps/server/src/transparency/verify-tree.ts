import {
  CompactRange,
  consistencyProof,
  emptyRoot,
  encodeBase64,
  nodeKey,
  openCheckpoint,
  verifyConsistency,
  type HashReader,
  type NodeHash,
  type NodeId,
} from "@koperasi/tlog";
import type { Findings } from "./verify-findings";

// Rebuilds a cooperative's Merkle tree from its leaves in order, streaming:
// it holds a compact range (at most log2(n) + 1 hashes), never the leaves.
// Along the way it compares every perfect node the rebuild completes with the
// stored log_node row, and at each size a checkpoint was published it checks
// the checkpoint: the log key's signature, that its note says what its row
// says, that its root is the rebuilt root at that size, and that the stored
// nodes prove it consistent with the previous checkpoint.

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Uint8Array;
  signedNote: string;
}

export interface TreeStore {
  /** Stored hashes of these nodes, keyed by nodeKey; absent ones are missing. */
  nodes(ids: readonly NodeId[]): Promise<Map<string, Uint8Array>>;
  /** Reads nodes for proofs (rejects on a missing node). */
  reader: HashReader;
  /** The stored checkpoints, smallest tree first. */
  checkpoints(): AsyncIterator<StoredCheckpoint>;
  /** Stored nodes that a tree of `size` leaves cannot have: how many, and the first few. */
  nodesBeyond(size: number): Promise<{ count: number; first: NodeId[] }>;
}

export interface TreeSummary {
  size: number;
  root: Uint8Array;
  checkpoints: number;
  latestCheckpoint: number | undefined;
}

export class TreeVerifier {
  readonly #store: TreeStore;
  readonly #findings: Findings;
  readonly #logKey: string | undefined;
  readonly #range = CompactRange.empty();
  #completed: NodeHash[] = [];
  #checkpoints: AsyncIterator<StoredCheckpoint>;
  #next: StoredCheckpoint | undefined;
  #previous: StoredCheckpoint | undefined;
  /** The largest checkpoint whose root matched: a later mismatch lies after it. */
  #lastGood = 0;
  #checked = 0;
  #missingKeyReported = false;

  private constructor(store: TreeStore, findings: Findings, logKey: string | undefined) {
    this.#store = store;
    this.#findings = findings;
    this.#logKey = logKey;
    this.#checkpoints = store.checkpoints();
  }

  static async start(store: TreeStore, findings: Findings, logKey: string | undefined): Promise<TreeVerifier> {
    const verifier = new TreeVerifier(store, findings, logKey);
    await verifier.#advance();
    return verifier;
  }

  get size(): number {
    return this.#range.end;
  }

  /** Appends the next leaf hash (after checking any checkpoint at the current size). */
  async append(leafHash: Uint8Array): Promise<void> {
    await this.#checkpointsAtCurrentSize();
    this.#range.append(leafHash, (id, hash) => this.#completed.push({ id, hash }));
  }

  /** Compares the nodes completed since the last call with the stored ones (one query). */
  async compareNodes(): Promise<void> {
    const completed = this.#completed;
    this.#completed = [];
    if (completed.length === 0) return;
    const stored = await this.#store.nodes(completed.map((n) => n.id));
    for (const { id, hash } of completed) {
      const found = stored.get(nodeKey(id));
      if (found && Buffer.from(found).equals(hash)) continue;
      const first = id.index * 2 ** id.level;
      const last = first + 2 ** id.level - 1;
      const covers = id.level === 0 ? `daun posisi ${first}` : `posisi ${first}–${last}`;
      this.#findings.add({
        code: found ? "node_altered" : "node_missing",
        place: "tree",
        position: last,
        entrySeq: id.level === 0 ? first : undefined,
        detail: found
          ? `simpul pohon tersimpan (level ${id.level}, indeks ${id.index}; ${covers}) berbeda dari pohon yang dihitung ulang dari jurnal`
          : `simpul pohon (level ${id.level}, indeks ${id.index}; ${covers}) tidak tersimpan`,
      });
    }
  }

  /** Checks what remains after the last leaf: checkpoints at the final size or beyond it, and nodes the tree cannot have. */
  async finish(): Promise<TreeSummary> {
    await this.compareNodes();
    await this.#checkpointsAtCurrentSize();
    let beyond = 0;
    const first = this.#next;
    while (this.#next) {
      beyond += 1;
      await this.#advance();
    }
    if (first) {
      this.#findings.add({
        code: "checkpoint_beyond_tree",
        place: "tree",
        position: this.size,
        detail: `${beyond} checkpoint mencakup lebih banyak entri daripada yang ada di log (pertama: ukuran ${first.treeSize}, log hanya ${this.size}); entri yang pernah diterbitkan telah hilang`,
      });
    }
    const extra = await this.#store.nodesBeyond(this.size);
    if (extra.count > 0) {
      const list = extra.first.map((id) => `(${id.level}, ${id.index})`).join(", ");
      this.#findings.add({
        code: "node_extra",
        place: "tree",
        position: this.size,
        detail: `${extra.count} simpul pohon tersimpan di luar pohon berukuran ${this.size}, mis. ${list}`,
      });
    }
    return { size: this.size, root: this.#root(), checkpoints: this.#checked, latestCheckpoint: this.#previous?.treeSize };
  }

  #root(): Uint8Array {
    return this.size === 0 ? emptyRoot() : this.#range.rootHash();
  }

  async #advance(): Promise<void> {
    const next = await this.#checkpoints.next();
    this.#next = next.done ? undefined : next.value;
  }

  async #checkpointsAtCurrentSize(): Promise<void> {
    while (this.#next && this.#next.treeSize === this.size) {
      const checkpoint = this.#next;
      await this.#checkCheckpoint(checkpoint);
      await this.#advance();
    }
  }

  async #checkCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    this.#checked += 1;
    const size = checkpoint.treeSize;
    const position = size - 1;
    // A checkpoint whose signature holds says what the log published; one
    // whose signature fails was itself altered, and blames no entry.
    const signedRoot = this.#signedRoot(checkpoint);
    const root = signedRoot ?? checkpoint.rootHash;
    if (!Buffer.from(root).equals(this.#root())) {
      this.#findings.add({
        code: "checkpoint_root",
        place: "tree",
        position,
        entrySeq: signedRoot && size > this.#lastGood ? this.#lastGood : undefined,
        detail: signedRoot
          ? `akar pohon dari jurnal pada ukuran ${size} berbeda dari checkpoint yang diterbitkan; perubahan ada di antara posisi ${this.#lastGood} dan ${position}`
          : `akar pada checkpoint ukuran ${size} (tanpa tanda tangan sah) berbeda dari pohon yang dihitung ulang dari jurnal`,
      });
    } else if (signedRoot) {
      this.#lastGood = size;
    }
    const current = { ...checkpoint, rootHash: root };
    await this.#checkConsistency(this.#previous, current);
    this.#previous = current;
  }

  /** The root the log signed, or undefined (and a finding) when the signature or the row does not hold. */
  #signedRoot(checkpoint: StoredCheckpoint): Uint8Array | undefined {
    const position = checkpoint.treeSize - 1;
    if (!this.#logKey) {
      if (!this.#missingKeyReported) {
        this.#missingKeyReported = true;
        this.#findings.add({ code: "log_key_missing", place: "tree", position: -1, detail: "ada checkpoint, tetapi kunci log koperasi tidak ditemukan" });
      }
      return undefined;
    }
    try {
      const { checkpoint: signed } = openCheckpoint(checkpoint.signedNote, { log: this.#logKey });
      if (signed.size !== checkpoint.treeSize || !Buffer.from(signed.rootHash).equals(checkpoint.rootHash)) {
        this.#findings.add({
          code: "checkpoint_columns",
          place: "tree",
          position,
          detail: `baris checkpoint ukuran ${checkpoint.treeSize} berbeda dari catatan bertanda tangannya (ukuran ${signed.size}, akar ${encodeBase64(signed.rootHash)})`,
        });
        return signed.size === checkpoint.treeSize ? signed.rootHash : undefined;
      }
      return signed.rootHash;
    } catch (error) {
      this.#findings.add({
        code: "checkpoint_signature",
        place: "tree",
        position,
        detail: `tanda tangan checkpoint ukuran ${checkpoint.treeSize} tidak sah untuk kunci log (${(error as Error).message})`,
      });
      return undefined;
    }
  }

  /** A consistency proof served from the stored nodes must lead from the previous checkpoint's root to this one's. */
  async #checkConsistency(previous: StoredCheckpoint | undefined, current: StoredCheckpoint): Promise<void> {
    if (!previous || previous.treeSize === 0) return;
    try {
      const proof = await consistencyProof(this.#store.reader, previous.treeSize, current.treeSize);
      verifyConsistency(previous.treeSize, current.treeSize, proof, previous.rootHash, current.rootHash);
    } catch (error) {
      this.#findings.add({
        code: "checkpoint_consistency",
        place: "tree",
        position: current.treeSize - 1,
        detail: `bukti konsistensi dari simpul tersimpan antara checkpoint ${previous.treeSize} dan ${current.treeSize} gagal (${(error as Error).message})`,
      });
    }
  }
}
