-- Closing the books and supporting documents (docs/adr/0002-ledger.md,
-- "Period close", "Year-end close", "Attachments").

-- Year-end close (tutup buku) ------------------------------------------------

-- One row per closed book year: the closing entry (voucher TB) that zeroed
-- every pendapatan and beban account into SHU tahun berjalan, and the result
-- it moved (positive: SHU; negative: a loss). A year with no income or
-- expense at all closes without an entry. Written once, never changed: the
-- primary key is what refuses a second close of the same year.
CREATE TABLE year_end_close (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  book_year smallint NOT NULL CHECK (book_year BETWEEN 1900 AND 9999),
  entry_id uuid,
  net_result bigint NOT NULL,
  closed_by text REFERENCES "user" (id),
  closed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, book_year),
  UNIQUE (koperasi_id, entry_id),
  FOREIGN KEY (koperasi_id, entry_id) REFERENCES journal_entry (koperasi_id, id),
  CHECK (entry_id IS NOT NULL OR net_result = 0)
);
SELECT enable_tenant_rls('year_end_close');
REVOKE UPDATE, DELETE ON year_end_close FROM koperasi_app;

-- A closed month changes only by being reopened (its row deleted, audited by
-- the application); a month of a closed book year never reopens, whoever
-- asks: the closing entry has already zeroed that year's results.
REVOKE UPDATE ON closed_period FROM koperasi_app;

CREATE FUNCTION closed_period_guard_delete() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM year_end_close WHERE koperasi_id = OLD.koperasi_id AND book_year = extract(year FROM OLD.period_start)) THEN
    RAISE EXCEPTION 'book year % is closed; its months stay closed', extract(year FROM OLD.period_start)
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER closed_period_guard_delete BEFORE DELETE ON closed_period FOR EACH ROW EXECUTE FUNCTION closed_period_guard_delete();

-- Attachments (bukti pendukung) -------------------------------------------

-- Supporting documents of a journal entry: PDF, JPG or PNG (by content), at
-- most 5 MB, the bytes in the deployment's file storage under storage_key.
-- An attachment is its own row, so adding one to a posted entry changes
-- nothing of the entry (nor its log leaf). Never updated; deleted only while
-- its entry is still pending — once posted (or rejected) it stays, like the
-- journal itself.
CREATE TABLE journal_attachment (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  entry_id uuid NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL,
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, entry_id) REFERENCES journal_entry (koperasi_id, id)
);
CREATE INDEX journal_attachment_entry_idx ON journal_attachment (koperasi_id, entry_id);
SELECT enable_tenant_rls('journal_attachment');
REVOKE UPDATE ON journal_attachment FROM koperasi_app;

CREATE FUNCTION journal_attachment_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  entry_status text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'attachment % cannot change', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT status INTO entry_status FROM journal_entry WHERE koperasi_id = NEW.koperasi_id AND id = NEW.entry_id;
    IF entry_status = 'rejected' THEN
      RAISE EXCEPTION 'journal entry % is rejected and takes no attachments', NEW.entry_id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  SELECT status INTO entry_status FROM journal_entry WHERE koperasi_id = OLD.koperasi_id AND id = OLD.entry_id;
  IF entry_status IS DISTINCT FROM 'pending' THEN
    RAISE EXCEPTION 'attachments of journal entry % cannot be deleted', OLD.entry_id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER journal_attachment_guard BEFORE INSERT OR UPDATE OR DELETE ON journal_attachment FOR EACH ROW EXECUTE FUNCTION journal_attachment_guard();
