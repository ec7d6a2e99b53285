-- The keys this deployment runs with, by fingerprint (never the key): the
-- log seal key, the token pepper and each member-data key by its id. Every
-- process that opens the database (server or `koperasi` command) compares
-- its own keys with these before doing anything, so a command started with
-- other secrets refuses at once instead of writing rows nobody can open —
-- e.g. a cooperative whose log key the server cannot unseal.
CREATE TABLE deployment_key (
  purpose text NOT NULL CHECK (purpose IN ('log_seal', 'token_pepper', 'member_data')),
  -- The member-data key's id; '' for the single keys.
  key_id text NOT NULL DEFAULT '',
  -- HMAC-SHA256 of a fixed label under the key, first 16 bytes in hex.
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{32}$'),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (purpose, key_id)
);
-- Recorded once, never changed or removed by the application.
REVOKE UPDATE, DELETE ON deployment_key FROM koperasi_app;
