import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { nodeKey, TlogError, type HashReader, type HashWriter, type NodeHash, type NodeId } from "@koperasi/tlog";

// The cooperative's Merkle tree in `log_node`: one row per perfect-subtree
// node, written once (docs/tlog-storage.md). Reads and writes go through the
// caller's transaction, so the sequencer's nodes, leaf positions and
// checkpoint commit together.

/** Nodes per INSERT: bounds one statement's text parameters (about 70 bytes a node). */
const INSERT_CHUNK = 5000;

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
    // Ids travel as two text lists, so one prepared shape serves any count.
    const { rows } = await sql<{ level: number; idx: string; hash: Uint8Array }>`
      SELECT n.level, n.idx::text AS idx, n.hash
      FROM unnest(string_to_array(${ids.map((id) => id.level).join(",")}, ',')::smallint[],
                  string_to_array(${ids.map((id) => id.index).join(",")}, ',')::bigint[]) AS w (level, idx)
      JOIN log_node n ON n.koperasi_id = ${this.koperasiId}::uuid AND n.level = w.level AND n.idx = w.idx`.execute(this.trx);
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
      await sql`
        INSERT INTO log_node (koperasi_id, level, idx, hash)
        SELECT ${this.koperasiId}::uuid, w.level, w.idx, decode(w.hash, 'hex')
        FROM unnest(string_to_array(${chunk.map((n) => n.id.level).join(",")}, ',')::smallint[],
                    string_to_array(${chunk.map((n) => n.id.index).join(",")}, ',')::bigint[],
                    string_to_array(${chunk.map((n) => Buffer.from(n.hash).toString("hex")).join(",")}, ',')) AS w (level, idx, hash)
        ON CONFLICT (koperasi_id, level, idx) DO NOTHING`.execute(this.trx);
    }
  }
}
