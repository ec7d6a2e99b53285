-- Loans (pinjaman): a cooperative's loan products with their dated terms,
-- and each loan's life — the application, its approvals, the disbursement,
-- the schedule fixed then, and every repayment.
--
-- Money is whole Rupiah (bigint); rates are percent (1.5 = 1,5% a month).
-- A loan's principal sits in its own member account under the product's
-- receivable control account (Piutang Pinjaman Anggota), so the loans'
-- sub-ledger always adds up to the control account; interest, charges and
-- denda are income when paid (cash basis, as a KSP keeps its books).

CREATE TABLE loan_product (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,19}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  -- GL accounts: where the principal is owed, and where each kind of income goes.
  receivable_account_id uuid NOT NULL,
  interest_income_account_id uuid NOT NULL,
  charges_income_account_id uuid NOT NULL,
  denda_income_account_id uuid NOT NULL,
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, code),
  FOREIGN KEY (koperasi_id, receivable_account_id) REFERENCES gl_account (koperasi_id, id),
  FOREIGN KEY (koperasi_id, interest_income_account_id) REFERENCES gl_account (koperasi_id, id),
  FOREIGN KEY (koperasi_id, charges_income_account_id) REFERENCES gl_account (koperasi_id, id),
  FOREIGN KEY (koperasi_id, denda_income_account_id) REFERENCES gl_account (koperasi_id, id)
);
SELECT enable_tenant_rls('loan_product');
REVOKE UPDATE, DELETE ON loan_product FROM koperasi_app;
GRANT UPDATE (name, status) ON loan_product TO koperasi_app;

CREATE TABLE loan_product_terms (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  product_id uuid NOT NULL,
  effective_from date NOT NULL,
  interest_method text NOT NULL CHECK (interest_method IN ('flat', 'equal_principal', 'annuity')),
  monthly_rate_percent numeric(7, 4) NOT NULL CHECK (monthly_rate_percent >= 0 AND monthly_rate_percent <= 10),
  repayment_frequency text NOT NULL CHECK (repayment_frequency IN ('monthly', 'weekly')),
  -- Installments (months, or weeks for a weekly product).
  tenor_min integer NOT NULL CHECK (tenor_min >= 1),
  tenor_max integer NOT NULL CHECK (tenor_max <= 1560),
  amount_min bigint NOT NULL CHECK (amount_min > 0),
  amount_max bigint NOT NULL CHECK (amount_max <= 999999999999),
  round_to integer NOT NULL DEFAULT 1 CHECK (round_to IN (1, 100, 1000)),
  -- Charges at disbursement: [{"kind": "provisi", "type": "percent", "percent": "1", "collection": "deducted"},
  --                           {"kind": "administrasi", "type": "flat", "amount": 25000, "collection": "cash"}]
  charges jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(charges) = 'array'),
  -- Denda: none when denda_basis is NULL.
  denda_basis text CHECK (denda_basis IN ('percent_per_day', 'flat_per_day')),
  denda_rate_percent numeric(7, 4) CHECK (denda_rate_percent >= 0 AND denda_rate_percent <= 100),
  denda_amount bigint CHECK (denda_amount >= 0),
  denda_grace_days integer NOT NULL DEFAULT 0 CHECK (denda_grace_days BETWEEN 0 AND 365),
  denda_cap_amount bigint CHECK (denda_cap_amount >= 0),
  denda_cap_percent numeric(7, 4) CHECK (denda_cap_percent >= 0 AND denda_cap_percent <= 1000),
  -- Share of the principal the member must hold in sukarela (held for the loan's life).
  required_savings_percent numeric(7, 4) NOT NULL DEFAULT 0 CHECK (required_savings_percent >= 0 AND required_savings_percent <= 100),
  -- A loan above this needs a second pengurus' approval; NULL: one approval suffices for any amount.
  second_approval_above bigint CHECK (second_approval_above > 0),
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, product_id, effective_from),
  FOREIGN KEY (koperasi_id, product_id) REFERENCES loan_product (koperasi_id, id),
  CHECK (tenor_min <= tenor_max),
  CHECK (amount_min <= amount_max),
  CHECK (denda_basis IS NULL OR (denda_basis = 'percent_per_day') = (denda_rate_percent IS NOT NULL)),
  CHECK (denda_basis IS NULL OR (denda_basis = 'flat_per_day') = (denda_amount IS NOT NULL)),
  CHECK (denda_cap_amount IS NULL OR denda_cap_percent IS NULL)
);
SELECT enable_tenant_rls('loan_product_terms');
-- History: a row is never changed; a later row takes over from its date.
REVOKE UPDATE ON loan_product_terms FROM koperasi_app;

