-- The cooperative's structure: terms of office in the pengurus and pengawas,
-- held by members, and the staff (karyawan). A term runs from start_on to
-- end_on, both days in office. Terms are history: never deleted, and the
-- only change is ending one early (end_on moves forward, never back).
-- The overlap rules (nobody in both bodies at once, one holder of each
-- standard position) are checked by the server under a per-cooperative lock
-- in the same transaction as the write.
CREATE TABLE structure_term (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  body text NOT NULL CHECK (body IN ('pengurus', 'pengawas')),
  position text NOT NULL CHECK (length(position) BETWEEN 2 AND 60),
  start_on date NOT NULL,
  end_on date NOT NULL,
  appointed_by text REFERENCES "user" (id),
  ended_early_by text REFERENCES "user" (id),
  ended_early_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  CHECK (end_on >= start_on),
  CHECK (body = 'pengurus' OR position IN ('ketua_pengawas', 'anggota_pengawas'))
);
CREATE INDEX structure_term_member_idx ON structure_term (koperasi_id, member_id);
CREATE INDEX structure_term_end_idx ON structure_term (koperasi_id, end_on);
SELECT enable_tenant_rls('structure_term');
REVOKE DELETE ON structure_term FROM koperasi_app;
-- A person's own terms, read without a cooperative selected: the permission
-- check derives her roles from them on every request.
CREATE POLICY own_terms ON structure_term FOR SELECT USING (
  EXISTS (SELECT 1 FROM member m WHERE m.koperasi_id = structure_term.koperasi_id AND m.id = structure_term.member_id AND m.user_id = app_user_id())
);

CREATE FUNCTION structure_term_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF (NEW.koperasi_id, NEW.id, NEW.member_id, NEW.body, NEW.position, NEW.start_on, NEW.appointed_by, NEW.created_at)
     IS DISTINCT FROM (OLD.koperasi_id, OLD.id, OLD.member_id, OLD.body, OLD.position, OLD.start_on, OLD.appointed_by, OLD.created_at) THEN
    RAISE EXCEPTION 'term % can only be ended early', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.end_on > OLD.end_on THEN
    RAISE EXCEPTION 'term % cannot be lengthened', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER structure_term_guard BEFORE UPDATE ON structure_term FOR EACH ROW EXECUTE FUNCTION structure_term_guard();

-- Staff employed by the cooperative. A karyawan need not be a member; the
-- link to a login (a koperasi_user with role kasir) is optional.
CREATE TABLE employee (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 120),
  job_title text NOT NULL CHECK (length(job_title) BETWEEN 2 AND 60),
  start_on date NOT NULL,
  end_on date,
  koperasi_user_id uuid,
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, koperasi_user_id) REFERENCES koperasi_user (koperasi_id, id),
  CHECK (end_on IS NULL OR end_on >= start_on)
);
SELECT enable_tenant_rls('employee');
REVOKE DELETE ON employee FROM koperasi_app;
