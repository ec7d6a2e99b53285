-- Breach-notice drills: the operator sends a cooperative a practice notice
-- of a personal-data breach (marked LATIHAN) and sees how long its admins
-- take to acknowledge it against the 3 × 24 hours the law allows (UU 27/2022
-- art. 46). A real breach uses the same notice, without the mark.
CREATE TABLE breach_drill (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  started_by text NOT NULL REFERENCES "user" (id),
  started_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL CHECK (due_at > started_at),
  notice_title text NOT NULL,
  notice_body text NOT NULL,
  acknowledged_by text REFERENCES "user" (id),
  acknowledged_at timestamptz,
  PRIMARY KEY (koperasi_id, id),
  CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
);
SELECT enable_tenant_rls('breach_drill');
REVOKE UPDATE, DELETE ON breach_drill FROM koperasi_app;
GRANT UPDATE (acknowledged_by, acknowledged_at) ON breach_drill TO koperasi_app;
