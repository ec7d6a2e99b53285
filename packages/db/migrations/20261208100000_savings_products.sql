-- Savings products (produk simpanan) and the counter's savings rules.
--
-- A product belongs to one cooperative and sits under one control account
-- of its chart: its members' accounts are member_account rows under that
-- account, and each now names its product. The product's terms are a dated
-- history: a change applies from a date and never rewrites the terms that
-- applied before it (a term deposit keeps the terms it was opened under).

CREATE TABLE savings_product (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pokok', 'wajib', 'sukarela', 'berjangka')),
  code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,19}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  account_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, code),
  FOREIGN KEY (koperasi_id, account_id) REFERENCES gl_account (koperasi_id, id)
);
CREATE INDEX savings_product_account_idx ON savings_product (koperasi_id, account_id);
SELECT enable_tenant_rls('savings_product');
REVOKE UPDATE, DELETE ON savings_product FROM koperasi_app;
GRANT UPDATE (name, status) ON savings_product TO koperasi_app;

-- Amounts are whole Rupiah; rates are percent a year (3.5 = 3,5% p.a.).
CREATE TABLE savings_product_terms (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  product_id uuid NOT NULL,
  effective_from date NOT NULL,
  -- Simpanan pokok: paid once on joining.
  pokok_amount bigint CHECK (pokok_amount > 0),
  -- Simpanan wajib: per period, and per member class where classes differ ({"guru": 50000}).
  wajib_amount bigint CHECK (wajib_amount > 0),
  wajib_period text CHECK (wajib_period IN ('monthly', 'quarterly', 'yearly')),
  wajib_class_amounts jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(wajib_class_amounts) = 'object'),
  -- Jasa simpanan (sukarela, berjangka).
  annual_rate_percent numeric(7, 4) CHECK (annual_rate_percent >= 0 AND annual_rate_percent <= 100),
  interest_method text CHECK (interest_method IN ('daily_balance', 'average_daily_balance', 'lowest_balance')),
  min_earning_balance bigint NOT NULL DEFAULT 0 CHECK (min_earning_balance >= 0),
  -- What must stay in the account (saldo minimum); a withdrawal never goes below it.
  min_balance bigint NOT NULL DEFAULT 0 CHECK (min_balance >= 0),
  -- Simpanan berjangka.
  tenor_months integer CHECK (tenor_months BETWEEN 1 AND 120),
  interest_payout text CHECK (interest_payout IN ('monthly', 'at_maturity')),
  auto_rollover boolean NOT NULL DEFAULT false,
  early_withdrawal_penalty_percent numeric(7, 4) CHECK (early_withdrawal_penalty_percent >= 0 AND early_withdrawal_penalty_percent <= 100),
  -- An account with no movement for this many months is dormant; NULL: never.
  dormant_after_months integer CHECK (dormant_after_months BETWEEN 1 AND 240),
  -- A withdrawal above this waits for a second person's approval; NULL: none does.
  withdrawal_approval_threshold bigint CHECK (withdrawal_approval_threshold > 0),
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, product_id, effective_from),
  FOREIGN KEY (koperasi_id, product_id) REFERENCES savings_product (koperasi_id, id)
);
SELECT enable_tenant_rls('savings_product_terms');
-- History: a row is never changed; a later row takes over from its date.
REVOKE UPDATE ON savings_product_terms FROM koperasi_app;

-- Each member account names its product. Set when the account opens: by the
-- opener, or else the cooperative's first active product on that control
-- account (so accounts opened on joining get theirs too).
ALTER TABLE member_account ADD COLUMN savings_product_id uuid;
ALTER TABLE member_account ADD FOREIGN KEY (koperasi_id, savings_product_id) REFERENCES savings_product (koperasi_id, id);

CREATE FUNCTION member_account_default_product() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.savings_product_id IS NULL THEN
    SELECT p.id INTO NEW.savings_product_id FROM savings_product p
     WHERE p.koperasi_id = NEW.koperasi_id AND p.account_id = NEW.account_id AND p.status = 'active'
     ORDER BY p.created_at, p.id LIMIT 1;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER member_account_default_product BEFORE INSERT ON member_account FOR EACH ROW EXECUTE FUNCTION member_account_default_product();

-- The cooperative's default products, one per savings control account of the
-- chart it started from. Their terms apply from 2000-01-01, the beginning of
-- any books kept here (a cooperative that moves its history in posts opening
-- balances dated before it registered); the bendahara changes them from a
-- later date. A product that exists already,
-- or a control account the chart no longer has, is left alone; so it can run
-- again. SECURITY INVOKER: it sees the one cooperative selected.
CREATE FUNCTION savings_seed_default_products(p_koperasi_id uuid) RETURNS integer
  LANGUAGE plpgsql
  AS $$
DECLARE
  v_from date := DATE '2000-01-01';
  v_count integer := 0;
  d record;
  v_account uuid;
  v_product uuid;
