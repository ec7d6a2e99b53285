-- The member book (buku daftar anggota): the registry's fields on `member`,
-- its status history, heirs, photo and KTP scan, and the name index that
-- keeps search fast at 100,000 members per cooperative.
--
-- Personal identifiers (NIK, phone, mother's maiden name, an heir's phone)
-- are stored sealed by the server (AES-256-GCM, one ciphertext per field,
-- carrying its key id) and never in the clear. Exact lookup of NIK and phone
-- goes through blind indexes (HMAC-SHA256 of the normalised value under a
-- per-cooperative key), written by the server; `pii_key_id` names the key
-- a row's ciphertexts and indexes were made with, so a key rotation can
-- resume where it stopped.

ALTER TABLE member
  ADD COLUMN member_type text NOT NULL DEFAULT 'perorangan' CHECK (member_type IN ('perorangan', 'badan_hukum')),
  ADD COLUMN nik_sealed text,
  ADD COLUMN nik_index text,
  ADD COLUMN phone_sealed text,
  ADD COLUMN phone_index text,
  ADD COLUMN mother_maiden_name_sealed text,
  ADD COLUMN pii_key_id text,
  ADD COLUMN birth_place text CHECK (length(birth_place) BETWEEN 1 AND 80),
  ADD COLUMN birth_date date,
  ADD COLUMN gender text CHECK (gender IN ('male', 'female')),
  ADD COLUMN marital_status text CHECK (marital_status IN ('belum_kawin', 'kawin', 'cerai_hidup', 'cerai_mati')),
  ADD COLUMN address text CHECK (length(address) BETWEEN 1 AND 300),
  ADD COLUMN email text CHECK (length(email) BETWEEN 3 AND 254),
  ADD COLUMN occupation text CHECK (length(occupation) BETWEEN 1 AND 80),
  ADD COLUMN nomor_badan_hukum text CHECK (length(nomor_badan_hukum) BETWEEN 1 AND 80),
  ADD COLUMN nomor_induk_koperasi text CHECK (length(nomor_induk_koperasi) BETWEEN 1 AND 80),
  ADD COLUMN source_of_funds text CHECK (source_of_funds IN ('gaji', 'usaha', 'pensiun', 'hasil_investasi', 'warisan', 'hibah', 'lainnya')),
  ADD COLUMN source_of_funds_other text CHECK (length(source_of_funds_other) BETWEEN 1 AND 120),
  ADD COLUMN updated_at timestamptz,
  -- A legal entity has no NIK, birth or gender; its legal numbers stand in.
  ADD CONSTRAINT member_badan_hukum_fields CHECK (
    member_type = 'perorangan'
    OR (nik_sealed IS NULL AND birth_date IS NULL AND gender IS NULL AND marital_status IS NULL AND mother_maiden_name_sealed IS NULL)),
  ADD CONSTRAINT member_sealed_with_key CHECK (
    pii_key_id IS NOT NULL OR (nik_sealed IS NULL AND phone_sealed IS NULL AND mother_maiden_name_sealed IS NULL)),
  ADD CONSTRAINT member_nik_indexed CHECK ((nik_sealed IS NULL) = (nik_index IS NULL)),
  ADD CONSTRAINT member_phone_indexed CHECK ((phone_sealed IS NULL) = (phone_index IS NULL)),
  ADD CONSTRAINT member_source_of_funds_other CHECK ((source_of_funds = 'lainnya') = (source_of_funds_other IS NOT NULL));

-- One NIK per cooperative (race-safe: the index decides). A family may share a phone.
CREATE UNIQUE INDEX member_nik_index_key ON member (koperasi_id, nik_index);
CREATE INDEX member_phone_index_idx ON member (koperasi_id, phone_index);
-- Member-number prefix search ("agt-0001"). A stored column rather than an
-- index on lower(member_number): under row-level security only leakproof
-- conditions may run before the policy's, and lower() is not, so an
-- expression index would never be used for a tenant's query.
ALTER TABLE member ADD COLUMN member_number_folded text GENERATED ALWAYS AS (lower(member_number)) STORED;
CREATE INDEX member_number_prefix_idx ON member (koperasi_id, member_number_folded text_pattern_ops);
-- Rows still sealed under an older key, for the rotation.
CREATE INDEX member_pii_key_idx ON member (koperasi_id, pii_key_id);
CREATE INDEX member_joined_idx ON member (koperasi_id, joined_on);

-- Accent and case folding without the unaccent extension (PGlite has none):
-- every Latin letter with a diacritic (U+00C0–U+024F) to its lower-case base
-- letter. Names and queries go through the same function.
CREATE FUNCTION member_name_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(translate(t,
    'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ',
    'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyy')) $$;

