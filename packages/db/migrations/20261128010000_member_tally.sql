-- How many members a cooperative has, by status and type, kept by the
-- database. The member book shows its total on every page and the home page
-- shows it to staff; counting 100,000 rows under row-level security costs
-- tens of milliseconds a time (the policy is evaluated per row), reading
-- these few rows costs nothing. Statement-level triggers with transition
-- tables keep it exact whichever way members are written (the API, an
-- import of thousands in one statement, the generator), in the writer's own
-- transaction: a rolled-back import leaves no trace here either.
CREATE TABLE member_tally (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  status text NOT NULL,
  member_type text NOT NULL,
  n bigint NOT NULL CHECK (n >= 0),
  PRIMARY KEY (koperasi_id, status, member_type)
);
SELECT enable_tenant_rls('member_tally');

CREATE FUNCTION member_tally_apply() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  -- One upsert per (cooperative, status, type) the statement touched; a
  -- change that moves nobody between groups (a new phone number) writes nothing.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO member_tally AS t (koperasi_id, status, member_type, n)
    SELECT koperasi_id, status, member_type, count(*) FROM new_rows GROUP BY 1, 2, 3
    ON CONFLICT (koperasi_id, status, member_type) DO UPDATE SET n = t.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE member_tally t SET n = t.n - d.n
    FROM (SELECT koperasi_id, status, member_type, count(*) AS n FROM old_rows GROUP BY 1, 2, 3) d
    WHERE t.koperasi_id = d.koperasi_id AND t.status = d.status AND t.member_type = d.member_type;
  ELSE
    -- Groups that lose members are updated (their rows exist), groups that
    -- gain are upserted: an insert's CHECK (n >= 0) is tested before any
    -- conflict, so a negative delta cannot go through ON CONFLICT.
    WITH moves AS (
      SELECT koperasi_id, status, member_type, sum(delta) AS delta FROM (
        SELECT koperasi_id, status, member_type, 1 AS delta FROM new_rows
        UNION ALL
        SELECT koperasi_id, status, member_type, -1 FROM old_rows
      ) m
      GROUP BY 1, 2, 3
      HAVING sum(delta) <> 0
    ), losses AS (
      UPDATE member_tally t SET n = t.n + m.delta FROM moves m
      WHERE m.delta < 0 AND t.koperasi_id = m.koperasi_id AND t.status = m.status AND t.member_type = m.member_type
    )
    INSERT INTO member_tally AS t (koperasi_id, status, member_type, n)
    SELECT koperasi_id, status, member_type, delta FROM moves WHERE delta > 0
    ON CONFLICT (koperasi_id, status, member_type) DO UPDATE SET n = t.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER member_tally_insert AFTER INSERT ON member
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION member_tally_apply();
CREATE TRIGGER member_tally_update AFTER UPDATE ON member
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION member_tally_apply();
CREATE TRIGGER member_tally_delete AFTER DELETE ON member
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION member_tally_apply();

INSERT INTO member_tally (koperasi_id, status, member_type, n)
SELECT koperasi_id, status, member_type, count(*) FROM member GROUP BY 1, 2, 3;
