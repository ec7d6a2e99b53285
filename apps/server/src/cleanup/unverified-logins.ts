import { sql } from "kysely";
import type { Database } from "@koperasi/db";
import { CLEANUP_BATCH, DAY_MS, type CleanupJob } from "./cleanup-job";

/** A login nobody verified is kept this long: the person may still finish what she began. */
export const UNVERIFIED_LOGIN_DAYS = 7;

const FOREIGN_KEY_VIOLATION = "23503";

/**
 * Logins made for a registration whose e-mail and phone were never verified,
 * a week old, with no registration still open. One that anything else names
 * (a cooperative's user, a member, a record it made) stays: the database's
 * foreign keys refuse its removal, and that refusal is the test.
 */
export const unverifiedLogins: CleanupJob = {
  name: "unverified_logins",
  label: { id: "Login yang tidak pernah diverifikasi", en: "Never-verified logins" },
  async run({ database, now }) {
    const before = new Date(now.getTime() - UNVERIFIED_LOGIN_DAYS * DAY_MS);
    let removed = 0;
    // Page by id: the ones that must stay do not hold back those behind them.
    let after = "";
    for (;;) {
      const candidates = await database.platform(async (trx) => {
        const { rows } = await sql<{ id: string }>`
          SELECT u.id FROM "user" u
          WHERE u.id > ${after} AND u."emailVerified" = false AND u."phoneNumberVerified" IS NOT TRUE AND u."createdAt" < ${before}
            AND NOT EXISTS (SELECT 1 FROM platform_operator o WHERE o.user_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.user_id = u.id AND (r.submitted_at IS NOT NULL OR r.expires_at >= ${now}))
          ORDER BY u.id LIMIT ${CLEANUP_BATCH}`.execute(trx);
        return rows.map((row) => row.id);
      });
      for (const id of candidates) removed += await removeUnlessNamed(database, id);
      const last = candidates.at(-1);
      if (last === undefined || candidates.length < CLEANUP_BATCH) return removed;
      after = last;
    }
  },
};

async function removeUnlessNamed(database: Database, id: string): Promise<number> {
  try {
    const result = await database.platform((trx) => sql`DELETE FROM "user" WHERE id = ${id} AND "emailVerified" = false AND "phoneNumberVerified" IS NOT TRUE`.execute(trx));
    return Number(result.numAffectedRows ?? 0);
  } catch (error) {
    if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
    return 0;
  }
}
