import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { nodeKey, TlogError, type HashReader, type HashWriter, type NodeHash, type NodeId } from "@koperasi/tlog";

// The cooperative's Merkle tree in `log_node`: one row per perfect-subtree
// node, written once (docs/tlog-storage.md). Reads and writes go through the
// caller's transaction, so the sequencer's nodes, leaf positions and
// checkpoint commit together.

/** Rows per INSERT: four parameters each, far below PostgreSQL's 65,535. */
const INSERT_CHUNK = 1000;

export class LogNodeStore implements HashReader, HashWriter {
  /** Number of getNodes calls, and node ids asked for: proofs must stay O(log n). */
  reads = 0;
  nodesRead = 0;

  constructor(
    private readonly trx: Transaction<DB>,
    private readonly koperasiId: string,
  ) {}

  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    if (ids.length === 0) return [];
    this.reads += 1;
    this.nodesRead += ids.length;
    const wanted = sql.join(ids.map((id) => sql`(${id.level}::smallint, ${id.index}::bigint)`));
    const rows = await this.trx
      .selectFrom("log_node")
      .select(["level", sql<string>`idx::text`.as("idx"), "hash"])
      .where("koperasi_id", "=", this.koperasiId)
      .where(sql<boolean>`(level, idx) IN (${wanted})`)
      .execute();
    const found = new Map(rows.map((row) => [`${row.level}/${row.idx}`, new Uint8Array(row.hash)]));
    return ids.map((id) => {
      const hash = found.get(nodeKey(id));
      if (!hash) throw new TlogError("missing-node", `log node ${nodeKey(id)} of cooperative ${this.koperasiId} is not stored`);
      return hash;
    });
  }

  /** Idempotent, as HashWriter promises: a node already stored keeps its row. */
  async putNodes(nodes: readonly NodeHash[]): Promise<void> {
    for (let start = 0; start < nodes.length; start += INSERT_CHUNK) {
      const chunk = nodes.slice(start, start + INSERT_CHUNK);
      await this.trx
        .insertInto("log_node")
        .values(chunk.map(({ id, hash }) => ({ koperasi_id: this.koperasiId, level: id.level, idx: id.index, hash: Buffer.from(hash) })))
        .onConflict((oc) => oc.columns(["koperasi_id", "level", "idx"]).doNothing())
        .execute();
    }
  }
}
