-- A login's own member record, found on every request: the permission check
-- reads her terms of office through it, the session lists the cooperatives
-- she belongs to with it, and her home screen lists her accounts by it.
-- Without this index each of those scanned the cooperative's whole member
-- book (at 100,000 members the member dashboard fell to ~17 requests/s).
CREATE INDEX member_user_idx ON member (user_id, koperasi_id) WHERE user_id IS NOT NULL;
