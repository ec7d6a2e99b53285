import type { Selectable } from "kysely";
import type { BackupOverview, BackupRun } from "@koperasi/contracts";
import type { BackupRunTable, Database } from "@koperasi/db";

const RECENT = 30;

function toRun(row: Selectable<BackupRunTable>): BackupRun {
  return {
    id: row.id,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at.toISOString(),
    status: row.status,
    databaseKind: row.database_kind,
    location: row.location,
    fileName: row.file_name,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    sha256: row.sha256,
    error: row.error,
  };
}

/** What the operator console shows of the backups: the last good one and how old it is, and the recent attempts. */
export async function backupOverview(database: Database, now: Date): Promise<BackupOverview> {
  return database.platform(async (trx) => {
    const recent = await trx.selectFrom("backup_run").selectAll().orderBy("finished_at", "desc").orderBy("id", "desc").limit(RECENT).execute();
    const lastSucceeded = await trx.selectFrom("backup_run").selectAll().where("status", "=", "succeeded").orderBy("finished_at", "desc").limit(1).executeTakeFirst();
    return {
      lastSucceeded: lastSucceeded ? toRun(lastSucceeded) : null,
      ageSeconds: lastSucceeded ? Math.max(0, Math.floor((now.getTime() - lastSucceeded.finished_at.getTime()) / 1000)) : null,
      lastAttempt: recent[0] ? toRun(recent[0]) : null,
      recent: recent.map(toRun),
    };
  });
}
