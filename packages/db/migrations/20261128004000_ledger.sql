-- The general ledger: chart of accounts, journal, member sub-ledgers, log
-- leaves, idempotency records, closed periods (docs/adr/0002-ledger.md).
-- The application checks every rule first and answers with a clear message;
-- the database enforces the ones that keep the books true, so that no bug,
-- script or console session can unbalance or rewrite them.
--
-- Triggers below that look up a related row do nothing when it is not found:
-- row-level security may be hiding it (a row of another cooperative), and
-- then the tenant policy or a foreign key refuses the statement with its
-- own, clearer error.
--
-- Voucher numbers are drawn from tenant_sequence (id `voucher/<prefix>/<year>`).

-- Chart of accounts ---------------------------------------------------------

-- gl_account: a general-ledger account ("account" is the login table of the
-- auth library).

CREATE TABLE gl_account (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[1-9]([.-]?[0-9])*$' AND length(code) <= 20),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
  type text NOT NULL CHECK (type IN ('aset', 'liabilitas', 'ekuitas', 'pendapatan', 'beban')),
  normal_balance text NOT NULL CHECK (normal_balance IN ('debit', 'credit')),
  parent_id uuid,
  is_group boolean NOT NULL DEFAULT false,
  is_control boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, code),
  FOREIGN KEY (koperasi_id, parent_id) REFERENCES gl_account (koperasi_id, id),
  CHECK (NOT (is_group AND is_control)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  -- Indonesian charts number by type: 1 aset, 2 liabilitas, 3 ekuitas, 4 pendapatan, 5 beban.
  CHECK (left(code, 1) = CASE type WHEN 'aset' THEN '1' WHEN 'liabilitas' THEN '2' WHEN 'ekuitas' THEN '3' WHEN 'pendapatan' THEN '4' ELSE '5' END)
);
SELECT enable_tenant_rls('gl_account');
-- Closed, never deleted (journal lines refer to it). Its code is part of every
-- log leaf, so only the name and the status may change.
REVOKE UPDATE, DELETE ON gl_account FROM koperasi_app;
GRANT UPDATE (name, status, closed_at) ON gl_account TO koperasi_app;

CREATE FUNCTION gl_account_guard_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF (NEW.koperasi_id, NEW.id, NEW.code, NEW.type, NEW.normal_balance, NEW.parent_id, NEW.is_group, NEW.is_control)
     IS DISTINCT FROM (OLD.koperasi_id, OLD.id, OLD.code, OLD.type, OLD.normal_balance, OLD.parent_id, OLD.is_group, OLD.is_control) THEN
    RAISE EXCEPTION 'account %: only its name and status may change', OLD.code USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER gl_account_guard_update BEFORE UPDATE ON gl_account FOR EACH ROW EXECUTE FUNCTION gl_account_guard_update();

-- Member sub-ledgers ---------------------------------------------------------

-- One member's account under a control account (a simpanan, a loan). Savings
-- and loan products specialise it; the balance is on the control account's
-- normal side, so the balances of its member accounts add up to it.
CREATE TABLE member_account (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  account_id uuid NOT NULL,
  balance bigint NOT NULL DEFAULT 0,
  allow_negative boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  PRIMARY KEY (koperasi_id, id),
  -- Target of journal_line's (member account, control account) foreign key.
  UNIQUE (koperasi_id, id, account_id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  FOREIGN KEY (koperasi_id, account_id) REFERENCES gl_account (koperasi_id, id),
  CHECK (balance >= 0 OR allow_negative),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX member_account_member_idx ON member_account (koperasi_id, member_id);
CREATE INDEX member_account_control_idx ON member_account (koperasi_id, account_id);
SELECT enable_tenant_rls('member_account');
REVOKE UPDATE, DELETE ON member_account FROM koperasi_app;
GRANT UPDATE (balance, status, closed_at) ON member_account TO koperasi_app;

CREATE FUNCTION member_account_guard_insert() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  control boolean;
BEGIN
  SELECT is_control INTO control FROM gl_account WHERE koperasi_id = NEW.koperasi_id AND id = NEW.account_id;
  IF FOUND AND NOT control THEN
    RAISE EXCEPTION 'member accounts sit under a control account' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER member_account_guard_insert BEFORE INSERT ON member_account FOR EACH ROW EXECUTE FUNCTION member_account_guard_insert();

-- Journal --------------------------------------------------------------------

-- An entry is pending (a manual journal or reversal awaiting its checker),
-- posted, or rejected. Posting sets the voucher number, posted_at and the
-- approver once; after that nothing about it changes. line_count is the
-- header's promise about its lines: checked at commit, it refuses a line
-- slipped into an entry posted earlier.
CREATE TABLE journal_entry (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'posted', 'rejected')),
  voucher_no text,
  business_date date NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  source text NOT NULL CHECK (source ~ '^[a-z][a-z_]{1,39}$'),
  source_ref text,
  line_count smallint NOT NULL CHECK (line_count >= 1),
  reverses_entry_id uuid,
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  approved_by text REFERENCES "user" (id),
  rejected_by text REFERENCES "user" (id),
  rejected_at timestamptz,
  posted_at timestamptz,
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, voucher_no),
  FOREIGN KEY (koperasi_id, reverses_entry_id) REFERENCES journal_entry (koperasi_id, id),
  CHECK ((status = 'posted') = (posted_at IS NOT NULL)),
  CHECK (status <> 'posted' OR voucher_no IS NOT NULL),
  CHECK ((status = 'rejected') = (rejected_at IS NOT NULL)),
  -- Maker–checker: whoever entered it cannot be the one who approves it.
  CHECK (approved_by IS NULL OR created_by IS NULL OR approved_by <> created_by)
);
-- An entry is reversed at most once (a rejected reversal does not count).
CREATE UNIQUE INDEX journal_entry_reversed_once ON journal_entry (koperasi_id, reverses_entry_id)
  WHERE reverses_entry_id IS NOT NULL AND status <> 'rejected';
