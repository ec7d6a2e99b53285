-- The cooperative's structure: terms of office in the pengurus and pengawas,
-- held by members, and the staff (karyawan). A term runs from start_on to
-- end_on, both days in office. Terms are history: never deleted, and the
-- only change is ending one early (end_on moves forward, never back).
-- The overlap rules (nobody in both bodies at once, one holder of each
-- standard position) are checked by the server, with messages, and again by
-- the trigger below for every writer: both under the same per-cooperative
-- advisory lock, so two transactions never check against a structure
-- without each other's term. (An exclusion constraint would need btree_gist,
-- which PGlite lacks.)
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

-- The lock key; the server takes the same lock before it reads.
CREATE FUNCTION structure_lock_key(koperasi uuid) RETURNS bigint
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT hashtextextended('structure/' || koperasi::text, 0) $$;

-- Only an insert can create an overlap: an update only shortens a term.
CREATE FUNCTION structure_term_overlap_check() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(structure_lock_key(NEW.koperasi_id));
  IF EXISTS (
    SELECT 1 FROM structure_term o
    WHERE o.koperasi_id = NEW.koperasi_id AND o.member_id = NEW.member_id AND o.body <> NEW.body
      AND o.start_on <= NEW.end_on AND NEW.start_on <= o.end_on
  ) THEN
    RAISE EXCEPTION 'member % would hold a pengurus and a pengawas post at the same time', NEW.member_id
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'structure_term_one_body';
  END IF;
  IF EXISTS (
    SELECT 1 FROM structure_term o
    WHERE o.koperasi_id = NEW.koperasi_id AND o.member_id = NEW.member_id
      AND (lower(o.position) = lower(NEW.position) OR (NEW.body = 'pengawas' AND o.body = 'pengawas'))
      AND o.start_on <= NEW.end_on AND NEW.start_on <= o.end_on
  ) THEN
    RAISE EXCEPTION 'member % would hold the same post, or two pengawas posts, at the same time', NEW.member_id
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'structure_term_one_post';
  END IF;
  IF NEW.position IN ('ketua', 'wakil_ketua', 'sekretaris', 'bendahara', 'ketua_pengawas') AND EXISTS (
    SELECT 1 FROM structure_term o
    WHERE o.koperasi_id = NEW.koperasi_id AND o.position = NEW.position
      AND o.start_on <= NEW.end_on AND NEW.start_on <= o.end_on
  ) THEN
    RAISE EXCEPTION 'position % is held by someone else during that period', NEW.position
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'structure_term_sole_position';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER structure_term_overlap_check BEFORE INSERT ON structure_term FOR EACH ROW EXECUTE FUNCTION structure_term_overlap_check();

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
