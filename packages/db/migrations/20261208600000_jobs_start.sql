-- Where a cooperative's end-of-day jobs begin. A cooperative that existed
-- before the jobs did starts them on the day this migration runs: the
-- catch-up never bills wajib or posts interest for months it ran without
-- them, under default product terms it never chose. A cooperative made
-- later has none and starts on the day it was made.
ALTER TABLE koperasi ADD COLUMN jobs_start_at timestamptz DEFAULT now();
ALTER TABLE koperasi ALTER COLUMN jobs_start_at DROP DEFAULT;
