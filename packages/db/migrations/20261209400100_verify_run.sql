-- Each `koperasi verify --all`: when it finished, how many cooperatives it
-- checked and how many did not check out. /metrics shows the latest, so a
-- verification that fails, or stops running, raises an alert. Platform data
-- (counts only, no cooperative named): no RLS.
CREATE TABLE verify_run (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  cooperatives integer NOT NULL CHECK (cooperatives >= 0),
  failed integer NOT NULL CHECK (failed BETWEEN 0 AND cooperatives)
);
CREATE INDEX verify_run_finished_idx ON verify_run (finished_at DESC);
REVOKE UPDATE, DELETE ON verify_run FROM koperasi_app;
