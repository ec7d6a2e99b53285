import type { ColumnType, Generated } from "kysely";

// What monitoring reads beside the application's own tables (migration 20261209400100).

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** One `koperasi verify --all`: counts only. */
export interface VerifyRunTable {
  id: Generated<string>;
  started_at: Timestamp;
  finished_at: Timestamp;
  cooperatives: number;
  failed: number;
}

export interface MonitoringTables {
  verify_run: VerifyRunTable;
}
