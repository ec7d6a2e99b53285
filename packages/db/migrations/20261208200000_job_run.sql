-- The end-of-day jobs' record: one row per cooperative, job and business
-- date. A run claims its row and does the job's work in the same
-- transaction, then marks it succeeded; a second runner for the same row
-- waits on the claim and, once the first commits, finds it done and does
-- nothing. A failed run leaves its error here (written after the work rolled
-- back) and is tried again on the next run.
CREATE TABLE job_run (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  job text NOT NULL CHECK (job ~ '^[a-z][a-z0-9_]{0,59}$'),
  business_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  error text CHECK (length(error) <= 2000),
  -- What the job did (counts, amounts), for the operator reading the record.
  summary jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(summary) = 'object'),
  attempts integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  PRIMARY KEY (koperasi_id, job, business_date),
  CHECK ((status = 'running') = (finished_at IS NULL)),
  CHECK ((status = 'failed') = (error IS NOT NULL))
);
SELECT enable_tenant_rls('job_run');
-- A succeeded run is history: never deleted.
REVOKE DELETE ON job_run FROM koperasi_app;
