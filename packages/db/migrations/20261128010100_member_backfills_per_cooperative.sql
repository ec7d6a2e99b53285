-- The member registry's and the member tally's backfills (20261128009000,
-- 20261128010000) read `member` as the migrating role. Where that role is
-- not a superuser, as in production, the row-level security every tenant
-- table forces showed it no member at all: cooperatives that had members
-- before those migrations got no name tokens (search could not find them),
-- no entry into the book in their status history, and a member tally of
-- zero. Done again here one cooperative at a time, with the cooperative set
-- as a request sets it, so the policies let its rows through. Tokens and
-- history are added only where missing and the tally is recounted, so a
-- database the first backfills did reach (a superuser owner) ends unchanged.

-- Member writes wait until this commits: the recount is exact.
LOCK TABLE member IN SHARE MODE;

DO $$
DECLARE
  k uuid;
BEGIN
  FOR k IN SELECT id FROM koperasi ORDER BY id LOOP
    -- Transaction-local, as the application sets it; cleared below.
    PERFORM set_config('app.koperasi_id', k::text, true);

    INSERT INTO member_name_token (koperasi_id, token, member_id)
    SELECT m.koperasi_id, token, m.id FROM member m, member_name_tokens(m.full_name) AS token
    WHERE NOT EXISTS (SELECT 1 FROM member_name_token t WHERE t.koperasi_id = m.koperasi_id AND t.member_id = m.id);

    INSERT INTO member_status_change (koperasi_id, id, member_id, from_status, to_status, effective_on, reason, created_at)
    SELECT m.koperasi_id, m.id, m.id, NULL, m.status, m.joined_on, 'Tercatat sebelum buku daftar anggota', m.created_at FROM member m
    WHERE NOT EXISTS (SELECT 1 FROM member_status_change c WHERE c.koperasi_id = m.koperasi_id AND c.member_id = m.id);

    DELETE FROM member_tally WHERE koperasi_id = k;
    INSERT INTO member_tally (koperasi_id, status, member_type, n)
    SELECT koperasi_id, status, member_type, count(*) FROM member GROUP BY 1, 2, 3;
  END LOOP;
  PERFORM set_config('app.koperasi_id', '', true);
END $$;
