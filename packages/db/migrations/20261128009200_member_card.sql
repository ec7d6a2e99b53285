-- Printed member cards (kartu anggota). Each card has a random serial that is
-- printed on it for people to read, and an id that its QR code carries,
-- signed by the server (member-card/card-code.ts). A lost card is revoked
-- and a new one issued in the same transaction; the revoked row stays, so a
-- scan of the old card is answered "dicabut" rather than "tidak dikenal".
CREATE TABLE member_card (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  serial text NOT NULL CHECK (serial ~ '^[0-9A-Z]{5}-[0-9A-Z]{5}$'),
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by text REFERENCES "user" (id),
  revoked_at timestamptz,
  revoked_by text REFERENCES "user" (id),
  revoke_reason text CHECK (length(revoke_reason) BETWEEN 1 AND 200),
  replaced_by uuid,
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, serial),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  FOREIGN KEY (koperasi_id, replaced_by) REFERENCES member_card (koperasi_id, id),
  CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);
-- At most one card in use per member; two counters issuing at once collide here.
CREATE UNIQUE INDEX member_card_active_key ON member_card (koperasi_id, member_id) WHERE revoked_at IS NULL;
CREATE INDEX member_card_member_idx ON member_card (koperasi_id, member_id, issued_at);
SELECT enable_tenant_rls('member_card');
-- Cards are revoked, never deleted.
REVOKE DELETE ON member_card FROM koperasi_app;
