-- The gate of every request under /koperasi/:koperasiId, in one round trip:
-- the session (by its token) and its login, whether she is a platform
-- operator, the cooperative with its business date, her membership with its
-- roles and the terms of office that date falls within, the switches of the
-- optional modules, and — for a request that moves money — the claim of its
-- Idempotency-Key. It selects the cooperative and the login for the rest of
-- the transaction (set_config(..., true)), as database.tenant() does.
--
-- SECURITY INVOKER on purpose: it runs as the application role, so every
-- tenant table it reads is filtered by row-level security exactly as the
-- request's own statements are. The decision (which action the roles allow,
-- MFA, approval) is made in TypeScript from what it returns.
--
-- Nothing is cached between requests: a session deleted (sign-out, password
-- reset), a login disabled, a role removed or a term ended is seen by the
-- very next request.
CREATE FUNCTION request_gate(
  p_session_token text,
  p_koperasi_id uuid,
  -- The business clock (injectable in tests) and the real one that sessions
  -- expire by, as the auth library reads it.
  p_now timestamptz,
  p_session_now timestamptz,
  p_idempotency_key text DEFAULT NULL,
  p_request_hash text DEFAULT NULL,
  p_idempotency_record_id uuid DEFAULT NULL,
  OUT session_id text,
  OUT session_expires_at timestamptz,
  OUT session_updated_at timestamptz,
  OUT user_id text,
  OUT user_name text,
  OUT user_email text,
  OUT user_phone text,
  OUT user_phone_verified boolean,
  OUT two_factor_enabled boolean,
  OUT platform_operator boolean,
  OUT koperasi jsonb,
  OUT business_date text,
  OUT member_status text,
  OUT roles text[],
  OUT positions text[],
  OUT terms jsonb,
  OUT modules jsonb,
  OUT idempotency jsonb
)
  LANGUAGE plpgsql
  AS $$
DECLARE
  v_time_zone text;
BEGIN
  SELECT s.id, s."expiresAt", s."updatedAt", u.id, u.name, u.email, u."phoneNumber", coalesce(u."phoneNumberVerified", false), coalesce(u."twoFactorEnabled", false)
    INTO session_id, session_expires_at, session_updated_at, user_id, user_name, user_email, user_phone, user_phone_verified, two_factor_enabled
    FROM "session" s JOIN "user" u ON u.id = s."userId"
   WHERE s.token = p_session_token AND s."expiresAt" > p_session_now;
  IF user_id IS NULL THEN
    RETURN;
  END IF;
  PERFORM set_config('app.koperasi_id', coalesce(p_koperasi_id::text, ''), true), set_config('app.user_id', user_id, true);
  platform_operator := EXISTS (SELECT 1 FROM platform_operator o WHERE o.user_id = request_gate.user_id);
  IF p_koperasi_id IS NULL THEN
    RETURN;
  END IF;

  SELECT to_jsonb(k), k.time_zone INTO koperasi, v_time_zone FROM koperasi k WHERE k.id = p_koperasi_id;
  IF koperasi IS NULL THEN
    RETURN;
  END IF;
  business_date := to_char((p_now AT TIME ZONE v_time_zone)::date, 'YYYY-MM-DD');

  SELECT ku.status, ku.roles, ku.positions,
         (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'body', t.body, 'position', t.position,
                   'startOn', to_char(t.start_on, 'YYYY-MM-DD'), 'endOn', to_char(t.end_on, 'YYYY-MM-DD'))), '[]'::jsonb)
            FROM structure_term t
            JOIN member m ON m.koperasi_id = t.koperasi_id AND m.id = t.member_id
           WHERE t.koperasi_id = ku.koperasi_id AND m.user_id = ku.user_id AND m.status = 'aktif'
             AND t.start_on <= business_date::date AND t.end_on >= business_date::date)
    INTO member_status, roles, positions, terms
    FROM koperasi_user ku
   WHERE ku.koperasi_id = p_koperasi_id AND ku.user_id = request_gate.user_id;

  SELECT coalesce(jsonb_object_agg(km.id, km.enabled), '{}'::jsonb) INTO modules
    FROM koperasi_module km WHERE km.koperasi_id = p_koperasi_id;

  -- Only an active member's request can move money; anyone else's is refused
  -- by the caller, and claims no key.
  IF p_idempotency_key IS NOT NULL AND member_status = 'active' THEN
    SELECT to_jsonb(i) INTO idempotency
      FROM idempotency_begin(p_koperasi_id, user_id, p_idempotency_key, p_request_hash, p_idempotency_record_id, p_now) i;
  END IF;
END $$;
