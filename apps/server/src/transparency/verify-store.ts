import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { TlogError, nodeKey, type HashReader, type NodeId } from "@koperasi/tlog";
import type { StoredCheckpoint, TreeStore } from "./verify-tree";

// The verifier's reads of the stored tree (log_node) and checkpoints
// (log_checkpoint), for one cooperative inside its snapshot transaction.

const CHECKPOINT_PAGE = 500;

export function treeStoreOf(trx: Transaction<DB>, koperasiId: string): TreeStore {
  return {
    nodes: (ids) => storedNodes(trx, koperasiId, ids),
    reader: nodeReader(trx, koperasiId),
    checkpoints: () => checkpointsOf(trx, koperasiId),
    nodesBeyond: (size) => nodesBeyond(trx, koperasiId, size),
  };
}

/** One query: the ids of a batch form one index range per level. */
async function storedNodes(trx: Transaction<DB>, koperasiId: string, ids: readonly NodeId[]): Promise<Map<string, Uint8Array>> {
  const ranges = new Map<number, { min: number; max: number }>();
  for (const { level, index } of ids) {
    const range = ranges.get(level);
    ranges.set(level, range ? { min: Math.min(range.min, index), max: Math.max(range.max, index) } : { min: index, max: index });
  }
  const rows = await trx
    .selectFrom("log_node")
    .select(["level", "idx", "hash"])
    .where("koperasi_id", "=", koperasiId)
    .where((eb) =>
      eb.or([...ranges].map(([level, { min, max }]) => eb.and([eb("level", "=", level), eb("idx", ">=", min), eb("idx", "<=", max)]))),
    )
    .execute();
  return new Map(rows.map((row) => [nodeKey({ level: row.level, index: Number(row.idx) }), row.hash]));
}

function nodeReader(trx: Transaction<DB>, koperasiId: string): HashReader {
  return {
    async getNodes(ids) {
      if (ids.length === 0) return [];
      const pairs = sql.join(ids.map(({ level, index }) => sql`(${level}::smallint, ${index}::bigint)`));
      const rows = await trx
        .selectFrom("log_node")
        .select(["level", "idx", "hash"])
        .where("koperasi_id", "=", koperasiId)
        .where(sql<boolean>`(level, idx) IN (${pairs})`)
        .execute();
      const found = new Map(rows.map((row) => [nodeKey({ level: row.level, index: Number(row.idx) }), row.hash]));
      return ids.map((id) => {
        const hash = found.get(nodeKey(id));
        if (!hash) throw new TlogError("missing-node", `simpul ${nodeKey(id)} tidak tersimpan`);
        return hash;
      });
    },
  };
}

async function* checkpointsOf(trx: Transaction<DB>, koperasiId: string): AsyncGenerator<StoredCheckpoint> {
  let after = -1;
  for (;;) {
    const rows = await trx
      .selectFrom("log_checkpoint")
      .select(["tree_size", "root_hash", "signed_note"])
      .where("koperasi_id", "=", koperasiId)
      .where("tree_size", ">", after)
      .orderBy("tree_size")
      .limit(CHECKPOINT_PAGE)
      .execute();
    for (const row of rows) yield { treeSize: Number(row.tree_size), rootHash: row.root_hash, signedNote: row.signed_note };
    if (rows.length < CHECKPOINT_PAGE) return;
    after = Number(rows[rows.length - 1]?.tree_size);
  }
}

/** Node (level, idx) covers leaves up to (idx + 1) · 2^level − 1: beyond a tree of `size` when that passes size − 1. */
async function nodesBeyond(trx: Transaction<DB>, koperasiId: string, size: number): Promise<{ count: number; first: NodeId[] }> {
  const beyond = sql<boolean>`(idx + 1) * (1::bigint << level::int) > ${size}::bigint`;
  const count = await trx
    .selectFrom("log_node")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("koperasi_id", "=", koperasiId)
    .where(beyond)
    .executeTakeFirst();
  const n = Number(count?.n ?? 0);
  if (n === 0) return { count: 0, first: [] };
  const first = await trx
    .selectFrom("log_node")
    .select(["level", "idx"])
    .where("koperasi_id", "=", koperasiId)
    .where(beyond)
    .orderBy(sql`idx * (1::bigint << level::int)`)
    .orderBy("level")
    .limit(3)
    .execute();
  return { count: n, first: first.map((row) => ({ level: row.level, index: Number(row.idx) })) };
}
