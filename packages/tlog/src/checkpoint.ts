import { decodeBase64, encodeBase64 } from "./base64.js";
import { TlogError } from "./errors.js";
import { toVerifierKey, type SignerKey, type VerifierKey } from "./keys.js";
import { HASH_SIZE } from "./merkle.js";
import { addSignatures, parseNote, signNote, verifyNote, type NoteSignature, type VerifiedSignature } from "./note.js";

/*
 * c2sp.org/tlog-checkpoint: the note text
 *
 *   <origin>\n<tree size, decimal>\n<base64 root hash>\n[<extension line>\n]*
 *
 * signed by the log, and optionally cosigned by witnesses.
 */

export interface Checkpoint {
  /** Unique log identity; here one per cooperative, e.g. "koperasi-pintar.example/k/<id>". */
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Optional opaque extension lines (not recommended by the spec). */
  readonly extensions?: readonly string[];
}

/** The checkpoint's note text (what gets signed). */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (origin.length === 0 || origin.includes("\n")) throw new TlogError("malformed-checkpoint", "origin must be one non-empty line");
  if (!Number.isSafeInteger(size) || size < 0) throw new TlogError("malformed-checkpoint", `invalid tree size ${String(size)}`);
  if (rootHash.length !== HASH_SIZE) throw new TlogError("malformed-checkpoint", `root hash must be ${HASH_SIZE} bytes`);
  for (const line of extensions) {
    if (line.length === 0 || line.includes("\n")) throw new TlogError("malformed-checkpoint", "extension lines must be non-empty single lines");
  }
  return [origin, String(size), encodeBase64(rootHash), ...extensions].map((l) => `${l}\n`).join("");
}

/** Parses a checkpoint's note text (not a signed note; see openCheckpoint). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith("\n")) throw new TlogError("malformed-checkpoint", "checkpoint text must end in a newline");
  const lines = text.slice(0, -1).split("\n");
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin === undefined || sizeLine === undefined || rootLine === undefined) {
    throw new TlogError("malformed-checkpoint", "checkpoint needs origin, size and root hash lines");
  }
  if (lines.some((l) => l.length === 0)) throw new TlogError("malformed-checkpoint", "checkpoint lines must be non-empty");
  // Decimal without leading zeroes, so each size has one spelling.
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw new TlogError("malformed-checkpoint", `invalid tree size ${JSON.stringify(sizeLine)}`);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new TlogError("malformed-checkpoint", `tree size ${sizeLine} exceeds 2^53 - 1`);
  let rootHash: Uint8Array;
  try {
    rootHash = decodeBase64(rootLine);
  } catch {
    throw new TlogError("malformed-checkpoint", "root hash is not valid base64");
  }
  if (rootHash.length !== HASH_SIZE) throw new TlogError("malformed-checkpoint", `root hash must be ${HASH_SIZE} bytes`);
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

/** Formats and signs a checkpoint with the log's key; returns the signed note. */
export function signCheckpoint(checkpoint: Checkpoint, logKey: SignerKey): string {
  if (logKey.type !== "ed25519") throw new TlogError("invalid-argument", "a log signs checkpoints with an ed25519 note key");
  return signNote(formatCheckpoint(checkpoint), [logKey]);
}

/**
 * Adds a witness cosignature to a signed checkpoint. The witness must have
 * checked the log's signature and a consistency proof from the last
 * checkpoint it cosigned before calling this (see c2sp.org/tlog-witness).
 */
export function cosignCheckpoint(signedCheckpoint: string, cosigner: SignerKey, timestamp: number): string {
  if (cosigner.type !== "cosignature/v1") throw new TlogError("invalid-argument", "a witness cosigns with a cosignature/v1 key");
  parseCheckpoint(parseNote(signedCheckpoint).text);
  return addSignatures(signedCheckpoint, [cosigner], { timestamp });
}

/**
 * Which keys a verifier trusts. The log key must have signed; of the witness
 * keys, at least `witnessQuorum` distinct ones must have cosigned.
 */
export interface TrustPolicy {
  readonly log: VerifierKey | string;
  /** Expected origin line; defaults to the log key's name. */
  readonly origin?: string;
  readonly witnesses?: readonly (VerifierKey | string)[];
  /** Minimum number of valid witness cosignatures; defaults to 0. */
  readonly witnessQuorum?: number;
}

export interface Cosignature {
  readonly key: VerifierKey;
  /** Unix seconds at which the witness cosigned (cosignature/v1 keys; absent for plain ed25519 witness keys). */
  readonly timestamp?: number;
}

export interface VerifiedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The exact signed text. */
  readonly text: string;
  readonly logSignature: VerifiedSignature;
  readonly cosignatures: readonly Cosignature[];
  /** Signatures from keys outside the policy, ignored. */
  readonly unverified: readonly NoteSignature[];
}

/** Verifies a signed checkpoint against a trust policy and parses it. */
export function openCheckpoint(signedCheckpoint: string | Uint8Array, policy: TrustPolicy): VerifiedCheckpoint {
  const log = toVerifierKey(policy.log);
  const witnesses = (policy.witnesses ?? []).map(toVerifierKey);
  const quorum = policy.witnessQuorum ?? 0;
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > witnesses.length) {
    throw new TlogError("invalid-argument", `witness quorum ${quorum} is not between 0 and ${witnesses.length}`);
  }
  let note;
  try {
    note = verifyNote(signedCheckpoint, [log, ...witnesses]);
  } catch (err) {
    // No known key signed at all: for a checkpoint that means, first of
    // all, that the log's signature is missing.
    if (err instanceof TlogError && err.code === "unverified-note") {
      throw new TlogError("log-signature-missing", `checkpoint is not signed by the log key ${log.name}`);
    }
    throw err;
  }
  const isLog = (s: VerifiedSignature): boolean => s.name === log.name && s.keyId === log.keyId;
  const logSignature = note.verified.find(isLog);
  if (!logSignature) throw new TlogError("log-signature-missing", `checkpoint is not signed by the log key ${log.name}`);
  const checkpoint = parseCheckpoint(note.text);
  const origin = policy.origin ?? log.name;
  if (checkpoint.origin !== origin) {
    throw new TlogError("origin-mismatch", `checkpoint origin ${JSON.stringify(checkpoint.origin)}, want ${JSON.stringify(origin)}`);
  }
  const cosignatures = note.verified
    .filter((s) => !isLog(s))
    .map((s): Cosignature => (s.timestamp === undefined ? { key: s.key } : { key: s.key, timestamp: s.timestamp }));
  if (cosignatures.length < quorum) {
    throw new TlogError("witness-quorum", `${cosignatures.length} valid witness cosignatures, policy needs ${quorum}`);
  }
  return { checkpoint, text: note.text, logSignature, cosignatures, unverified: note.unverified };
}
