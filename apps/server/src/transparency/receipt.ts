import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { encodeLeafOpening, encodeReceipt, inclusionProof } from "@koperasi/tlog";
import { checkpointForReceipt } from "./checkpoints";
import { loadEntrySummary } from "./entry-summary";
import { LogNodeStore } from "./node-store";

// A member's receipt for one posted entry: C2SP tlog-proof with the leaf
// opening (salt + canonical summary) in `extra`, an inclusion proof read
// from log_node, and a signed checkpoint that covers the leaf.

export interface EntryReceipt {
  entryId: string;
  origin: string;
  index: number;
  treeSize: number;
  receipt: string;
}

export type ReceiptOutcome =
  | { kind: "ready"; receipt: EntryReceipt }
  /** No such entry in this cooperative. */
  | { kind: "not_found" }
  /** Pending or rejected: never in the log. */
  | { kind: "not_posted" }
  /** Posted, but no checkpoint covers it yet. */
  | { kind: "not_ready" };

export async function entryReceipt(trx: Transaction<DB>, koperasiId: string, entryId: string): Promise<ReceiptOutcome> {
  const { rows } = await sql<{ status: string; seq: string | null; salt: Uint8Array | null }>`
    SELECT e.status, f.seq::text AS seq, f.salt
    FROM journal_entry e LEFT JOIN log_leaf f ON f.koperasi_id = e.koperasi_id AND f.entry_id = e.id
    WHERE e.koperasi_id = ${koperasiId}::uuid AND e.id = ${entryId}::uuid`.execute(trx);
  const row = rows[0];
  if (!row) return { kind: "not_found" };
  if (row.status !== "posted") return { kind: "not_posted" };
  if (row.seq === null || row.salt === null) return { kind: "not_ready" };
  const index = Number(row.seq);
  const checkpoint = await checkpointForReceipt(trx, koperasiId, index);
  const summary = await loadEntrySummary(trx, koperasiId, entryId);
  if (!checkpoint || !summary) return { kind: "not_ready" };
  const proof = await inclusionProof(new LogNodeStore(trx, koperasiId), index, checkpoint.treeSize);
  const origin = checkpoint.note.slice(0, checkpoint.note.indexOf("\n"));
  const receipt = encodeReceipt({ index, proof, checkpoint: checkpoint.note, extra: encodeLeafOpening(summary, new Uint8Array(row.salt)) });
  return { kind: "ready", receipt: { entryId, origin, index, treeSize: checkpoint.treeSize, receipt } };
}
