import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { leafData, leafHash, newSalt, type EntrySummary } from "@koperasi/tlog";

/**
 * Writes the entry's transparency-log leaf in the posting transaction: a
 * fresh 32-byte salt, the salted commitment to the summary (docs/tlog-leaf.md)
 * and its RFC 9162 leaf hash. The leaf's position in the tree stays empty
 * until the sequencer assigns it (docs/adr/0002-ledger.md).
 */
export async function writeLogLeaf(trx: Transaction<DB>, summary: EntrySummary): Promise<void> {
  const salt = newSalt();
  const data = leafData(summary, salt);
  await trx
    .insertInto("log_leaf")
    .values({
      koperasi_id: summary.koperasiId,
      entry_id: summary.entryId,
      salt: Buffer.from(salt),
      leaf_data: Buffer.from(data),
      leaf_hash: Buffer.from(leafHash(data)),
    })
    .execute();
}
