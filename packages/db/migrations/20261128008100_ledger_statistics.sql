-- Planner statistics for the ledger tables, on demand. A cooperative
-- written in bulk (`koperasi generate`, an import) grows these tables from
-- nothing faster than autovacuum analyzes them; without statistics the
-- planner cannot tell the member-account foreign key's unique index from the
-- control-account index, and every journal line's check scans all of a
-- control account's sub-ledgers (milliseconds per line instead of
-- microseconds). ANALYZE needs the owner, so the function runs as its owner;
-- it reads and changes no data.
CREATE FUNCTION ledger_refresh_statistics() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  ANALYZE member, member_account, journal_entry, journal_line, log_leaf, log_node;
END $$;
REVOKE ALL ON FUNCTION ledger_refresh_statistics() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger_refresh_statistics() TO koperasi_app;
