-- SHU (Sisa Hasil Usaha): the cooperative's split of the year's surplus and
-- each closed year's calculation, kept whole so anyone can recompute it.

-- The AD/ART's split, in basis points (1% = 100), as a dated history: a row
-- applies from its date and never changes; a later row takes over. Which
-- savings products count for jasa modal: NULL means pokok and wajib.
CREATE TABLE shu_setting (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  effective_from date NOT NULL,
  cadangan_bp integer NOT NULL CHECK (cadangan_bp BETWEEN 0 AND 10000),
  jasa_modal_bp integer NOT NULL CHECK (jasa_modal_bp BETWEEN 0 AND 10000),
  jasa_usaha_bp integer NOT NULL CHECK (jasa_usaha_bp BETWEEN 0 AND 10000),
  dana_pengurus_bp integer NOT NULL CHECK (dana_pengurus_bp BETWEEN 0 AND 10000),
  dana_karyawan_bp integer NOT NULL CHECK (dana_karyawan_bp BETWEEN 0 AND 10000),
  dana_pendidikan_bp integer NOT NULL CHECK (dana_pendidikan_bp BETWEEN 0 AND 10000),
  dana_sosial_bp integer NOT NULL CHECK (dana_sosial_bp BETWEEN 0 AND 10000),
  jasa_modal_measure text NOT NULL DEFAULT 'daily_average' CHECK (jasa_modal_measure IN ('daily_average', 'year_end_balance')),
  jasa_usaha_measure text NOT NULL DEFAULT 'interest_paid' CHECK (jasa_usaha_measure IN ('interest_paid')),
  counted_product_ids uuid[],
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, effective_from),
  CHECK (cadangan_bp + jasa_modal_bp + jasa_usaha_bp + dana_pengurus_bp + dana_karyawan_bp + dana_pendidikan_bp + dana_sosial_bp = 10000)
);
SELECT enable_tenant_rls('shu_setting');
REVOKE UPDATE, DELETE ON shu_setting FROM koperasi_app;

-- One calculation per closed book year, moving forward only:
-- calculated → reviewed → approved (at the RAT) → distributed. While only
-- calculated it may be calculated again (its member rows replaced); after
-- that its figures are fixed, and once distributed nothing changes.
CREATE TABLE shu_calculation (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  book_year integer NOT NULL,
  status text NOT NULL CHECK (status IN ('calculated', 'reviewed', 'approved', 'distributed')),
  shu_amount bigint NOT NULL CHECK (shu_amount > 0),
  -- Basis points per pool and the whole Rupiah of each pool, as applied.
  allocation jsonb NOT NULL,
  pools jsonb NOT NULL,
  unshared jsonb NOT NULL,
  jasa_modal_measure text NOT NULL,
  jasa_usaha_measure text NOT NULL,
  counted_product_ids uuid[] NOT NULL,
  year_days integer NOT NULL CHECK (year_days IN (365, 366)),
  total_basis_jasa_modal bigint NOT NULL CHECK (total_basis_jasa_modal >= 0),
  total_basis_jasa_usaha bigint NOT NULL CHECK (total_basis_jasa_usaha >= 0),
  members_total bigint NOT NULL CHECK (members_total >= 0),
  member_count integer NOT NULL CHECK (member_count >= 0),
  calculated_by text REFERENCES "user" (id),
  calculated_at timestamptz NOT NULL,
  reviewed_by text REFERENCES "user" (id),
  reviewed_at timestamptz,
  review_note text CHECK (length(review_note) <= 1000),
  approved_by text REFERENCES "user" (id),
  approved_at timestamptz,
  rat_date date,
  rat_note text CHECK (length(rat_note) <= 1000),
  distributed_by text REFERENCES "user" (id),
  distributed_at timestamptz,
  distribution_method text CHECK (distribution_method IN ('sukarela', 'cash')),
  distribution_entry_id uuid,
  PRIMARY KEY (koperasi_id, book_year),
  FOREIGN KEY (koperasi_id, book_year) REFERENCES year_end_close (koperasi_id, book_year),
  FOREIGN KEY (koperasi_id, distribution_entry_id) REFERENCES journal_entry (koperasi_id, id),
  CHECK ((status = 'distributed') = (distribution_entry_id IS NOT NULL))
);
SELECT enable_tenant_rls('shu_calculation');
REVOKE DELETE ON shu_calculation FROM koperasi_app;

