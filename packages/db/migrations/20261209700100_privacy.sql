-- A member's rights over her personal data (UU 27/2022 PDP).
--
-- Consents: what she agreed to (or withdrew), when, under which version of
-- the cooperative's privacy notice. Append-only: her current choice per
-- purpose is the latest row; the history is the evidence.
CREATE TABLE privacy_consent (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  user_id text NOT NULL REFERENCES "user" (id),
  purpose text NOT NULL CHECK (purpose IN ('pemberitahuan', 'pemasaran', 'direktori_umkm')),
  given boolean NOT NULL,
  notice_version text NOT NULL CHECK (notice_version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id)
);
CREATE INDEX privacy_consent_user_idx ON privacy_consent (koperasi_id, user_id, purpose, recorded_at DESC);
SELECT enable_tenant_rls('privacy_consent');
REVOKE UPDATE, DELETE ON privacy_consent FROM koperasi_app;

-- Her requests (access, correction, restriction, erasure, objection), each
-- due 3 × 24 hours after it is received (art. 6–11 with the deadlines of the
-- implementing rules); the pengurus work them through to done or rejected,
-- always with a written answer to her.
CREATE TABLE privacy_request (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  user_id text NOT NULL REFERENCES "user" (id),
  member_id uuid,
  kind text NOT NULL CHECK (kind IN ('akses', 'perbaikan', 'pembatasan', 'penghapusan', 'keberatan')),
  details text NOT NULL CHECK (length(details) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'diterima' CHECK (status IN ('diterima', 'diproses', 'selesai', 'ditolak')),
  received_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL CHECK (due_at > received_at),
  answer text CHECK (length(answer) BETWEEN 1 AND 4000),
  handled_by text REFERENCES "user" (id),
  handled_at timestamptz,
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  -- A closed request always carries its answer.
  CHECK (status NOT IN ('selesai', 'ditolak') OR answer IS NOT NULL)
);
CREATE INDEX privacy_request_open_idx ON privacy_request (koperasi_id, due_at) WHERE status IN ('diterima', 'diproses');
CREATE INDEX privacy_request_user_idx ON privacy_request (koperasi_id, user_id, received_at DESC);
SELECT enable_tenant_rls('privacy_request');
REVOKE UPDATE, DELETE ON privacy_request FROM koperasi_app;
GRANT UPDATE (status, answer, handled_by, handled_at) ON privacy_request TO koperasi_app;
