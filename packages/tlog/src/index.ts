/**
 * @koperasi/tlog — the verifiable log: RFC 9162 Merkle tree, proofs from
 * stored tree state, C2SP signed notes, checkpoints, cosignatures and
 * tlog-proof receipts, and the leaf encoding of journal entries. Pure
 * TypeScript without I/O: it runs in the server, the CLI and the browser.
 */
export { TlogError, isTlogError, type TlogErrorCode } from "./errors.js";
export { decodeBase64, encodeBase64 } from "./base64.js";
export { fromHex, toHex } from "./bytes.js";
export {
  HASH_SIZE,
  consistencyProofFromLeafHashes,
  emptyRoot,
  inclusionProofFromLeafHashes,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
} from "./merkle.js";
export { rootFromConsistencyProof, rootFromInclusionProof, verifyConsistency, verifyInclusion } from "./verify.js";
export {
  CompactRange,
  coverage,
  decompose,
  nodeId,
  rangeNodes,
  type NodeHash,
  type NodeId,
  type NodeVisitor,
} from "./compact-range.js";
export {
  MemoryHashStore,
  appendLeaves,
  loadCompactRange,
  nodeKey,
  type AppendResult,
  type HashReader,
  type HashWriter,
} from "./store.js";
export {
  consistencyProof,
  consistencyProofNodes,
  inclusionProof,
  inclusionProofNodes,
  rehashProof,
  treeRoot,
  type ProofNodes,
} from "./proofs.js";
export {
  computeKeyId,
  encodeSignerKey,
  encodeVerifierKey,
  generateSignerKey,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
  toVerifierKey,
  verifierKeyOf,
  type KeyType,
  type SignerKey,
  type VerifierKey,
} from "./keys.js";
export {
  MAX_SIGNATURES,
  addSignatures,
  formatNote,
  formatSignatureLine,
  parseNote,
  signNote,
  verifyNote,
  type Note,
  type NoteSignature,
  type SignOptions,
  type VerifiedNote,
  type VerifiedSignature,
} from "./note.js";
export {
  COSIGNATURE_V1_HEADER,
  cosignatureMessage,
  parseCosignature,
  signCosignature,
  verifyCosignature,
} from "./cosignature.js";
export {
  cosignCheckpoint,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
  type Cosignature,
  type TrustPolicy,
  type VerifiedCheckpoint,
} from "./checkpoint.js";
export {
  RECEIPT_HEADER,
  encodeReceipt,
  parseReceipt,
  verifyEntryReceipt,
  verifyReceipt,
  type Receipt,
  type ReceiptLeaf,
  type VerifiedEntryReceipt,
  type VerifiedReceipt,
  type VerifyReceiptInput,
} from "./receipt.js";
export {
  MAX_WITNESS_PROOF_LINES,
  TLOG_SIZE_CONTENT_TYPE,
  WITNESS_REFUSAL_STATUS,
  acceptCosignatures,
  cosignatureLines,
  decideAddCheckpoint,
  formatAddCheckpointRequest,
  formatTlogSize,
  parseAddCheckpointRequest,
  parseTlogSize,
  type AcceptedCosignature,
  type AddCheckpointDecision,
  type AddCheckpointRequest,
  type ParsedAddCheckpointRequest,
  type WitnessRefusal,
  type WitnessState,
  type WitnessedLog,
} from "./witness.js";
export {
  LEAF_DATA_SIZE,
  LEAF_DOMAIN,
  LEAF_VERSION,
  SALT_SIZE,
  decodeLeafOpening,
  decodeSummary,
  encodeLeafOpening,
  encodeSummary,
  leafCommitment,
  leafData,
  newSalt,
  type EntryLine,
  type EntrySummary,
} from "./leaf.js";
