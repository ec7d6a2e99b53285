-- Starting a registration replaces older unsubmitted drafts for the same
-- email or the same cooperative numbers; these keep that lookup cheap.
CREATE INDEX registration_open_email_idx ON registration (email) WHERE submitted_at IS NULL;
CREATE INDEX registration_open_nik_idx ON registration ((details->'koperasi'->>'nomorIndukKoperasi')) WHERE submitted_at IS NULL;
CREATE INDEX registration_open_badan_hukum_idx ON registration ((details->'koperasi'->>'nomorBadanHukum')) WHERE submitted_at IS NULL;
-- The operator's review queue.
CREATE INDEX koperasi_pending_idx ON koperasi (created_at) WHERE status = 'pending';
