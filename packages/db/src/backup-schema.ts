import type { ColumnType } from "kysely";

// The backups' record (migration 20261209500000).

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type BackupRunStatus = "succeeded" | "failed";

export interface BackupRunTable {
  id: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  status: BackupRunStatus;
  database_kind: "pglite" | "postgres";
  location: string;
  file_name: string | null;
  /** bigint: read as a string, written as a number or string. */
  size_bytes: ColumnType<string | null, number | string | null, never>;
  sha256: string | null;
  error: string | null;
}

export interface BackupTables {
  backup_run: BackupRunTable;
}
