-- Joining, leaving and screening.
--
-- An application is a member row with status 'calon' (its history row says
-- so) plus this record of how it came and what was decided. Rejection is a
-- state of the application, not a member status: the statuses are the
-- member book's (UU 25/1992: a person becomes a member, leaves, dies or is
-- expelled), and someone whose application was refused never was a member,
-- so her status history must not say she "left". The member row stays
-- 'calon' and the record is kept; the application row says 'ditolak' and why.
CREATE TABLE membership_application (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('mandiri', 'loket')),
  -- The staff login that typed it in at the counter; null when she applied herself.
  entered_by text REFERENCES "user" (id),
  -- Her own login, when she applied signed in.
  applicant_user_id text REFERENCES "user" (id),
  -- The e-mail address or phone number she proved she holds, when she applied herself.
  verified_contact text,
  state text NOT NULL DEFAULT 'diajukan' CHECK (state IN ('diajukan', 'disetujui', 'ditolak')),
  decided_by text REFERENCES "user" (id),
  decided_at timestamptz,
  rejection_reason text CHECK (length(rejection_reason) BETWEEN 3 AND 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  CHECK ((state = 'ditolak') = (rejection_reason IS NOT NULL)),
  CHECK ((state = 'diajukan') = (decided_at IS NULL)),
  CHECK (channel = 'mandiri' OR entered_by IS NOT NULL)
);
CREATE UNIQUE INDEX membership_application_member_key ON membership_application (koperasi_id, member_id);
CREATE INDEX membership_application_state_idx ON membership_application (koperasi_id, state, created_at);
SELECT enable_tenant_rls('membership_application');
REVOKE DELETE ON membership_application FROM koperasi_app;

-- The control accounts a member's accounts open under when she is accepted.
-- No rows for a cooperative means the chart's savings controls (simpanan
-- pokok, wajib, sukarela); see apps/server/src/membership/joining-accounts.ts.
CREATE TABLE joining_account (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  account_id uuid NOT NULL,
  PRIMARY KEY (koperasi_id, account_id),
  FOREIGN KEY (koperasi_id, account_id) REFERENCES gl_account (koperasi_id, id)
);
SELECT enable_tenant_rls('joining_account');

-- Settling a leaving member's accounts: one row per posted settlement step.
CREATE TABLE member_settlement (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  step text NOT NULL CHECK (step ~ '^[a-z][a-z_]{1,39}$'),
  journal_entry_id uuid NOT NULL,
  -- Who receives the money: the member herself, or for a deceased member her heir.
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 200),
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  FOREIGN KEY (koperasi_id, journal_entry_id) REFERENCES journal_entry (koperasi_id, id)
);
CREATE INDEX member_settlement_member_idx ON member_settlement (koperasi_id, member_id);
SELECT enable_tenant_rls('member_settlement');
REVOKE UPDATE, DELETE ON member_settlement FROM koperasi_app;

-- Screening lists (e.g. DTTOT) belong to the platform: the operator uploads
-- them; every upload is a new version and old versions stay.
CREATE TABLE screening_list_version (
  id uuid PRIMARY KEY,
  list_name text NOT NULL CHECK (length(list_name) BETWEEN 2 AND 80),
  version integer NOT NULL CHECK (version > 0),
  file_sha256 text NOT NULL,
  entry_count integer NOT NULL CHECK (entry_count >= 0),
  uploaded_by text NOT NULL REFERENCES "user" (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (list_name, version)
);
REVOKE UPDATE, DELETE ON screening_list_version FROM koperasi_app;

CREATE TABLE screening_list_entry (
  version_id uuid NOT NULL REFERENCES screening_list_version (id),
  line_no integer NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  aliases text[] NOT NULL DEFAULT '{}',
  -- The folded forms of the name and every alias (see @koperasi/domain screening-names).
  name_keys text[] NOT NULL,
  nik text CHECK (nik ~ '^[0-9]{16}$'),
  birth_date date,
  reference text,
  -- Same person across versions: a cleared false positive is not held again.
  entry_key text NOT NULL,
  PRIMARY KEY (version_id, line_no)
);
CREATE INDEX screening_list_entry_nik_idx ON screening_list_entry (version_id) WHERE nik IS NOT NULL;
REVOKE UPDATE, DELETE ON screening_list_entry FROM koperasi_app;

-- Which cooperatives a version has been run against: a retried or resumed
-- run skips those done, so each (version, cooperative) is screened once.
CREATE TABLE screening_run (
  version_id uuid NOT NULL REFERENCES screening_list_version (id),
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  members_checked integer NOT NULL,
  matches_held integer NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (version_id, koperasi_id)
);

-- A possible hit, held for the pengawas: cleared (a false positive, with a
-- note) or confirmed (the application is rejected, the member flagged).
CREATE TABLE screening_match (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  version_id uuid NOT NULL REFERENCES screening_list_version (id),
  line_no integer NOT NULL,
  entry_key text NOT NULL,
  matched_on text NOT NULL CHECK (matched_on IN ('nik', 'nama', 'nama_tanggal_lahir')),
  listed_name text NOT NULL,
  reference text,
  state text NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'cleared', 'confirmed')),
  note text CHECK (length(note) BETWEEN 3 AND 500),
  decided_by text REFERENCES "user" (id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  FOREIGN KEY (version_id, line_no) REFERENCES screening_list_entry (version_id, line_no),
  UNIQUE (koperasi_id, member_id, entry_key),
  CHECK ((state = 'held') = (decided_at IS NULL)),
  CHECK (state = 'held' OR note IS NOT NULL)
);
CREATE INDEX screening_match_state_idx ON screening_match (koperasi_id, state, created_at);
SELECT enable_tenant_rls('screening_match');
REVOKE DELETE ON screening_match FROM koperasi_app;
