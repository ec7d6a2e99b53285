-- A cooperative acting as a witness (c2sp.org/tlog-witness) for the other
-- cooperatives' logs on the same deployment: per log origin, the checkpoint
-- it last cosigned. A tenant table of the WITNESSING cooperative.
--
-- The state only moves forward. The application updates it with a
-- compare-and-swap on the size and root it read, so two requests can never
-- roll it back; the trigger below makes the same promise for anyone else
-- who writes the table (the owner included).
CREATE TABLE witness_state (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  origin text NOT NULL CHECK (length(origin) BETWEEN 1 AND 255),
  tree_size bigint NOT NULL CHECK (tree_size >= 0),
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  -- The log-signed checkpoint as submitted: evidence should the log ever
  -- present a history that does not extend it.
  signed_checkpoint text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, origin)
);
SELECT enable_tenant_rls('witness_state');
REVOKE DELETE ON witness_state FROM koperasi_app;

CREATE FUNCTION witness_state_forward_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF (NEW.koperasi_id, NEW.origin) IS DISTINCT FROM (OLD.koperasi_id, OLD.origin) THEN
    RAISE EXCEPTION 'witness state of % cannot move to another log', OLD.origin USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.tree_size < OLD.tree_size OR (NEW.tree_size = OLD.tree_size AND NEW.root_hash <> OLD.root_hash) THEN
    RAISE EXCEPTION 'witness state of % cannot go back from size %', OLD.origin, OLD.tree_size USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER witness_state_forward_only BEFORE UPDATE ON witness_state FOR EACH ROW EXECUTE FUNCTION witness_state_forward_only();
