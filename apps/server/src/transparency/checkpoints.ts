import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { parseNote } from "@koperasi/tlog";

// Checkpoints as served: the log's signed note with the witnesses'
// cosignature lines (log_cosignature) appended, so anyone who fetches a
// checkpoint also sees who vouched for it.

export interface StoredCheckpoint {
  treeSize: number;
  /** The signed note, cosignatures included. */
  note: string;
}

/** How many recent checkpoints a receipt looks through for a cosigned one. */
const RECENT_CHECKPOINTS = 20;

/**
 * Appends cosignature lines (each `— <name> <base64>`, no newline) to a
 * signed note. A line that would not parse as a note signature is left out
 * rather than spoiling the checkpoint for every reader.
 */
export function withCosignatures(signedNote: string, lines: readonly string[]): string {
  let note = signedNote;
  for (const raw of lines) {
    const line = raw.replace(/\n+$/, "");
    if (line.includes("\n")) continue;
    const candidate = `${note}${line}\n`;
    try {
      parseNote(candidate);
      note = candidate;
    } catch {
      // Malformed line: skipped.
    }
  }
  return note;
}

async function cosignatureLines(trx: Transaction<DB>, koperasiId: string, treeSize: number): Promise<string[]> {
  const rows = await trx
    .selectFrom("log_cosignature")
    .select("signature_line")
    .where("koperasi_id", "=", koperasiId)
    .where("tree_size", "=", treeSize)
    .orderBy("witness_name")
    .execute();
  return rows.map((row) => row.signature_line);
}

async function served(trx: Transaction<DB>, koperasiId: string, row: { size: string; signed_note: string } | undefined): Promise<StoredCheckpoint | undefined> {
  if (!row) return undefined;
  const treeSize = Number(row.size);
  return { treeSize, note: withCosignatures(row.signed_note, await cosignatureLines(trx, koperasiId, treeSize)) };
}

export async function latestCheckpoint(trx: Transaction<DB>, koperasiId: string): Promise<StoredCheckpoint | undefined> {
  const row = await trx
    .selectFrom("log_checkpoint")
    .select([sql<string>`tree_size::text`.as("size"), "signed_note"])
    .where("koperasi_id", "=", koperasiId)
    .orderBy("tree_size", "desc")
    .limit(1)
    .executeTakeFirst();
  return served(trx, koperasiId, row);
}

export async function checkpointAt(trx: Transaction<DB>, koperasiId: string, treeSize: number): Promise<StoredCheckpoint | undefined> {
  const row = await trx
    .selectFrom("log_checkpoint")
    .select([sql<string>`tree_size::text`.as("size"), "signed_note"])
    .where("koperasi_id", "=", koperasiId)
    .where("tree_size", "=", treeSize)
    .executeTakeFirst();
  return served(trx, koperasiId, row);
}

/**
 * The checkpoint a receipt for leaf `index` carries: among the recent ones
 * that cover it, the newest with a witness cosignature, else the newest.
 * Witnesses cosign right after a checkpoint is published, so the newest one
 * may not have its cosignatures yet; a slightly older cosigned one proves
 * more.
 */
export async function checkpointForReceipt(trx: Transaction<DB>, koperasiId: string, index: number): Promise<StoredCheckpoint | undefined> {
  const { rows } = await sql<{ size: string; signed_note: string; cosigned: boolean }>`
    SELECT c.tree_size::text AS size, c.signed_note,
           EXISTS (SELECT 1 FROM log_cosignature s WHERE s.koperasi_id = c.koperasi_id AND s.tree_size = c.tree_size) AS cosigned
    FROM (SELECT koperasi_id, tree_size, signed_note FROM log_checkpoint
          WHERE koperasi_id = ${koperasiId}::uuid AND tree_size > ${index}
          ORDER BY tree_size DESC LIMIT ${RECENT_CHECKPOINTS}) c
    ORDER BY c.tree_size DESC`.execute(trx);
  return served(trx, koperasiId, rows.find((row) => row.cosigned) ?? rows[0]);
}