CREATE INDEX journal_entry_date_idx ON journal_entry (koperasi_id, business_date);
CREATE INDEX journal_entry_pending_idx ON journal_entry (koperasi_id, created_at) WHERE status = 'pending';
SELECT enable_tenant_rls('journal_entry');
REVOKE UPDATE, DELETE ON journal_entry FROM koperasi_app;
GRANT UPDATE (status, voucher_no, posted_at, approved_by, rejected_by, rejected_at) ON journal_entry TO koperasi_app;

CREATE TABLE journal_line (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  entry_id uuid NOT NULL,
  line_no smallint NOT NULL CHECK (line_no >= 1),
  account_id uuid NOT NULL,
  member_account_id uuid,
  debit bigint NOT NULL CHECK (debit >= 0),
  credit bigint NOT NULL CHECK (credit >= 0),
  PRIMARY KEY (koperasi_id, entry_id, line_no),
  FOREIGN KEY (koperasi_id, entry_id) REFERENCES journal_entry (koperasi_id, id),
  FOREIGN KEY (koperasi_id, account_id) REFERENCES gl_account (koperasi_id, id),
  -- A member account's lines are on its own control account, so sub-ledgers add up to it.
  FOREIGN KEY (koperasi_id, member_account_id, account_id) REFERENCES member_account (koperasi_id, id, account_id),
  -- Exactly one side, and it is positive.
  CHECK ((debit > 0) <> (credit > 0))
);
CREATE INDEX journal_line_account_idx ON journal_line (koperasi_id, account_id);
CREATE INDEX journal_line_member_account_idx ON journal_line (koperasi_id, member_account_id) WHERE member_account_id IS NOT NULL;
SELECT enable_tenant_rls('journal_line');
REVOKE UPDATE, DELETE ON journal_line FROM koperasi_app;

-- Posted entries never change, whoever asks: a mistake is corrected by a
-- reversing entry. (Only a superuser who disables triggers can get past
-- this, and the transparency log then shows it.)
CREATE FUNCTION journal_entry_guard_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'journal entry % is % and cannot change', coalesce(OLD.voucher_no, OLD.id::text), OLD.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF (NEW.koperasi_id, NEW.id, NEW.business_date, NEW.description, NEW.source, NEW.source_ref, NEW.line_count,
      NEW.reverses_entry_id, NEW.created_by, NEW.created_at)
     IS DISTINCT FROM (OLD.koperasi_id, OLD.id, OLD.business_date, OLD.description, OLD.source, OLD.source_ref, OLD.line_count,
      OLD.reverses_entry_id, OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION 'journal entry %: only its posting or rejection may be recorded', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER journal_entry_guard_update BEFORE UPDATE ON journal_entry FOR EACH ROW EXECUTE FUNCTION journal_entry_guard_update();

CREATE FUNCTION journal_entry_guard_delete() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'journal entry % is % and cannot be deleted', coalesce(OLD.voucher_no, OLD.id::text), OLD.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER journal_entry_guard_delete BEFORE DELETE ON journal_entry FOR EACH ROW EXECUTE FUNCTION journal_entry_guard_delete();

CREATE FUNCTION journal_line_guard_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  entry_status text;
BEGIN
  SELECT status INTO entry_status FROM journal_entry WHERE koperasi_id = OLD.koperasi_id AND id = OLD.entry_id;
  IF entry_status IS DISTINCT FROM 'pending' THEN
    RAISE EXCEPTION 'lines of journal entry % cannot change', OLD.entry_id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER journal_line_guard_change BEFORE UPDATE OR DELETE ON journal_line FOR EACH ROW EXECUTE FUNCTION journal_line_guard_change();

-- Lines go only to accounts that take postings: open, not a group heading,
-- and on a control account only through a member's sub-ledger.
CREATE FUNCTION journal_line_guard_insert() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  target record;
BEGIN
  SELECT code, status, is_group, is_control INTO target FROM gl_account WHERE koperasi_id = NEW.koperasi_id AND id = NEW.account_id;
  IF NOT FOUND THEN
    RETURN NEW;
  END IF;
  IF target.status <> 'open' THEN
    RAISE EXCEPTION 'account % is closed', target.code USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF target.is_group THEN
    RAISE EXCEPTION 'account % is a group heading and takes no postings', target.code USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF target.is_control AND NEW.member_account_id IS NULL THEN
    RAISE EXCEPTION 'control account % takes postings only through a member account', target.code USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER journal_line_guard_insert BEFORE INSERT ON journal_line FOR EACH ROW EXECUTE FUNCTION journal_line_guard_insert();

-- At commit (deferred, so an entry and its lines can be written in any
-- order): the lines match the header's count, and a posted entry has at
-- least two lines with debits equal to credits.
CREATE FUNCTION journal_entry_assert_complete(k uuid, e uuid) RETURNS void
  LANGUAGE plpgsql
  AS $$
DECLARE
  entry record;
  n integer;
  d numeric;
  c numeric;
BEGIN
  SELECT status, voucher_no, line_count INTO entry FROM journal_entry WHERE koperasi_id = k AND id = e;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0) INTO n, d, c
    FROM journal_line WHERE koperasi_id = k AND entry_id = e;
  IF n <> entry.line_count THEN
    RAISE EXCEPTION 'journal entry % has % lines but its header says %', coalesce(entry.voucher_no, e::text), n, entry.line_count
      USING ERRCODE = 'check_violation';
  END IF;
  IF entry.status = 'posted' AND n < 2 THEN
    RAISE EXCEPTION 'journal entry % has fewer than two lines', entry.voucher_no USING ERRCODE = 'check_violation';
  END IF;
  IF entry.status = 'posted' AND d <> c THEN
    RAISE EXCEPTION 'journal entry % is unbalanced: debit %, credit %', entry.voucher_no, d, c USING ERRCODE = 'check_violation';
  END IF;
