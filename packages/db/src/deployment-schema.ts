import type { ColumnType, Generated } from "kysely";

// The deployment's key fingerprints (migration 20261209700000).

export interface DeploymentKeyTable {
  purpose: "log_seal" | "token_pepper" | "member_data";
  key_id: Generated<string>;
  fingerprint: string;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DeploymentTables {
  deployment_key: DeploymentKeyTable;
}
