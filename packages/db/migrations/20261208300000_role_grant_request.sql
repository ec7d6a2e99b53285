-- A change that gives money authority (admin, pengurus, kasir, or the
-- bendahara post) waits here until a second person approves it: by editing
-- a login's roles (kind 'user_roles', `change` holds the roles, positions
-- and status to set) or by appointing a pengurus term of office (kind
-- 'term', `change` holds the appointment). Nothing is granted until then.
-- Decided rows stay as history; a decision is taken once (the row is locked
-- and must still be pending).
CREATE TABLE role_grant_request (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('user_roles', 'term')),
  -- The login whose roles change (both kinds: a term's member must have a login for it to grant anything).
  subject_user_id text REFERENCES "user" (id),
  koperasi_user_id uuid,
  member_id uuid,
  change jsonb NOT NULL,
  -- The money or admin roles (and 'bendahara') the change gives, for the approver to read.
  grants text[] NOT NULL,
  requested_by text NOT NULL REFERENCES "user" (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by text REFERENCES "user" (id),
  decided_at timestamptz,
  PRIMARY KEY (koperasi_id, id),
  CHECK ((status = 'pending') = (decided_by IS NULL)),
  CHECK (kind <> 'user_roles' OR koperasi_user_id IS NOT NULL),
  CHECK (kind <> 'term' OR member_id IS NOT NULL)
);
CREATE INDEX role_grant_request_pending ON role_grant_request (koperasi_id, requested_at) WHERE status = 'pending';
SELECT enable_tenant_rls('role_grant_request');
