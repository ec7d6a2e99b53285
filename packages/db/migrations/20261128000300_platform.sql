-- Platform tables: the register of cooperatives and what happens before a
-- cooperative exists. Not tenant data, so no RLS; reached only through routes
-- that check platform permissions.
CREATE TABLE platform_operator (
  user_id text PRIMARY KEY REFERENCES "user" (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE koperasi (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text NOT NULL CHECK (length(name) BETWEEN 3 AND 120),
  type text NOT NULL CHECK (type IN ('ksp', 'ksu', 'konsumen', 'produsen', 'jasa', 'kspps')),
  nomor_induk_koperasi text UNIQUE,
  nomor_badan_hukum text UNIQUE,
  nib text,
  address text NOT NULL,
  city text NOT NULL,
  province text NOT NULL,
  postal_code text,
  time_zone text NOT NULL CHECK (time_zone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
  email text NOT NULL,
  phone text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'suspended')),
  review_note text,
  reviewed_at timestamptz,
  reviewed_by text REFERENCES "user" (id),
  primary_color text NOT NULL DEFAULT '#0b7a53' CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
  logo_file_id uuid,
  mfa_required boolean NOT NULL DEFAULT false,
  member_number_prefix text NOT NULL DEFAULT 'AGT',
  created_by text NOT NULL REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A registration in progress. It can be resumed with its token until it
-- expires; a newer one for the same numbers never waits on an older one.
CREATE TABLE registration (
  id uuid PRIMARY KEY,
  resume_token_hash text NOT NULL UNIQUE,
  details jsonb NOT NULL,
  user_id text NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
  email text NOT NULL,
  phone text NOT NULL,
  email_verified_at timestamptz,
  phone_verified_at timestamptz,
  koperasi_id uuid REFERENCES koperasi (id),
  submitted_at timestamptz,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registration_user_idx ON registration (user_id);

CREATE TABLE registration_document (
  registration_id uuid NOT NULL REFERENCES registration (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('akta', 'sk_badan_hukum')),
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registration_id, kind)
);

-- One-time codes sent to an email address or phone. Only a hash is stored.
CREATE TABLE verification_code (
  id uuid PRIMARY KEY,
  purpose text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'phone')),
  target text NOT NULL,
  subject_id text NOT NULL,
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verification_code_subject_idx ON verification_code (purpose, subject_id, channel, created_at);
CREATE INDEX verification_code_target_idx ON verification_code (channel, target, created_at);

-- Every e-mail and SMS the platform sends. With no SMTP server or SMS gateway
-- configured (the embedded default) it stays here for the operator to read.
CREATE TABLE outbound_message (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient text NOT NULL,
  subject text,
  body text NOT NULL,
  html text,
  koperasi_id uuid REFERENCES koperasi (id),
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'held')),
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbound_message_created_idx ON outbound_message (created_at DESC);
