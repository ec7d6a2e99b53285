-- Monitoring and cleanup without a cooperative selected. Both run across
-- every cooperative at once (tens of thousands: one statement, not one
-- transaction each), each only in the mode it sets per transaction, and the
-- application reads counts only, never a row's content.

-- Job-dates whose last run failed, counted per job for /metrics.
CREATE POLICY job_run_failures ON job_run FOR SELECT
  USING (status = 'failed' AND app_koperasi_id() IS NULL AND current_setting('app.monitoring', true) = 'on');
CREATE INDEX job_run_failed_idx ON job_run (job) WHERE status = 'failed';

-- Idempotency records past their retention are deleted in the cleanup mode.
-- Never one younger than a day, whatever the setting says: a client's retry
-- within a day must still find its answer and not post twice. (A DELETE that
-- reads rows needs a SELECT policy for them as well.)
CREATE POLICY idempotency_key_expiry ON idempotency_key FOR DELETE
  USING (created_at < now() - interval '24 hours' AND app_koperasi_id() IS NULL AND current_setting('app.cleanup', true) = 'on');
CREATE POLICY idempotency_key_expiry_read ON idempotency_key FOR SELECT
  USING (created_at < now() - interval '24 hours' AND app_koperasi_id() IS NULL AND current_setting('app.cleanup', true) = 'on');

-- Expired registration drafts are found by their expiry.
CREATE INDEX registration_unsubmitted_expiry_idx ON registration (expires_at) WHERE submitted_at IS NULL;
-- Sessions are removed by their expiry.
CREATE INDEX session_expires_idx ON "session" ("expiresAt");