END $$;

CREATE FUNCTION journal_entry_check_complete() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_TABLE_NAME = 'journal_line' THEN
    PERFORM journal_entry_assert_complete(NEW.koperasi_id, NEW.entry_id);
  ELSE
    PERFORM journal_entry_assert_complete(NEW.koperasi_id, NEW.id);
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER journal_line_balanced AFTER INSERT ON journal_line
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_check_complete();
CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT OR UPDATE ON journal_entry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_check_complete();

-- Transparency log leaves ----------------------------------------------------

-- Written in the posting transaction: a salted commitment to the entry
-- (docs/tlog-leaf.md). Its position in the cooperative's tree (seq) is set
-- afterwards by the sequencer, once, so posting holds no lock on the tree.
CREATE TABLE log_leaf (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  entry_id uuid NOT NULL,
  seq bigint CHECK (seq >= 0),
  salt bytea NOT NULL CHECK (length(salt) = 32),
  leaf_data bytea NOT NULL CHECK (length(leaf_data) = 33),
  leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, entry_id),
  UNIQUE (koperasi_id, seq),
  FOREIGN KEY (koperasi_id, entry_id) REFERENCES journal_entry (koperasi_id, id)
);
CREATE INDEX log_leaf_unsequenced_idx ON log_leaf (koperasi_id, created_at) WHERE seq IS NULL;
SELECT enable_tenant_rls('log_leaf');
REVOKE UPDATE, DELETE ON log_leaf FROM koperasi_app;
GRANT UPDATE (seq) ON log_leaf TO koperasi_app;

CREATE FUNCTION log_leaf_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.seq IS NOT NULL
     OR (NEW.koperasi_id, NEW.entry_id, NEW.salt, NEW.leaf_data, NEW.leaf_hash, NEW.created_at)
        IS DISTINCT FROM (OLD.koperasi_id, OLD.entry_id, OLD.salt, OLD.leaf_data, OLD.leaf_hash, OLD.created_at) THEN
    RAISE EXCEPTION 'log leaf of entry % cannot change except to receive its position once', OLD.entry_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER log_leaf_guard BEFORE UPDATE OR DELETE ON log_leaf FOR EACH ROW EXECUTE FUNCTION log_leaf_guard();

-- Idempotency ----------------------------------------------------------------

-- One row per (cooperative, user, Idempotency-Key), written in the same
-- transaction as the posting it guards, with the response to replay.
CREATE TABLE idempotency_key (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  user_id text NOT NULL REFERENCES "user" (id),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash text NOT NULL,
  status text NOT NULL CHECK (status IN ('in_progress', 'completed')),
  response_status smallint,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (koperasi_id, id),
  UNIQUE (koperasi_id, user_id, key),
  CHECK ((status = 'completed') = (response_status IS NOT NULL AND completed_at IS NOT NULL))
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
SELECT enable_tenant_rls('idempotency_key');

-- Period close ---------------------------------------------------------------

-- A closed month refuses postings dated in it. Closing and reopening (an
-- audited permission) arrive with month-end; posting already checks here.
CREATE TABLE closed_period (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  period_start date NOT NULL CHECK (extract(day FROM period_start) = 1),
  closed_by text REFERENCES "user" (id),
  closed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, period_start)
);
SELECT enable_tenant_rls('closed_period');
