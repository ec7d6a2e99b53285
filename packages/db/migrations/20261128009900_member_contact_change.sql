-- A member changing her own phone or e-mail: the new value waits here until
-- she proves she holds it with the six-digit code sent to it
-- (verification_code, purpose `member_contact_change`). The value is sealed
-- like the register's own identifiers (members/member-pii.ts), never stored
-- in the clear. At most one change waits per member and channel; asking
-- again replaces it, confirming deletes it.
CREATE TABLE member_contact_change (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  member_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('phone', 'email')),
  value_sealed text NOT NULL,
  requested_by text NOT NULL REFERENCES "user" (id),
  -- When the code sent for this value expires: only that code confirms it.
  code_expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, member_id, channel),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id) ON DELETE CASCADE
);
SELECT enable_tenant_rls('member_contact_change');
