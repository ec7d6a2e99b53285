import { sql } from "kysely";
import { CLEANUP_BATCH, HOUR_MS, type CleanupJob } from "./cleanup-job";

/**
 * Idempotency records older than their retention, across every cooperative.
 * The database's policy refuses any younger than a day whatever the
 * setting, so a client's retry within a day always finds its answer.
 */
export const idempotencyRecords: CleanupJob = {
  name: "idempotency_records",
  label: { id: "Catatan idempotensi lama", en: "Old idempotency records" },
  async run({ database, now, idempotencyRetentionHours }) {
    const before = new Date(now.getTime() - Math.max(24, idempotencyRetentionHours) * HOUR_MS);
    let removed = 0;
    for (;;) {
      const count = await database.platform(async (trx) => {
        await sql`SELECT set_config('app.cleanup', 'on', true)`.execute(trx);
        const result = await sql`
          DELETE FROM idempotency_key WHERE (koperasi_id, id) IN (
            SELECT koperasi_id, id FROM idempotency_key WHERE created_at < ${before} LIMIT ${CLEANUP_BATCH})`.execute(trx);
        return Number(result.numAffectedRows ?? 0);
      });
      removed += count;
      if (count < CLEANUP_BATCH) return removed;
    }
  },
};