CREATE FUNCTION shu_calculation_forward_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  v_order text[] := ARRAY['calculated', 'reviewed', 'approved', 'distributed'];
BEGIN
  IF OLD.status = 'distributed' THEN
    RAISE EXCEPTION 'SHU % sudah dibagikan dan tidak dapat diubah', OLD.book_year USING ERRCODE = 'check_violation';
  END IF;
  IF array_position(v_order, NEW.status) < array_position(v_order, OLD.status) THEN
    RAISE EXCEPTION 'SHU % tidak dapat kembali dari % ke %', OLD.book_year, OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> 'calculated' AND (NEW.shu_amount, NEW.pools, NEW.members_total) IS DISTINCT FROM (OLD.shu_amount, OLD.pools, OLD.members_total) THEN
    RAISE EXCEPTION 'Angka SHU % sudah ditinjau dan tidak dapat dihitung ulang', OLD.book_year USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER shu_calculation_forward_only BEFORE UPDATE ON shu_calculation FOR EACH ROW EXECUTE FUNCTION shu_calculation_forward_only();

-- Each member's basis, unrounded shares (six decimals) and whole amounts.
CREATE TABLE shu_member_share (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  book_year integer NOT NULL,
  member_id uuid NOT NULL,
  member_number text NOT NULL,
  jasa_modal_basis bigint NOT NULL CHECK (jasa_modal_basis >= 0),
  jasa_modal_exact numeric(30, 6) NOT NULL CHECK (jasa_modal_exact >= 0),
  jasa_modal_amount bigint NOT NULL CHECK (jasa_modal_amount >= 0),
  jasa_usaha_basis bigint NOT NULL CHECK (jasa_usaha_basis >= 0),
  jasa_usaha_exact numeric(30, 6) NOT NULL CHECK (jasa_usaha_exact >= 0),
  jasa_usaha_amount bigint NOT NULL CHECK (jasa_usaha_amount >= 0),
  total bigint NOT NULL CHECK (total = jasa_modal_amount + jasa_usaha_amount),
  -- Where her share went when distributed: her sukarela account, or owed in cash.
  paid_to_member_account_id uuid,
  PRIMARY KEY (koperasi_id, book_year, member_id),
  FOREIGN KEY (koperasi_id, book_year) REFERENCES shu_calculation (koperasi_id, book_year),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  FOREIGN KEY (koperasi_id, paid_to_member_account_id) REFERENCES member_account (koperasi_id, id)
);
CREATE INDEX shu_member_share_number_idx ON shu_member_share (koperasi_id, book_year, member_number);
SELECT enable_tenant_rls('shu_member_share');
REVOKE UPDATE ON shu_member_share FROM koperasi_app;
GRANT UPDATE (paid_to_member_account_id) ON shu_member_share TO koperasi_app;

-- A member's rows are replaced only while the calculation is merely calculated.
CREATE FUNCTION shu_member_share_while_calculated() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF (SELECT c.status FROM shu_calculation c WHERE c.koperasi_id = OLD.koperasi_id AND c.book_year = OLD.book_year) <> 'calculated' THEN
    RAISE EXCEPTION 'Rincian SHU % sudah ditinjau dan tidak dapat dihapus', OLD.book_year USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER shu_member_share_while_calculated BEFORE DELETE ON shu_member_share FOR EACH ROW EXECUTE FUNCTION shu_member_share_while_calculated();
