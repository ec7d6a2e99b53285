-- The record of each backup, for the operator: when, where, how large, its
-- SHA-256, and whether it succeeded. Platform data (not a cooperative's), so
-- no RLS; read through the operator's routes only. A backup cut short writes
-- no row: only a finished attempt, good or failed, is recorded.
CREATE TABLE backup_run (
  id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  database_kind text NOT NULL CHECK (database_kind IN ('pglite', 'postgres')),
  -- The directory or bucket the file went to, and its name there.
  location text NOT NULL,
  file_name text,
  size_bytes bigint CHECK (size_bytes >= 0),
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  error text,
  CHECK ((status = 'succeeded') = (file_name IS NOT NULL AND size_bytes IS NOT NULL AND sha256 IS NOT NULL AND error IS NULL))
);
CREATE INDEX backup_run_recent ON backup_run (finished_at DESC);
GRANT SELECT, INSERT ON backup_run TO koperasi_app;
REVOKE UPDATE, DELETE ON backup_run FROM koperasi_app;
-- A backup names the migrations its database had (a restore onto PostgreSQL builds exactly those).
GRANT SELECT ON schema_migrations TO koperasi_app;