BEGIN
  FOR d IN
    SELECT * FROM (VALUES
      ('pokok', 'SP', 'Simpanan Pokok', '3-1100'),
      ('wajib', 'SW', 'Simpanan Wajib', '3-1200'),
      ('sukarela', 'SS', 'Simpanan Sukarela', '2-1100'),
      ('berjangka', 'SB', 'Simpanan Berjangka', '2-1200')) AS t (kind, code, name, account_code)
  LOOP
    SELECT a.id INTO v_account FROM gl_account a
     WHERE a.koperasi_id = p_koperasi_id AND a.code = d.account_code AND a.is_control AND a.status = 'open';
    CONTINUE WHEN v_account IS NULL;
    CONTINUE WHEN EXISTS (SELECT 1 FROM savings_product p WHERE p.koperasi_id = p_koperasi_id AND (p.code = d.code OR p.account_id = v_account));
    v_product := gen_random_uuid();
    INSERT INTO savings_product (koperasi_id, id, kind, code, name, account_id) VALUES (p_koperasi_id, v_product, d.kind, d.code, d.name, v_account);
    -- Safe defaults: withdrawals above Rp5.000.000 need a second person; Rp10.000 stays in a sukarela account.
    INSERT INTO savings_product_terms (koperasi_id, product_id, effective_from, pokok_amount, wajib_amount, wajib_period,
        annual_rate_percent, interest_method, min_earning_balance, min_balance, tenor_months, interest_payout,
        early_withdrawal_penalty_percent, dormant_after_months, withdrawal_approval_threshold)
    SELECT p_koperasi_id, v_product, v_from,
        CASE d.kind WHEN 'pokok' THEN 100000 END,
        CASE d.kind WHEN 'wajib' THEN 25000 END,
        CASE d.kind WHEN 'wajib' THEN 'monthly' END,
        CASE d.kind WHEN 'sukarela' THEN 3 WHEN 'berjangka' THEN 5 END,
        CASE d.kind WHEN 'sukarela' THEN 'daily_balance' END,
        CASE d.kind WHEN 'sukarela' THEN 10000 ELSE 0 END,
        CASE d.kind WHEN 'sukarela' THEN 10000 ELSE 0 END,
        CASE d.kind WHEN 'berjangka' THEN 12 END,
        CASE d.kind WHEN 'berjangka' THEN 'monthly' END,
        CASE d.kind WHEN 'berjangka' THEN 1 END,
        CASE d.kind WHEN 'sukarela' THEN 12 END,
        CASE WHEN d.kind IN ('sukarela', 'berjangka') THEN 5000000 END;
    v_count := v_count + 1;
  END LOOP;
  RETURN v_count;
END $$;

-- Holds (dana ditahan): money in an account that may not be withdrawn until
-- released (a loan's collateral, a dispute, a court order).
CREATE TABLE savings_hold (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_account_id uuid NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 300),
  created_by text NOT NULL REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  released_by text REFERENCES "user" (id),
  released_at timestamptz,
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_account_id) REFERENCES member_account (koperasi_id, id),
  CHECK ((released_at IS NULL) = (released_by IS NULL))
);
CREATE INDEX savings_hold_account_idx ON savings_hold (koperasi_id, member_account_id) WHERE released_at IS NULL;
SELECT enable_tenant_rls('savings_hold');
REVOKE UPDATE, DELETE ON savings_hold FROM koperasi_app;
GRANT UPDATE (released_by, released_at) ON savings_hold TO koperasi_app;

-- A withdrawal above its product's threshold waits here for a second person.
-- Approval posts it through the ledger (journal_entry_id); nothing is posted
-- before, so a rejected request leaves no trace in the books.
CREATE TABLE savings_withdrawal_request (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_account_id uuid NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_by text NOT NULL REFERENCES "user" (id),
  requested_at timestamptz NOT NULL,
  decided_by text REFERENCES "user" (id),
  decided_at timestamptz,
  journal_entry_id uuid,
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_account_id) REFERENCES member_account (koperasi_id, id),
  FOREIGN KEY (koperasi_id, journal_entry_id) REFERENCES journal_entry (koperasi_id, id),
  CHECK (decided_by IS NULL OR decided_by <> requested_by),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((status = 'approved') = (journal_entry_id IS NOT NULL))
);
CREATE INDEX savings_withdrawal_request_pending_idx ON savings_withdrawal_request (koperasi_id, requested_at) WHERE status = 'pending';
SELECT enable_tenant_rls('savings_withdrawal_request');
REVOKE UPDATE, DELETE ON savings_withdrawal_request FROM koperasi_app;
GRANT UPDATE (status, decided_by, decided_at, journal_entry_id) ON savings_withdrawal_request TO koperasi_app;

-- Each printing of a deposit or withdrawal receipt (bukti setoran/penarikan):
-- the first is the original, every later one is printed SALINAN (copy).
CREATE TABLE savings_receipt_print (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  entry_id uuid NOT NULL,
  print_no integer NOT NULL CHECK (print_no >= 1),
  printed_by text NOT NULL REFERENCES "user" (id),
  printed_at timestamptz NOT NULL,
  PRIMARY KEY (koperasi_id, entry_id, print_no),
  FOREIGN KEY (koperasi_id, entry_id) REFERENCES journal_entry (koperasi_id, id)
);
SELECT enable_tenant_rls('savings_receipt_print');
REVOKE UPDATE, DELETE ON savings_receipt_print FROM koperasi_app;

-- Existing cooperatives: their default products, and every member account
-- under a product's control account made an account of that product. Run as
-- the schema owner, which forced row-level security shows nothing until a
-- cooperative is selected: one cooperative at a time (as 20261128010100).
DO $$
DECLARE
  k uuid;
BEGIN
  FOR k IN SELECT id FROM koperasi ORDER BY id LOOP
    PERFORM set_config('app.koperasi_id', k::text, true);
    PERFORM savings_seed_default_products(k);
    UPDATE member_account ma SET savings_product_id = (
        SELECT p.id FROM savings_product p
         WHERE p.koperasi_id = ma.koperasi_id AND p.account_id = ma.account_id AND p.status = 'active'
         ORDER BY p.created_at, p.id LIMIT 1)
     WHERE ma.koperasi_id = k AND ma.savings_product_id IS NULL;
  END LOOP;
  PERFORM set_config('app.koperasi_id', '', true);
END $$;