-- The words of a name a search may start at: each whitespace-separated word
-- ("wayan_sudarta", "100%") and each run of letters and digits inside one
-- ("wayan", "sudarta"), folded.
CREATE FUNCTION member_name_tokens(t text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT DISTINCT token FROM (
      SELECT regexp_split_to_table(member_name_fold(t), '\s+') AS token
      UNION ALL
      SELECT regexp_split_to_table(member_name_fold(t), '[^[:alnum:]]+')
    ) words
    WHERE token <> ''
  $$;

-- Word-prefix name search: "siti" finds "Sití Aminah" and "Dewi Siti" through
-- a btree range scan on (koperasi_id, token), never a scan of the members.
CREATE TABLE member_name_token (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  token text NOT NULL,
  member_id uuid NOT NULL,
  PRIMARY KEY (koperasi_id, token, member_id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id) ON DELETE CASCADE
);
CREATE INDEX member_name_token_prefix_idx ON member_name_token (koperasi_id, token text_pattern_ops);
CREATE INDEX member_name_token_member_idx ON member_name_token (koperasi_id, member_id);
SELECT enable_tenant_rls('member_name_token');

-- Kept by the database so every way a member is written (the API, imports,
-- the generator, first start) is searchable the same way.
CREATE FUNCTION member_name_token_refresh() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.full_name IS NOT DISTINCT FROM OLD.full_name THEN
      RETURN NULL;
    END IF;
    DELETE FROM member_name_token WHERE koperasi_id = NEW.koperasi_id AND member_id = NEW.id;
  END IF;
  INSERT INTO member_name_token (koperasi_id, token, member_id)
  SELECT NEW.koperasi_id, token, NEW.id FROM member_name_tokens(NEW.full_name) AS token;
  RETURN NULL;
END $$;
CREATE TRIGGER member_name_token_refresh AFTER INSERT OR UPDATE OF full_name ON member
  FOR EACH ROW EXECUTE FUNCTION member_name_token_refresh();

INSERT INTO member_name_token (koperasi_id, token, member_id)
SELECT m.koperasi_id, token, m.id FROM member m, member_name_tokens(m.full_name) AS token;

-- Dated, append-only status history: who moved a member from which status to
-- which, effective when, and why. The first row (from_status NULL) is entry
-- into the book.
CREATE TABLE member_status_change (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  from_status text CHECK (from_status IN ('calon', 'aktif', 'keluar', 'meninggal', 'diberhentikan')),
  to_status text NOT NULL CHECK (to_status IN ('calon', 'aktif', 'keluar', 'meninggal', 'diberhentikan')),
  effective_on date NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  changed_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id)
);
CREATE INDEX member_status_change_member_idx ON member_status_change (koperasi_id, member_id, effective_on);
SELECT enable_tenant_rls('member_status_change');
REVOKE UPDATE, DELETE ON member_status_change FROM koperasi_app;

INSERT INTO member_status_change (koperasi_id, id, member_id, from_status, to_status, effective_on, reason, created_at)
SELECT koperasi_id, id, id, NULL, status, joined_on, 'Tercatat sebelum buku daftar anggota', created_at FROM member;

-- Heirs (ahli waris): who receives a member's savings and SHU on death.
-- Shares in basis points (10000 = 100%), optional; the server keeps their sum ≤ 100%.
CREATE TABLE member_heir (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 120),
  relationship text NOT NULL CHECK (relationship IN ('suami', 'istri', 'anak', 'orang_tua', 'saudara_kandung', 'cucu', 'lainnya')),
  phone_sealed text,
  pii_key_id text,
  share_bp integer CHECK (share_bp BETWEEN 1 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  PRIMARY KEY (koperasi_id, id),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id),
  CHECK (phone_sealed IS NULL OR pii_key_id IS NOT NULL)
);
CREATE INDEX member_heir_member_idx ON member_heir (koperasi_id, member_id);
CREATE INDEX member_heir_pii_key_idx ON member_heir (koperasi_id, pii_key_id);
SELECT enable_tenant_rls('member_heir');

-- The member's photo and KTP scan: one current file of each kind, always a
-- re-encoded image (metadata stripped), bytes under DATA_DIR/files.
CREATE TABLE member_file (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  member_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('photo', 'ktp')),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  uploaded_by text REFERENCES "user" (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, member_id, kind),
  FOREIGN KEY (koperasi_id, member_id) REFERENCES member (koperasi_id, id)
);
SELECT enable_tenant_rls('member_file');
