-- Member imports from a spreadsheet (Excel or CSV). One row per file a
-- cooperative submitted: the file's SHA-256 makes a resubmission find the
-- import already made instead of importing the members twice. The import
-- itself writes every member in one transaction; this row carries its state
-- (rows done of the total) for the progress bar, written apart from that
-- transaction so it can be seen while the import runs.
CREATE TABLE member_import (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  rows_total integer NOT NULL CHECK (rows_total >= 0),
  rows_done integer NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
  error_message text,
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, file_sha256)
);
SELECT enable_tenant_rls('member_import');
