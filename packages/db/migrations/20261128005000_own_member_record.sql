-- A person may read her own member record in each cooperative she belongs to
-- without selecting one first (her home screen lists them); read-only.
CREATE POLICY own_member_record ON member FOR SELECT USING (user_id = app_user_id());
