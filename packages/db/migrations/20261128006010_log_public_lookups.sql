-- Public log endpoints (apps/server/src/transparency).

-- An inclusion proof asked for by leaf hash finds the leaf's position among
-- the tree's leaves (level 0). log_node is written by the sequencer, not by
-- the posting transaction, so this index costs posting nothing.
CREATE INDEX log_node_leaf_hash_idx ON log_node (koperasi_id, hash) WHERE level = 0;

-- A log's public key list names the witnesses that cosign it, and those are
-- other cooperatives' witness keys. Verifier keys are public; this policy
-- shows witness keys of all cooperatives, only without a cooperative
-- selected and only in the mode the key directory sets per transaction (the
-- application selects the public columns only; the sealed private key stays
-- sealed under the deployment's secret).
CREATE POLICY witness_key_directory ON log_key FOR SELECT
  USING (purpose = 'witness' AND app_koperasi_id() IS NULL AND current_setting('app.log_key_directory', true) = 'on');
-- Witness keys are looked up by the name in a cosignature line.
CREATE INDEX log_key_witness_name_idx ON log_key (key_name) WHERE purpose = 'witness';
