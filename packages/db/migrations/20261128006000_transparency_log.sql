-- The cooperative's transparency log: its keys, the persisted Merkle tree,
-- the signed checkpoints and the witnesses' cosignatures on them
-- (docs/adr/0002-ledger.md, docs/tlog-storage.md). Everything here is written
-- once and never changed: the application role may only INSERT and SELECT.

-- Ed25519 keys per cooperative: 'log' signs its checkpoints (its key name is
-- the log's origin), 'witness' cosigns other cooperatives' checkpoints on the
-- same deployment. The private key is sealed (AES-256-GCM) under a key the
-- deployment derives from its secret, never stored in the clear.
CREATE TABLE log_key (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  purpose text NOT NULL CHECK (purpose IN ('log', 'witness')),
  key_name text NOT NULL CHECK (length(key_name) BETWEEN 1 AND 255),
  verifier_key text NOT NULL,
  sealed_signer_key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, purpose)
);
SELECT enable_tenant_rls('log_key');
REVOKE UPDATE, DELETE ON log_key FROM koperasi_app;

-- Hash of every perfect-subtree node, leaves included, keyed by (level, index):
-- about 2n rows for n leaves; proofs for any past size read O(log n) of them.
CREATE TABLE log_node (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  level smallint NOT NULL CHECK (level BETWEEN 0 AND 63),
  idx bigint NOT NULL CHECK (idx >= 0),
  hash bytea NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (koperasi_id, level, idx)
);
SELECT enable_tenant_rls('log_node');
REVOKE UPDATE, DELETE ON log_node FROM koperasi_app;

-- Every signed checkpoint (C2SP tlog-checkpoint as a signed note, the log's
-- own signature only); the tree size is its key, sizes only grow.
CREATE TABLE log_checkpoint (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  tree_size bigint NOT NULL CHECK (tree_size >= 0),
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  signed_note text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, tree_size)
);
SELECT enable_tenant_rls('log_checkpoint');
REVOKE UPDATE, DELETE ON log_checkpoint FROM koperasi_app;

-- Witnesses' cosignatures (C2SP tlog-cosignature) on a checkpoint, as the
-- signature line the witness returned; appended to the note when served.
CREATE TABLE log_cosignature (
  koperasi_id uuid NOT NULL REFERENCES koperasi (id),
  tree_size bigint NOT NULL,
  witness_name text NOT NULL CHECK (length(witness_name) BETWEEN 1 AND 255),
  signature_line text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (koperasi_id, tree_size, witness_name),
  FOREIGN KEY (koperasi_id, tree_size) REFERENCES log_checkpoint (koperasi_id, tree_size)
);
SELECT enable_tenant_rls('log_cosignature');
REVOKE UPDATE, DELETE ON log_cosignature FROM koperasi_app;

-- The sequencer runs without a cooperative selected and must learn which
-- cooperatives have leaves waiting for a position. Only unsequenced leaves,
-- only in that mode (set per transaction by the sequencer), and leaves are
-- salted commitments that reveal nothing.
CREATE POLICY sequencer_scan ON log_leaf FOR SELECT
  USING (seq IS NULL AND app_koperasi_id() IS NULL AND current_setting('app.log_sequencer', true) = 'on');
