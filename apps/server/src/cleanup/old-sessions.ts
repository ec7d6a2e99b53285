import { sql } from "kysely";
import { CLEANUP_BATCH, DAY_MS, type CleanupJob } from "./cleanup-job";

/** A session a day past its expiry: it signs nobody in any more, and its address and browser need not be kept. */
export const oldSessions: CleanupJob = {
  name: "old_sessions",
  label: { id: "Sesi kedaluwarsa", en: "Expired sessions" },
  async run({ database, now }) {
    const before = new Date(now.getTime() - DAY_MS);
    let removed = 0;
    for (;;) {
      const result = await database.platform((trx) =>
        sql`DELETE FROM "session" WHERE id IN (SELECT id FROM "session" WHERE "expiresAt" < ${before} LIMIT ${CLEANUP_BATCH})`.execute(trx),
      );
      const count = Number(result.numAffectedRows ?? 0);
      removed += count;
      if (count < CLEANUP_BATCH) return removed;
    }
  },
};
