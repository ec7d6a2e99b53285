import { leafData, leafHash, type EntrySummary } from "@koperasi/tlog";

/**
 * The log_leaf row of a posted entry, computed in TypeScript: the salted
 * commitment to its summary (docs/tlog-leaf.md) and the RFC 9162 leaf hash.
 * The posting path computes the same bytes in the database
 * (tlog_leaf_data() in 20261128008000_posting_function.sql), because only
 * there is the voucher number known; writers that know it beforehand (the
 * data generator) use this. log-leaf.db.test.ts holds the two byte-identical.
 */
export function logLeafRow(summary: EntrySummary, salt: Uint8Array): { koperasi_id: string; entry_id: string; salt: Uint8Array; leaf_data: Uint8Array; leaf_hash: Uint8Array } {
  const data = leafData(summary, salt);
  return { koperasi_id: summary.koperasiId, entry_id: summary.entryId, salt, leaf_data: data, leaf_hash: leafHash(data) };
}
