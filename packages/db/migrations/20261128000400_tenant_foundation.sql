-- Tenant tables: keyed (koperasi_id, id), every foreign key into tenant data
-- leads with koperasi_id, RLS forced. New tenant tables follow the same shape.

-- A login's place in a cooperative: its roles and, for pengurus, positions.
CREATE TABLE koperasi_user (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  user_id text NOT NULL REFERENCES "user" (id),
  roles text[] NOT NULL CHECK (roles <@ ARRAY['admin', 'pengurus', 'pengawas', 'kasir', 'anggota']::text[] AND cardinality(roles) > 0),
  positions text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, user_id)
);
CREATE INDEX koperasi_user_user_idx ON koperasi_user (user_id);
SELECT enable_tenant_rls('koperasi_user');
-- A person may list the cooperatives she belongs to (to switch between them)
-- without a cooperative being selected; read-only, her own rows only.
CREATE POLICY own_memberships ON koperasi_user FOR SELECT USING (user_id = app_user_id());

-- The minimal member record; the member registry extends it.
CREATE TABLE member (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_number text NOT NULL,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120),
  user_id text REFERENCES "user" (id),
  status text NOT NULL DEFAULT 'aktif' CHECK (status IN ('calon', 'aktif', 'keluar', 'meninggal', 'diberhentikan')),
  joined_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, member_number)
);
SELECT enable_tenant_rls('member');

-- Gap-free per-cooperative counters (member numbers; later voucher numbers).
CREATE TABLE tenant_sequence (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id text NOT NULL,
  last_value bigint NOT NULL,
  PRIMARY KEY (koperasi_id, id)
);
SELECT enable_tenant_rls('tenant_sequence');

CREATE TABLE invitation (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  email text,
  phone text,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'pengurus', 'pengawas', 'kasir', 'anggota')),
  position text,
  token_hash text NOT NULL UNIQUE,
  invited_by text NOT NULL REFERENCES "user" (id),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by text REFERENCES "user" (id),
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
SELECT enable_tenant_rls('invitation');

CREATE TABLE koperasi_module (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id text NOT NULL CHECK (id IN ('berita', 'umkm', 'poin', 'obrolan')),
  enabled boolean NOT NULL,
  updated_by text REFERENCES "user" (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id)
);
SELECT enable_tenant_rls('koperasi_module');

CREATE TABLE stored_file (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('logo', 'akta', 'sk_badan_hukum')),
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id)
);
SELECT enable_tenant_rls('stored_file');

-- Who did what, when, from where; append-only for the application.
CREATE TABLE audit_log (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  actor_user_id text REFERENCES "user" (id),
  actor_role text NOT NULL,
  action text NOT NULL,
  target_type text,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}',
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id)
);
CREATE INDEX audit_log_created_idx ON audit_log (koperasi_id, created_at DESC);
SELECT enable_tenant_rls('audit_log');
REVOKE UPDATE, DELETE ON audit_log FROM koperasi_app;
