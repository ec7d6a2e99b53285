-- The application role: serves every request, owns no table, is no superuser
-- and cannot bypass row-level security. The migrating (owner) role switches
-- to it, so it must be a member.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'koperasi_app') THEN
    CREATE ROLE koperasi_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
GRANT koperasi_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO koperasi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO koperasi_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO koperasi_app;
REVOKE ALL ON schema_migrations FROM koperasi_app;

-- The tenant-scoping rule, in one place: the cooperative the current
-- transaction was opened for (set with set_config(..., true)), or NULL.
CREATE FUNCTION app_koperasi_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.koperasi_id', true), '')::uuid $$;

CREATE FUNCTION app_user_id() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '') $$;

-- Every tenant table calls this once: RLS enabled AND forced (so not even the
-- table owner is exempt), reads and writes limited to the current cooperative.
CREATE FUNCTION enable_tenant_rls(t regclass) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (koperasi_id = app_koperasi_id()) WITH CHECK (koperasi_id = app_koperasi_id())',
    t);
END $$;
