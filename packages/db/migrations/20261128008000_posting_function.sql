-- The posting path as one database call (docs/adr/0002-ledger.md, "One
-- round trip"). ledger_post_entry() does, in the documented order, what the
-- application used to do in about ten statements: the period lock and check,
-- the accounts share-locked and checked, the member accounts locked and their
-- balances checked, then — only when every check passed — the voucher number,
-- the entry and its lines, the new balances and the log leaf. A refusal is
-- returned (code, line, field), never raised, and comes before the first
-- write: the caller's transaction stays usable and holds nothing of the
-- refused posting except its locks. The table constraints and triggers of
-- 20261128004000_ledger.sql still check every row, whoever writes it.
--
-- Every function here is SECURITY INVOKER: row-level security applies to
-- each statement exactly as it did when the application sent them one by one.

-- The month's posting lock (apps/server/src/ledger/period.ts): postings take
-- it shared until commit, month close exclusively. One definition, so the
-- application and this function can never lock different keys.
CREATE FUNCTION ledger_period_lock_key(koperasi_id uuid, business_date date) RETURNS bigint
  LANGUAGE sql STABLE STRICT
  AS $$ SELECT hashtextextended('period/' || koperasi_id::text || '/' || to_char(business_date::timestamp, 'YYYY-MM') || '-01', 0) $$;

-- Nomor bukti PREFIX/YEAR/NNNNNN, as formatVoucherNumber() in
-- packages/domain/src/ledger/voucher.ts: at least six digits, more once a
-- year passes 999.999 entries (lpad alone would cut them).
CREATE FUNCTION ledger_format_voucher(prefix text, book_year integer, seq bigint) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT prefix || '/' || book_year::text || '/' || CASE WHEN length(seq::text) >= 6 THEN seq::text ELSE lpad(seq::text, 6, '0') END $$;

-- The transparency-log leaf, byte for byte as leafData() in
-- packages/tlog/src/leaf.ts (docs/tlog-leaf.md):
--   0x01 || SHA-256("koperasi-pintar/leaf/v1" || 0x00 || salt || summary)
-- summary = uuid koperasi, uuid entry, string voucher, string business date,
-- u64 posted-at milliseconds, u32 line count, lines sorted by their encoding;
-- a string is u32 byte length + UTF-8; a line is string account code,
-- 0x00 or 0x01 + uuid member account, u64 debit, u64 credit. bytea sorts
-- byte-wise with a proper prefix first, as compareBytes() does.
CREATE FUNCTION tlog_string(value text) RETURNS bytea
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') $$;

CREATE FUNCTION tlog_leaf_data(
  koperasi_id uuid,
  entry_id uuid,
  voucher_no text,
  business_date date,
  posted_at timestamptz,
  account_codes text[],
  member_account_ids uuid[],
  debits bigint[],
  credits bigint[],
  salt bytea
) RETURNS bytea
  LANGUAGE sql STABLE
  AS $$
  SELECT '\x01'::bytea || sha256(
    convert_to('koperasi-pintar/leaf/v1', 'UTF8') || '\x00'::bytea || salt
    || uuid_send(koperasi_id) || uuid_send(entry_id)
    || tlog_string(voucher_no) || tlog_string(to_char(business_date::timestamp, 'YYYY-MM-DD'))
    || int8send(floor(extract(epoch FROM posted_at) * 1000)::bigint)
    || int4send(cardinality(account_codes))
    || coalesce((
      SELECT string_agg(line, ''::bytea ORDER BY line)
      FROM (
        SELECT tlog_string(code)
               || CASE WHEN member IS NULL THEN '\x00'::bytea ELSE '\x01'::bytea || uuid_send(member) END
               || int8send(debit) || int8send(credit) AS line
        FROM unnest(account_codes, member_account_ids, debits, credits) AS l (code, member, debit, credit)
      ) AS encoded
    ), ''::bytea))
$$;

-- The one posting path. Lines come as four parallel arrays (1-based, in the
-- caller's order, already checked by the domain: each line one positive
-- side, balanced, 2..200 lines). p_pending_entry posts that pending entry as
-- written (its lines are the given ones); otherwise p_entry_id is inserted.
-- Returns either refusal (+ refusal_line, 0-based, and refusal_field) or the
-- voucher number, each line's account code and name, and every touched
-- member account's balance after the posting.
CREATE FUNCTION ledger_post_entry(
  p_koperasi_id uuid,
  p_entry_id uuid,
  p_pending_entry boolean,
  p_source text,
  p_source_ref text,
  p_business_date date,
  p_description text,
  p_created_by text,
  p_approved_by text,
  p_reverses_entry_id uuid,
  p_posted_at timestamptz,
  p_voucher_prefix text,
  p_allow_control boolean,
  p_account_ids uuid[],
  p_member_account_ids uuid[],
  p_debits bigint[],
  p_credits bigint[],
  p_salt bytea,
  OUT refusal text,
  OUT refusal_line integer,
  OUT refusal_field text,
  OUT voucher_no text,
  OUT account_codes text[],
  OUT account_names text[],
  OUT member_account_ids uuid[],
  OUT member_balances bigint[]
)
  LANGUAGE plpgsql
  AS $$
DECLARE
  n integer := cardinality(p_account_ids);
  acc_ids uuid[] := '{}';
  acc_codes text[] := '{}';
  acc_names text[] := '{}';
  acc_normals text[] := '{}';
  acc_open boolean[] := '{}';
  acc_group boolean[] := '{}';
  acc_control boolean[] := '{}';
  ma_ids uuid[] := '{}';
  ma_controls uuid[] := '{}';
  ma_balances bigint[] := '{}';
  ma_negative boolean[] := '{}';
  ma_open boolean[] := '{}';
  touched uuid[] := '{}';
  r record;
  touched_id uuid;
  i integer;
  k integer;
  m integer;
  seq bigint;
  book_year integer := extract(year FROM p_business_date)::integer;
BEGIN
  -- 1. The period: share the month's lock until commit, then refuse a closed month.
  PERFORM pg_advisory_xact_lock_shared(ledger_period_lock_key(p_koperasi_id, p_business_date));
  IF EXISTS (SELECT 1 FROM closed_period c
             WHERE c.koperasi_id = p_koperasi_id AND c.period_start = date_trunc('month', p_business_date::timestamp)::date) THEN
    refusal := 'period_closed';
    refusal_field := 'businessDate';
    RETURN;
  END IF;

  -- A pending entry must still be pending (approval locked it already).
  IF p_pending_entry AND NOT EXISTS (SELECT 1 FROM journal_entry e
             WHERE e.koperasi_id = p_koperasi_id AND e.id = p_entry_id AND e.status = 'pending') THEN
    refusal := 'journal_not_pending';
    RETURN;
  END IF;

  -- 2. The accounts, share-locked in id order until commit (closing one waits), each taking postings.
  FOR r IN SELECT a.id, a.code, a.name, a.normal_balance, a.status, a.is_group, a.is_control
           FROM gl_account a
           WHERE a.koperasi_id = p_koperasi_id AND a.id = ANY (p_account_ids)
           ORDER BY a.id
           FOR SHARE LOOP
    acc_ids := acc_ids || r.id;
    acc_codes := acc_codes || r.code;
    acc_names := acc_names || r.name;
    acc_normals := acc_normals || r.normal_balance;
    acc_open := acc_open || (r.status = 'open');
    acc_group := acc_group || r.is_group;
    acc_control := acc_control || r.is_control;
  END LOOP;
  account_codes := '{}';
  account_names := '{}';
  FOR i IN 1 .. n LOOP
    k := array_position(acc_ids, p_account_ids[i]);
    refusal_line := i - 1;
    refusal_field := 'accountId';
    IF k IS NULL THEN
      refusal := 'account_unknown';
      RETURN;
    ELSIF NOT acc_open[k] THEN
      refusal := 'account_closed';
      RETURN;
    ELSIF acc_group[k] THEN
      refusal := 'account_is_group';
      RETURN;
    ELSIF acc_control[k] THEN
      IF NOT p_allow_control THEN
        refusal := 'account_is_control';
        RETURN;
      ELSIF p_member_account_ids[i] IS NULL THEN
        refusal := 'member_account_required';
        refusal_field := 'memberAccountId';
        RETURN;
      END IF;
    ELSIF p_member_account_ids[i] IS NOT NULL THEN
      refusal := 'member_account_mismatch';
      refusal_field := 'memberAccountId';
      RETURN;
    END IF;
    account_codes := account_codes || acc_codes[k];
    account_names := account_names || acc_names[k];
  END LOOP;

  -- 3. The member accounts, locked FOR UPDATE in id order (postings that
  -- share accounts queue instead of deadlocking), and the balances after.
  FOR r IN SELECT ma.id, ma.account_id, ma.balance, ma.allow_negative, ma.status
           FROM member_account ma
           WHERE ma.koperasi_id = p_koperasi_id AND ma.id = ANY (p_member_account_ids)
           ORDER BY ma.id
           FOR UPDATE LOOP
    ma_ids := ma_ids || r.id;
    ma_controls := ma_controls || r.account_id;
    ma_balances := ma_balances || r.balance;
    ma_negative := ma_negative || r.allow_negative;
    ma_open := ma_open || (r.status = 'open');
  END LOOP;
  refusal_field := 'memberAccountId';
  FOR i IN 1 .. n LOOP
    CONTINUE WHEN p_member_account_ids[i] IS NULL;
    refusal_line := i - 1;
    m := array_position(ma_ids, p_member_account_ids[i]);
    IF m IS NULL THEN
      refusal := 'member_account_unknown';
      RETURN;
    ELSIF ma_controls[m] <> p_account_ids[i] THEN
      refusal := 'member_account_mismatch';
      RETURN;
    ELSIF NOT ma_open[m] THEN
      refusal := 'member_account_closed';
      RETURN;
    END IF;
    k := array_position(acc_ids, p_account_ids[i]);
    -- On the control account's normal side, so the sub-ledgers add up to it.
    ma_balances[m] := ma_balances[m] + CASE WHEN acc_normals[k] = 'debit' THEN p_debits[i] - p_credits[i] ELSE p_credits[i] - p_debits[i] END;
    IF NOT p_member_account_ids[i] = ANY (touched) THEN
      touched := touched || p_member_account_ids[i];
    END IF;
  END LOOP;
  member_account_ids := touched;
  member_balances := '{}';
  FOREACH touched_id IN ARRAY touched LOOP
    m := array_position(ma_ids, touched_id);
    IF ma_balances[m] < 0 AND NOT ma_negative[m] THEN
      refusal := 'insufficient_balance';
      refusal_line := NULL;
      refusal_field := NULL;
      RETURN;
    END IF;
    member_balances := member_balances || ma_balances[m];
  END LOOP;
  refusal_line := NULL;
  refusal_field := NULL;

  -- 4. Every check has passed: from here on, only writes. The voucher
  -- counter's row lock serialises postings of one prefix until commit, so it
  -- is drawn last.
  INSERT INTO tenant_sequence AS s (koperasi_id, id, last_value)
  VALUES (p_koperasi_id, 'voucher/' || p_voucher_prefix || '/' || book_year::text, 1)
  ON CONFLICT (koperasi_id, id) DO UPDATE SET last_value = s.last_value + 1
  RETURNING s.last_value INTO seq;
  voucher_no := ledger_format_voucher(p_voucher_prefix, book_year, seq);

  IF p_pending_entry THEN
    UPDATE journal_entry e
    SET status = 'posted', voucher_no = ledger_post_entry.voucher_no, posted_at = p_posted_at, approved_by = p_approved_by
    WHERE e.koperasi_id = p_koperasi_id AND e.id = p_entry_id AND e.status = 'pending';
  ELSE
    INSERT INTO journal_entry (koperasi_id, id, status, voucher_no, business_date, description, source, source_ref, line_count,
                               reverses_entry_id, created_by, created_at, approved_by, posted_at)
    VALUES (p_koperasi_id, p_entry_id, 'posted', voucher_no, p_business_date, p_description, p_source, p_source_ref, n,
            p_reverses_entry_id, p_created_by, p_posted_at, p_approved_by, p_posted_at);
    INSERT INTO journal_line (koperasi_id, entry_id, line_no, account_id, member_account_id, debit, credit)
    SELECT p_koperasi_id, p_entry_id, l.line_no, l.account_id, l.member_account_id, l.debit, l.credit
    FROM unnest(p_account_ids, p_member_account_ids, p_debits, p_credits) WITH ORDINALITY AS l (account_id, member_account_id, debit, credit, line_no);
  END IF;

  IF cardinality(touched) > 0 THEN
    UPDATE member_account ma SET balance = v.balance
    FROM unnest(touched, member_balances) AS v (id, balance)
    WHERE ma.koperasi_id = p_koperasi_id AND ma.id = v.id;
  END IF;

  WITH leaf AS (
    SELECT tlog_leaf_data(p_koperasi_id, p_entry_id, voucher_no, p_business_date, p_posted_at,
                          account_codes, p_member_account_ids, p_debits, p_credits, p_salt) AS data
  )
  INSERT INTO log_leaf (koperasi_id, entry_id, salt, leaf_data, leaf_hash)
  SELECT p_koperasi_id, p_entry_id, p_salt, leaf.data, sha256('\x00'::bytea || leaf.data) FROM leaf;
END $$;

-- The first call of a money-moving request (apps/server/src/ledger/
-- idempotency.ts): selects the cooperative and the acting login for the
-- transaction (set_config(..., true), as every tenant transaction does), takes
-- the key's advisory lock without waiting, and records the key — one round
-- trip instead of three. outcome: 'claimed' (run the command), 'in_progress'
-- (another request holds the key right now), or 'stored' (a committed record:
-- its request hash and response follow).
CREATE FUNCTION idempotency_begin(
  p_koperasi_id uuid,
  p_user_id text,
  p_key text,
  p_request_hash text,
  p_record_id uuid,
  p_now timestamptz,
  OUT outcome text,
  OUT record_id uuid,
  OUT request_hash text,
  OUT status text,
  OUT response_status smallint,
  OUT response_body jsonb
)
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM set_config('app.koperasi_id', p_koperasi_id::text, true), set_config('app.user_id', p_user_id, true);
  -- Two 32-bit halves: the requester and the key. A collision between two
  -- different keys only makes one of them answer 409 and be retried.
  IF NOT pg_try_advisory_xact_lock(hashtext(p_koperasi_id::text || '/' || p_user_id), hashtext(p_key)) THEN
    outcome := 'in_progress';
    RETURN;
  END IF;
  INSERT INTO idempotency_key AS k (koperasi_id, id, user_id, key, request_hash, status, created_at)
  VALUES (p_koperasi_id, p_record_id, p_user_id, p_key, p_request_hash, 'in_progress', p_now)
  ON CONFLICT (koperasi_id, user_id, key) DO NOTHING;
  IF FOUND THEN
    outcome := 'claimed';
    record_id := p_record_id;
    RETURN;
  END IF;
  outcome := 'stored';
  SELECT k.id, k.request_hash, k.status, k.response_status, k.response_body
  INTO record_id, request_hash, status, response_status, response_body
  FROM idempotency_key k
  WHERE k.koperasi_id = p_koperasi_id AND k.user_id = p_user_id AND k.key = p_key;
END $$;
