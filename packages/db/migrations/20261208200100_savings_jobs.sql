-- What the end-of-day savings jobs keep.
--
-- savings_interest_day: each sukarela account's closing balance on each
-- business date, with the interest terms in force that day. The daily
-- accrual writes it; the month-end posting computes the month's interest
-- from it exactly (a rate that changes mid-month applies from its date).
CREATE TABLE savings_interest_day (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  member_account_id uuid NOT NULL,
  business_date date NOT NULL,
  balance bigint NOT NULL,
  annual_rate_percent numeric(7, 4) NOT NULL CHECK (annual_rate_percent >= 0),
  interest_method text NOT NULL CHECK (interest_method IN ('daily_balance', 'average_daily_balance', 'lowest_balance')),
  min_earning_balance bigint NOT NULL CHECK (min_earning_balance >= 0),
  PRIMARY KEY (koperasi_id, member_account_id, business_date),
  FOREIGN KEY (koperasi_id, member_account_id) REFERENCES member_account (koperasi_id, id)
);
SELECT enable_tenant_rls('savings_interest_day');
REVOKE UPDATE, DELETE ON savings_interest_day FROM koperasi_app;

-- Interest posted to a member's account and the final tax withheld from it,
-- one row per posting (and one per month-end tax catch-up): the month's
-- running total per member that each withholding is computed from, and the
-- withholding report (bukti potong) the cooperative gives the tax office.
CREATE TABLE savings_interest_posting (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  member_account_id uuid NOT NULL,
  -- The month the interest is for, YYYY-MM.
  period text NOT NULL CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  kind text NOT NULL CHECK (kind IN ('sukarela_interest', 'tax_catch_up')),
  business_date date NOT NULL,
  interest bigint NOT NULL CHECK (interest >= 0),
  tax bigint NOT NULL CHECK (tax >= 0),
  journal_entry_id uuid NOT NULL,
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, member_account_id, period, kind),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_account_id) REFERENCES member_account (koperasi_id, id),
  FOREIGN KEY (koperasi_id, journal_entry_id) REFERENCES journal_entry (koperasi_id, id)
);
CREATE INDEX savings_interest_posting_member_idx ON savings_interest_posting (koperasi_id, period, member_id);
SELECT enable_tenant_rls('savings_interest_posting');
REVOKE UPDATE, DELETE ON savings_interest_posting FROM koperasi_app;

-- Simpanan wajib billed: one row per member and period. What is paid is not
-- kept here: every credit to her wajib account (at the counter, by
-- auto-debit) pays the oldest months first, so arrears are the bills less
-- those credits.
CREATE TABLE wajib_bill (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  member_id uuid NOT NULL,
  period text NOT NULL CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  amount bigint NOT NULL CHECK (amount > 0),
  billed_on date NOT NULL,
  PRIMARY KEY (koperasi_id, member_id, period),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id)
);
SELECT enable_tenant_rls('wajib_bill');
REVOKE UPDATE, DELETE ON wajib_bill FROM koperasi_app;

-- A member's choice that her wajib is paid from her sukarela account when
-- billed (and its arrears as far as the balance reaches).
CREATE TABLE wajib_auto_debit (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  member_id uuid NOT NULL,
  from_member_account_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, member_id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  FOREIGN KEY (koperasi_id, from_member_account_id) REFERENCES member_account (koperasi_id, id)
);
SELECT enable_tenant_rls('wajib_auto_debit');

-- The register of dormant accounts: the day each became dormant by its
-- product's rule (no movement for the product's months) and its last
-- movement then. A later movement wakes the account; should it fall dormant
-- again, that is a new row.
CREATE TABLE savings_dormancy (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  member_account_id uuid NOT NULL,
  dormant_on date NOT NULL,
  last_movement_on date NOT NULL,
  PRIMARY KEY (koperasi_id, member_account_id, dormant_on),
  FOREIGN KEY (koperasi_id, member_account_id) REFERENCES member_account (koperasi_id, id),
  CHECK (dormant_on > last_movement_on)
);
SELECT enable_tenant_rls('savings_dormancy');
REVOKE UPDATE, DELETE ON savings_dormancy FROM koperasi_app;
