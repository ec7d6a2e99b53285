import { decodeBase64, encodeBase64 } from "./base64.js";
import { equalBytes, fromUtf8 } from "./bytes.js";
import { parseCheckpoint, type Checkpoint } from "./checkpoint.js";
import { TlogError, isTlogError } from "./errors.js";
import { toVerifierKey, type SignerKey, type VerifierKey } from "./keys.js";
import { HASH_SIZE, emptyRoot } from "./merkle.js";
import { formatSignatureLine, parseNote, signNote, verifyNote, type VerifiedSignature } from "./note.js";
import { verifyConsistency } from "./verify.js";

/*
 * c2sp.org/tlog-witness, the add-checkpoint call, without any I/O: the
 * request body's syntax, the witness's decision given what it last cosigned
 * for the origin, and the client's handling of the answers. The deployment's
 * co-tenant witness and the standalone `koperasi witness` both decide here.
 *
 * Request body:
 *
 *   old <size>\n
 *   <base64 consistency proof hash>\n      (0 to 63 lines)
 *   \n
 *   <signed checkpoint note>
 */

/** The spec allows at most 63 proof lines (a proof in a tree of up to 2^63 leaves). */
export const MAX_WITNESS_PROOF_LINES = 63;
/** Content type of a 409 answer: the size the witness last cosigned, in decimal, and a newline. */
export const TLOG_SIZE_CONTENT_TYPE = "text/x.tlog.size";

export interface AddCheckpointRequest {
  /** The tree size the client believes the witness last cosigned (0 if none). */
  readonly oldSize: number;
  /** RFC 6962 consistency proof from oldSize to the checkpoint's size. */
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint note as submitted; it may carry several signatures. */
  readonly signedCheckpoint: string;
}

