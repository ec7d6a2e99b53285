-- The transaction PIN: six digits, separate from the password, one per login
-- (she uses the same PIN in every cooperative she belongs to). Only its
-- scrypt hash is kept. Wrong tries are counted here; after five the PIN is
-- locked until `locked_until`.
CREATE TABLE transaction_pin (
  user_id text PRIMARY KEY REFERENCES "user" (id) ON DELETE CASCADE,
  pin_hash text NOT NULL,
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until timestamptz,
  set_at timestamptz NOT NULL
);

-- The platform's commission per kind of transaction, as the operator sets it:
-- a rate in millionths of the amount (0,5 %–1 %), an optional maximum in
-- Rupiah (never a minimum), from a date. Rows are never changed: a new rate
-- is a new row, so every past quote can be explained by the rate it used.
CREATE TABLE commission_rate (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{1,39}$'),
  rate integer NOT NULL CHECK (rate BETWEEN 5000 AND 10000),
  maximum_fee bigint CHECK (maximum_fee > 0),
  effective_from date NOT NULL,
  set_by text REFERENCES "user" (id),
  set_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, effective_from)
);
REVOKE UPDATE, DELETE ON commission_rate FROM koperasi_app;

-- Rates from the start, so a new installation (and its demo cooperative)
-- shows a fee before the operator has set any.
INSERT INTO commission_rate (id, kind, rate, maximum_fee, effective_from, set_by) VALUES
  ('01900000-0000-7000-8000-000000000001', 'qr_transfer', 7500, NULL, DATE '2026-01-01', NULL),
  ('01900000-0000-7000-8000-000000000002', 'qr_merchant', 5000, NULL, DATE '2026-01-01', NULL);

-- A cooperative's settings for payments: the amount above which staff
-- confirm a money movement with their PIN (0, the default, is every amount),
-- and who bears the commission of each kind (the member unless the
-- cooperative takes it on).
CREATE TABLE koperasi_payment_setting (
  koperasi_id uuid PRIMARY KEY REFERENCES koperasi (id),
  staff_pin_above bigint NOT NULL DEFAULT 0 CHECK (staff_pin_above >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
SELECT enable_tenant_rls('koperasi_payment_setting');

CREATE TABLE koperasi_fee_bearer (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  kind text NOT NULL,
  bearer text NOT NULL CHECK (bearer IN ('member', 'koperasi')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, kind)
);
SELECT enable_tenant_rls('koperasi_fee_bearer');

-- A quote: the fee a member was shown, bound to her, the kind, the amount and
-- the payee (the hash of the scanned payload); it lives five minutes. A
-- preview (no payload) only shows the fee table and can never be used to pay.
CREATE TABLE fee_quote (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  user_id text NOT NULL REFERENCES "user" (id),
  kind text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  fee bigint NOT NULL CHECK (fee >= 0),
  total bigint NOT NULL CHECK (total >= amount),
  rate integer NOT NULL,
  maximum_fee bigint,
  bearer text NOT NULL CHECK (bearer IN ('member', 'koperasi')),
  commission_rate_id uuid REFERENCES commission_rate (id),
  payload_hash text,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  PRIMARY KEY (koperasi_id, id)
);
CREATE INDEX fee_quote_expiry ON fee_quote (koperasi_id, expires_at);
SELECT enable_tenant_rls('fee_quote');

-- What the platform tells a cooperative's admins in the app (a new
-- commission rate, for one); the same text goes out by e-mail.
CREATE TABLE koperasi_notice (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id)
);
CREATE INDEX koperasi_notice_recent ON koperasi_notice (koperasi_id, created_at DESC);
SELECT enable_tenant_rls('koperasi_notice');