CREATE TABLE loan (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  product_id uuid NOT NULL,
  -- The product's terms the loan was applied for under; they stay its terms.
  terms_from date NOT NULL,
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 3 AND 500),
  principal bigint NOT NULL CHECK (principal > 0),
  tenor integer NOT NULL CHECK (tenor BETWEEN 1 AND 1560),
  channel text NOT NULL CHECK (channel IN ('staff', 'member')),
  status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'approved', 'rejected', 'disbursed', 'paid_off')),
  approvals_required smallint NOT NULL CHECK (approvals_required IN (1, 2)),
  applied_by text NOT NULL REFERENCES "user" (id),
  applied_at timestamptz NOT NULL,
  approved_at timestamptz,
  rejected_by text REFERENCES "user" (id),
  rejected_at timestamptz,
  rejection_reason text CHECK (length(rejection_reason) BETWEEN 3 AND 500),
  -- Set at disbursement: the loan's own account under the receivable control account.
  member_account_id uuid,
  disbursed_on date,
  disbursed_by text REFERENCES "user" (id),
  disbursed_to text CHECK (disbursed_to IN ('cash', 'savings')),
  disbursement_entry_id uuid,
  -- The sukarela held as the product's required savings, released on payoff.
  savings_hold_id uuid,
  paid_off_on date,
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  FOREIGN KEY (koperasi_id, product_id, terms_from) REFERENCES loan_product_terms (koperasi_id, product_id, effective_from),
  FOREIGN KEY (koperasi_id, member_account_id) REFERENCES member_account (koperasi_id, id),
  FOREIGN KEY (koperasi_id, disbursement_entry_id) REFERENCES journal_entry (koperasi_id, id),
  FOREIGN KEY (koperasi_id, savings_hold_id) REFERENCES savings_hold (koperasi_id, id),
  UNIQUE (koperasi_id, member_account_id),
  CHECK ((status = 'rejected') = (rejected_at IS NOT NULL)),
  CHECK ((status IN ('disbursed', 'paid_off')) = (disbursement_entry_id IS NOT NULL)),
  CHECK ((disbursement_entry_id IS NULL) = (member_account_id IS NULL)),
  CHECK ((status = 'paid_off') = (paid_off_on IS NOT NULL))
);
CREATE INDEX loan_member_idx ON loan (koperasi_id, member_id);
CREATE INDEX loan_status_idx ON loan (koperasi_id, status, applied_at);
SELECT enable_tenant_rls('loan');
REVOKE UPDATE, DELETE ON loan FROM koperasi_app;
GRANT UPDATE (status, approved_at, rejected_by, rejected_at, rejection_reason, member_account_id, disbursed_on, disbursed_by, disbursed_to,
  disbursement_entry_id, savings_hold_id, paid_off_on) ON loan TO koperasi_app;

-- Each pengurus' approval; the one who entered the application never approves it.
CREATE TABLE loan_approval (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  loan_id uuid NOT NULL,
  step smallint NOT NULL CHECK (step IN (1, 2)),
  approved_by text NOT NULL REFERENCES "user" (id),
  approved_at timestamptz NOT NULL,
  PRIMARY KEY (koperasi_id, loan_id, step),
  UNIQUE (koperasi_id, loan_id, approved_by),
  FOREIGN KEY (koperasi_id, loan_id) REFERENCES loan (koperasi_id, id)
);
SELECT enable_tenant_rls('loan_approval');
REVOKE UPDATE, DELETE ON loan_approval FROM koperasi_app;

-- The schedule fixed at disbursement, and what each installment has been
-- paid. The daily run reads due_date and what is unpaid for arrears and
-- collectibility, and brings denda_accrued (unrounded, exact to six places)
-- up to a day as a repayment does.
CREATE TABLE loan_installment (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  loan_id uuid NOT NULL,
  period integer NOT NULL CHECK (period >= 1),
  due_date date NOT NULL,
  principal_due bigint NOT NULL CHECK (principal_due > 0),
  interest_due bigint NOT NULL CHECK (interest_due >= 0),
  principal_paid bigint NOT NULL DEFAULT 0,
  interest_paid bigint NOT NULL DEFAULT 0,
  -- Interest of an installment not yet due when the loan was paid off: never charged.
  interest_waived bigint NOT NULL DEFAULT 0,
  denda_accrued numeric(24, 6) NOT NULL DEFAULT 0 CHECK (denda_accrued >= 0),
  denda_accrued_through date,
  denda_paid bigint NOT NULL DEFAULT 0 CHECK (denda_paid >= 0),
  PRIMARY KEY (koperasi_id, loan_id, period),
  FOREIGN KEY (koperasi_id, loan_id) REFERENCES loan (koperasi_id, id),
  CHECK (principal_paid BETWEEN 0 AND principal_due),
  CHECK (interest_paid >= 0 AND interest_waived >= 0 AND interest_paid + interest_waived <= interest_due)
);
CREATE INDEX loan_installment_due_idx ON loan_installment (koperasi_id, due_date) WHERE principal_paid < principal_due;
SELECT enable_tenant_rls('loan_installment');
REVOKE UPDATE, DELETE ON loan_installment FROM koperasi_app;
GRANT UPDATE (principal_paid, interest_paid, interest_waived, denda_accrued, denda_accrued_through, denda_paid) ON loan_installment TO koperasi_app;

-- Every repayment (and the payoff) with how it was split; known by its posted entry's id.
CREATE TABLE loan_repayment (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  loan_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  paid_from text NOT NULL CHECK (paid_from IN ('cash', 'savings')),
  payoff boolean NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  denda bigint NOT NULL CHECK (denda >= 0),
  interest bigint NOT NULL CHECK (interest >= 0),
  principal bigint NOT NULL CHECK (principal >= 0),
  -- [{"period": 1, "denda": 9833, "interest": 150000, "principal": 833333}, …]
  allocation jsonb NOT NULL CHECK (jsonb_typeof(allocation) = 'array'),
  paid_on date NOT NULL,
  created_by text NOT NULL REFERENCES "user" (id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, entry_id),
  FOREIGN KEY (koperasi_id, loan_id) REFERENCES loan (koperasi_id, id),
  FOREIGN KEY (koperasi_id, entry_id) REFERENCES journal_entry (koperasi_id, id),
  CHECK (amount = denda + interest + principal),
  CHECK (id = entry_id)
);
CREATE INDEX loan_repayment_loan_idx ON loan_repayment (koperasi_id, loan_id, created_at);
SELECT enable_tenant_rls('loan_repayment');
REVOKE UPDATE, DELETE ON loan_repayment FROM koperasi_app;