export interface ParsedAddCheckpointRequest extends AddCheckpointRequest {
  /** The checkpoint body, parsed but not yet verified. */
  readonly checkpoint: Checkpoint;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

function decimal(text: string, what: string, code: "malformed-witness-request" | "malformed-witness-response"): number {
  if (!DECIMAL.test(text)) throw new TlogError(code, `${what} must be a decimal without leading zeroes, got ${JSON.stringify(text)}`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new TlogError(code, `${what} ${text} exceeds 2^53 - 1`);
  return value;
}

function proofHash(line: string, i: number): Uint8Array {
  let hash: Uint8Array;
  try {
    hash = decodeBase64(line);
  } catch {
    throw new TlogError("malformed-witness-request", `consistency proof line ${i + 1} is not valid base64`);
  }
  if (hash.length !== HASH_SIZE) {
    throw new TlogError("malformed-witness-request", `consistency proof line ${i + 1} has ${hash.length} bytes, want ${HASH_SIZE}`);
  }
  return hash;
}

/** Parses an add-checkpoint body; every syntax error is a TlogError "malformed-witness-request" (HTTP 400). */
export function parseAddCheckpointRequest(body: string | Uint8Array): ParsedAddCheckpointRequest {
  let text: string;
  try {
    text = typeof body === "string" ? body : fromUtf8(body);
  } catch {
    throw new TlogError("malformed-witness-request", "request body is not valid UTF-8");
  }
  const firstNewline = text.indexOf("\n");
  if (firstNewline < 0) throw new TlogError("malformed-witness-request", "request body has no old size line");
  const oldLine = text.slice(0, firstNewline);
  if (!oldLine.startsWith("old ")) throw new TlogError("malformed-witness-request", 'first line must be "old <size>"');
  const oldSize = decimal(oldLine.slice(4), "old size", "malformed-witness-request");

  // The proof lines run up to the first empty line; the note follows it.
  const blank = text.indexOf("\n\n", firstNewline);
  if (blank < 0) throw new TlogError("malformed-witness-request", "request body has no empty line before the checkpoint");
  const proofBlock = text.slice(firstNewline + 1, blank + 1);
  const proofLines = proofBlock.length === 0 ? [] : proofBlock.slice(0, -1).split("\n");
  if (proofLines.length > MAX_WITNESS_PROOF_LINES) {
    throw new TlogError("malformed-witness-request", `more than ${MAX_WITNESS_PROOF_LINES} consistency proof lines`);
  }
  const proof = proofLines.map(proofHash);
  const signedCheckpoint = text.slice(blank + 2);
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(parseNote(signedCheckpoint).text);
  } catch (err) {
    if (isTlogError(err)) throw new TlogError("malformed-witness-request", `checkpoint: ${err.message}`);
    throw err;
  }
  return { oldSize, proof, signedCheckpoint, checkpoint };
}

/** The body a client POSTs to <submission prefix>/add-checkpoint. */
export function formatAddCheckpointRequest(request: AddCheckpointRequest): string {
  const { oldSize, proof, signedCheckpoint } = request;
  if (!Number.isSafeInteger(oldSize) || oldSize < 0) throw new TlogError("invalid-argument", `invalid old size ${String(oldSize)}`);
  if (proof.length > MAX_WITNESS_PROOF_LINES) throw new TlogError("invalid-argument", `more than ${MAX_WITNESS_PROOF_LINES} proof hashes`);
  for (const hash of proof) {
    if (hash.length !== HASH_SIZE) throw new TlogError("bad-hash-size", `proof hash has ${hash.length} bytes, want ${HASH_SIZE}`);
  }
  parseCheckpoint(parseNote(signedCheckpoint).text);
  return `old ${oldSize}\n${proof.map((h) => `${encodeBase64(h)}\n`).join("")}\n${signedCheckpoint}`;
}

/** A log the witness is configured for: its origin line and the keys it trusts to sign it. */
export interface WitnessedLog {
  readonly origin: string;
  readonly keys: readonly (VerifierKey | string)[];
}

/** What the witness last cosigned for an origin. */
export interface WitnessState {
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/** Why a witness refuses, each with the status the spec gives it. */
export type WitnessRefusal =
  | "malformed-request"
  | "old-size-beyond-checkpoint"
  | "unknown-origin"
  | "untrusted-signature"
  | "size-conflict"
  | "root-conflict"
  | "invalid-proof";

export const WITNESS_REFUSAL_STATUS: Readonly<Record<WitnessRefusal, 400 | 403 | 404 | 409 | 422>> = {
  "malformed-request": 400,
  "old-size-beyond-checkpoint": 400,
  "unknown-origin": 404,
  "untrusted-signature": 403,
  "size-conflict": 409,
  "root-conflict": 409,
  "invalid-proof": 422,
};

export type AddCheckpointDecision =
  | {
      readonly ok: true;
      readonly checkpoint: Checkpoint;
      /** The checkpoint's note text: what a cosignature signs. */
      readonly text: string;
      /** The state to store before answering. */
      readonly next: WitnessState;
      /**
       * False when the checkpoint is the one already cosigned (a replay): the
       * stored state stays as it is, the witness simply cosigns again.
       */
      readonly advances: boolean;
    }
  | {
      readonly ok: false;
      readonly refusal: WitnessRefusal;
      readonly status: 400 | 403 | 404 | 409 | 422;
      readonly message: string;
      /** For size-conflict and root-conflict: the size the witness last cosigned. */
      readonly knownSize?: number;
    };

function refuse(refusal: WitnessRefusal, message: string, knownSize?: number): AddCheckpointDecision {
  const status = WITNESS_REFUSAL_STATUS[refusal];
  return knownSize === undefined ? { ok: false, refusal, status, message } : { ok: false, refusal, status, message, knownSize };
}

/**
 * The witness's decision on a parsed add-checkpoint request, given the log
 * configured for the checkpoint's origin (undefined: not witnessed here) and
 * the state last stored for it (undefined: never cosigned). Checks in the
 * spec's order: origin (404), signature (403), old size not beyond the
 * checkpoint (400), old size = stored size (409 with that size), same size
 * means same root (409), consistency proof (422).
 *
 * The caller must store `next` with a compare-and-swap on the state it
 * passed in (so two requests can never roll the state back), and only then
 * answer with cosignatureLines().
 */
export function decideAddCheckpoint(
  request: ParsedAddCheckpointRequest,
  log: WitnessedLog | undefined,
  known: WitnessState | undefined,
): AddCheckpointDecision {
  const { checkpoint, oldSize, proof } = request;
  if (!log || log.origin !== checkpoint.origin) return refuse("unknown-origin", `origin ${JSON.stringify(checkpoint.origin)} is not witnessed here`);

  let text: string;
  try {
    text = verifyNote(request.signedCheckpoint, log.keys.map(toVerifierKey)).text;
  } catch (err) {
    if (isTlogError(err, "unverified-note")) return refuse("untrusted-signature", "no signature from a key trusted for this origin");
    if (isTlogError(err, "invalid-signature")) return refuse("untrusted-signature", "a signature by a trusted key does not verify");
    if (isTlogError(err)) return refuse("malformed-request", err.message);
    throw err;
  }

  if (oldSize > checkpoint.size) return refuse("old-size-beyond-checkpoint", `old size ${oldSize} is beyond the checkpoint size ${checkpoint.size}`);
  const stored: WitnessState = known ?? { size: 0, rootHash: emptyRoot() };
  if (oldSize !== stored.size) return refuse("size-conflict", `the last cosigned size is ${stored.size}, not ${oldSize}`, stored.size);

  const next: WitnessState = { size: checkpoint.size, rootHash: checkpoint.rootHash };
  const advances = known === undefined || checkpoint.size > known.size;
  if (oldSize === checkpoint.size) {
    if (proof.length > 0) return refuse("invalid-proof", "the proof must be empty when the old size equals the checkpoint size");
    // An empty tree has one root; a size-0 checkpoint with another is not a
    // fork of anything, it is simply false.
    if (checkpoint.size === 0 && !equalBytes(checkpoint.rootHash, emptyRoot())) {
      return refuse("invalid-proof", "a checkpoint of size 0 must carry the empty tree's root");
    }
    if (!equalBytes(checkpoint.rootHash, stored.rootHash)) {
      return refuse("root-conflict", `a different root hash was cosigned for size ${stored.size}`, stored.size);
    }
    return { ok: true, checkpoint, text, next, advances };
  }
  if (oldSize === 0) {
    if (proof.length > 0) return refuse("invalid-proof", "the proof must be empty when the old size is 0");
    return { ok: true, checkpoint, text, next, advances };
  }
  try {
    verifyConsistency(oldSize, checkpoint.size, proof, stored.rootHash, checkpoint.rootHash);
  } catch (err) {
    if (isTlogError(err)) return refuse("invalid-proof", `consistency proof from ${oldSize} to ${checkpoint.size}: ${err.message}`);
    throw err;
  }
  return { ok: true, checkpoint, text, next, advances };
}

/** The 200 answer: one cosignature/v1 signature line per witness key, each ending in a newline. */
export function cosignatureLines(checkpointText: string, witnessKeys: readonly SignerKey[], timestamp: number): string {
  if (witnessKeys.length === 0) throw new TlogError("invalid-argument", "a witness needs at least one key");
  for (const key of witnessKeys) {
    if (key.type !== "cosignature/v1") throw new TlogError("invalid-argument", `witness key ${key.name} is not a cosignature/v1 key`);
  }
  const signed = parseNote(signNote(checkpointText, witnessKeys, { timestamp }));
  return signed.signatures.map(formatSignatureLine).join("");
}

/** The body of a 409 answer. */
export function formatTlogSize(size: number): string {
  if (!Number.isSafeInteger(size) || size < 0) throw new TlogError("invalid-argument", `invalid tree size ${String(size)}`);
  return `${size}\n`;
}

/** Reads the size from a 409 answer's body (Content-Type text/x.tlog.size). */
export function parseTlogSize(body: string): number {
  if (!body.endsWith("\n")) throw new TlogError("malformed-witness-response", "size must end in a newline");
  return decimal(body.slice(0, -1), "size", "malformed-witness-response");
}

export interface AcceptedCosignature {
  /** The signature line as the witness returned it, newline included. */
  readonly line: string;
  readonly signature: VerifiedSignature;
}

/**
 * The client's side of a 200 answer: each returned line that is a valid
 * cosignature, on this checkpoint, by one of the witness keys trusted here.
 * Lines from unknown keys are ignored as the spec requires; a line from a
 * trusted key that does not verify, or a body that is not signature lines,
 * throws.
 */
export function acceptCosignatures(
  signedCheckpoint: string,
  responseBody: string,
  witnessKeys: readonly (VerifierKey | string)[],
): AcceptedCosignature[] {
  const { text } = parseNote(signedCheckpoint);
  if (responseBody.length === 0 || !responseBody.endsWith("\n")) {
    throw new TlogError("malformed-witness-response", "a cosignature answer is one or more lines, each ending in a newline");
  }
  const keys = witnessKeys.map(toVerifierKey);
  const accepted: AcceptedCosignature[] = [];
  for (const body of responseBody.slice(0, -1).split("\n")) {
    const line = `${body}\n`;
    let parsed;
    try {
      parsed = parseNote(`${text}\n${line}`).signatures[0];
    } catch (err) {
      if (isTlogError(err)) throw new TlogError("malformed-witness-response", err.message);
      throw err;
    }
    const key = parsed && keys.find((k) => k.name === parsed.name && k.keyId === parsed.keyId);
    if (!key) continue;
    // Each line on its own, so a second line from a key cannot hide behind a first.
    const signature = verifyNote(`${text}\n${line}`, [key]).verified[0];
    if (signature) accepted.push({ line, signature });
  }
  return accepted;
}
