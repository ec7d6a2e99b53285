import type { ColumnType } from "kysely";
import type { SavingsJobTables } from "./savings-jobs-schema";

// The end-of-day jobs' record (migration 20261208200000).

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type JobRunStatus = "running" | "succeeded" | "failed";

export interface JobRunTable {
  koperasi_id: string;
  job: string;
  /** Select it with to_char(business_date, 'YYYY-MM-DD'): drivers differ on what a bare date becomes. */
  business_date: ColumnType<string, string, never>;
  status: JobRunStatus;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  error: string | null;
  summary: ColumnType<Record<string, unknown>, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
}

export interface JobTables extends SavingsJobTables {
  job_run: JobRunTable;
}
