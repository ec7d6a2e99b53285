import { sql, type Transaction } from "kysely";
import type { Database, DB } from "@koperasi/db";
import { appendLeaves, signCheckpoint } from "@koperasi/tlog";
import { ensureLogKeys, findSignerKey, loadSignerKey, type LogKeyring } from "./keys";
import { LogNodeStore } from "./node-store";

// The sequencer gives committed leaves their place in the cooperative's tree
// (docs/adr/0002-ledger.md, "Sequencer"). Posting writes a leaf with
// seq NULL and holds no lock for the tree; here, in ONE tenant transaction:
// take the waiting leaves oldest first, number them after the current tree
// size, store the tree nodes they complete, and sign and store a checkpoint.
// Either all of it commits or none, so the tree size, the numbered leaves,
// the nodes and the latest checkpoint always agree.
//
// Several server processes may run a sequencer: a per-cooperative advisory
// lock, taken without waiting, lets one of them work and the others skip.

/** Leaves numbered per call: bounds each transaction (about 2 node rows per leaf). */
export const DEFAULT_BATCH_SIZE = 1000;

/** A checkpoint just committed. */
export interface PublishedCheckpoint {
  readonly koperasiId: string;
  readonly origin: string;
  readonly treeSize: number;
  /** The tree size of the checkpoint before this one (0 for the first). */
  readonly previousSize: number;
  readonly rootHash: Uint8Array;
  /** The signed note with the log's signature only. */
  readonly signedNote: string;
}

export interface SequenceOptions {
  readonly batchSize?: number;
}

/** The latest checkpoint's tree size: the size of the tree (0 before the first). */
export async function currentTreeSize(trx: Transaction<DB>, koperasiId: string): Promise<number> {
  const row = await trx
    .selectFrom("log_checkpoint")
    .select(sql<string>`tree_size::text`.as("size"))
    .where("koperasi_id", "=", koperasiId)
    .orderBy("tree_size", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.size) : 0;
}

/**
 * Sequences up to one batch of the cooperative's waiting leaves and publishes
 * a checkpoint for them. Null when there is nothing to do, or when another
 * process is sequencing this cooperative right now.
 */
export async function sequenceKoperasi(
  database: Database,
  keyring: LogKeyring,
  koperasiId: string,
  now: Date,
  options: SequenceOptions = {},
): Promise<PublishedCheckpoint | null> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  return database.tenant({ koperasiId }, async (trx) => {
    const { rows: lock } = await sql<{ locked: boolean }>`
      SELECT pg_try_advisory_xact_lock(hashtextextended(${`log_sequencer/${koperasiId}`}, 0)) AS locked`.execute(trx);
    if (!lock[0]?.locked) return null;

    // Oldest first. created_at is the posting transaction's start, so a
    // leaf that commits late may be older than leaves already numbered; it
    // simply gets the next free position.
    const waiting = await trx
      .selectFrom("log_leaf")
      .select(["entry_id", "leaf_hash"])
      .where("koperasi_id", "=", koperasiId)
      .where("seq", "is", null)
      .orderBy("created_at")
      .orderBy("entry_id")
      .limit(batchSize)
      .execute();
    if (waiting.length === 0) return null;

    const previousSize = await checkedTreeSize(trx, koperasiId);

    const store = new LogNodeStore(trx, koperasiId);
    const appended = await appendLeaves(
      store,
      previousSize,
      waiting.map((leaf) => new Uint8Array(leaf.leaf_hash)),
    );
    // One statement with three parameters, however large the batch: the
    // entry ids travel as one text list (plain text works alike on
    // node-postgres and PGlite), each taking the next position in order.
    await sql`
      UPDATE log_leaf AS l SET seq = ${previousSize}::bigint + v.n - 1
      FROM unnest(string_to_array(${waiting.map((leaf) => leaf.entry_id).join(",")}, ',')::uuid[]) WITH ORDINALITY AS v (entry_id, n)
      WHERE l.koperasi_id = ${koperasiId}::uuid AND l.entry_id = v.entry_id AND l.seq IS NULL`.execute(trx);
    await store.putNodes(appended.nodes);

    let signer = await findSignerKey(trx, keyring, koperasiId, "log");
    if (!signer) {
      // A cooperative made before logs had keys: its log is named now.
      await ensureLogKeys(trx, keyring, koperasiId);
      signer = await loadSignerKey(trx, keyring, koperasiId, "log");
    }
    const signedNote = signCheckpoint({ origin: signer.name, size: appended.size, rootHash: appended.root }, signer);
    await trx
      .insertInto("log_checkpoint")
      .values({ koperasi_id: koperasiId, tree_size: appended.size, root_hash: Buffer.from(appended.root), signed_note: signedNote, created_at: now })
      .execute();
    return { koperasiId, origin: signer.name, treeSize: appended.size, previousSize, rootHash: appended.root, signedNote };
  });
}

/**
 * The tree size (its latest checkpoint's), checked against the numbered
 * leaves, which must be exactly [0, size): one cheap query (two index
 * lookups) that refuses to extend a tree whose stored state disagrees with
 * its last checkpoint, instead of signing a wrong root.
 */
async function checkedTreeSize(trx: Transaction<DB>, koperasiId: string): Promise<number> {
  const { rows } = await sql<{ size: string | null; last: string | null }>`
    SELECT (SELECT c.tree_size FROM log_checkpoint c WHERE c.koperasi_id = ${koperasiId}::uuid ORDER BY c.tree_size DESC LIMIT 1)::text AS size,
           (SELECT max(seq)::text FROM log_leaf WHERE koperasi_id = ${koperasiId}::uuid AND seq IS NOT NULL) AS last`.execute(trx);
  const size = Number(rows[0]?.size ?? 0);
  const last = rows[0]?.last;
  const numbered = last === null || last === undefined ? 0 : Number(last) + 1;
  if (numbered !== size) {
    throw new Error(`log of cooperative ${koperasiId}: leaves are numbered up to ${numbered} but the last checkpoint has size ${size}`);
  }
  return size;
}

/**
 * Cooperatives with leaves waiting for a position, longest-waiting first.
 * Runs without a cooperative selected; the `sequencer_scan` policy shows
 * unsequenced leaves of all cooperatives in that mode only.
 */
export async function pendingKoperasi(database: Database, limit = 1000, skip: readonly string[] = []): Promise<string[]> {
  return database.platform(async (trx) => {
    await sql`SELECT set_config('app.log_sequencer', 'on', true)`.execute(trx);
    const { rows } = await sql<{ koperasi_id: string }>`
      SELECT koperasi_id FROM log_leaf WHERE seq IS NULL AND NOT (koperasi_id = ANY(${[...skip]}::uuid[]))
      GROUP BY koperasi_id ORDER BY min(created_at), koperasi_id LIMIT ${limit}`.execute(trx);
    return rows.map((row) => row.koperasi_id);
  });
}
