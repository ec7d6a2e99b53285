import { ed25519 } from "@noble/curves/ed25519.js";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { concatBytes, fromUtf8, hasControlCharacter, readUint32BE, uint32BE, utf8 } from "./bytes.js";
import { signCosignature, verifyCosignature } from "./cosignature.js";
import { TlogError } from "./errors.js";
import { isValidKeyName, toVerifierKey, verifyEd25519, type SignerKey, type VerifierKey } from "./keys.js";

/*
 * c2sp.org/signed-note: a UTF-8 text ending in a newline, a blank line, then
 * one or more lines "— <key name> base64(key id (4 bytes BE) || signature)".
 * The text is everything up to and including the newline before the *last*
 * blank line, so the text itself may contain blank lines.
 */

export const SIGNATURE_PREFIX = "\u2014 ";
/**
 * The spec requires accepting at least 16 signatures; the cap keeps a
 * hostile note from making a verifier spend unbounded time.
 */
export const MAX_SIGNATURES = 100;

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the 4-byte key id. */
  readonly signature: Uint8Array;
}

export interface Note {
  /** The signed text, final newline included. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface VerifiedSignature extends NoteSignature {
  readonly key: VerifierKey;
  /** For cosignature/v1 keys: the cosigner's timestamp (Unix seconds). */
  readonly timestamp?: number;
}

export interface VerifiedNote {
  readonly text: string;
  /** Signatures from known keys, all valid (one per key). */
  readonly verified: readonly VerifiedSignature[];
  /** Signatures from unknown keys, ignored as the spec requires. */
  readonly unverified: readonly NoteSignature[];
}

export interface SignOptions {
  /** Unix seconds for cosignature/v1 signers; defaults to now. */
  readonly timestamp?: number;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function assertNoteCharacters(text: string, what: string): void {
  if (LONE_SURROGATE.test(text)) throw new TlogError("malformed-note", `${what} is not valid UTF-8`);
  if (hasControlCharacter(text, true)) throw new TlogError("malformed-note", `${what} contains a control character other than newline`);
}

function assertSignableText(text: string): void {
  assertNoteCharacters(text, "note text");
  if (!text.endsWith("\n")) throw new TlogError("malformed-note", "note text must end in a newline");
}

function decodeInput(input: string | Uint8Array): string {
  if (typeof input === "string") return input;
  try {
    return fromUtf8(input);
  } catch {
    throw new TlogError("malformed-note", "note is not valid UTF-8");
  }
}

/** Parses a signed note's syntax; signatures are not checked (see verifyNote). */
export function parseNote(input: string | Uint8Array): Note {
  const note = decodeInput(input);
  assertNoteCharacters(note, "note");
  const split = note.lastIndexOf("\n\n");
  if (split < 0) throw new TlogError("malformed-note", "note has no blank line before its signatures");
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith("\n")) {
    throw new TlogError("malformed-note", "note must end with signature lines, each ending in a newline");
  }
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) throw new TlogError("malformed-note", `note has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new TlogError("malformed-note", "signature line must start with an em dash and a space");
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(" ");
    const name = space < 0 ? rest : rest.slice(0, space);
    const b64 = space < 0 ? "" : rest.slice(space + 1);
    if (!isValidKeyName(name)) throw new TlogError("malformed-note", `invalid key name ${JSON.stringify(name)} in signature line`);
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(b64);
    } catch {
      throw new TlogError("malformed-note", `signature by ${name} is not valid base64`);
    }
    // Four bytes of key id and at least one of signature.
    if (bytes.length < 5) throw new TlogError("malformed-note", `signature by ${name} is too short`);
    const keyId = readUint32BE(bytes, 0);
    return { name, keyId, signature: bytes.slice(4) };
  });
  return { text, signatures };
}

/** One signature line, "— <name> base64(key id || signature)\n", as it follows a note's text. */
export function formatSignatureLine(sig: NoteSignature): string {
  return `${SIGNATURE_PREFIX}${sig.name} ${encodeBase64(concatBytes(uint32BE(sig.keyId), sig.signature))}\n`;
}

export function formatNote(note: Note): string {
  assertSignableText(note.text);
  if (note.signatures.length === 0) throw new TlogError("malformed-note", "a signed note needs at least one signature");
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join("")}`;
}

function sign(signer: SignerKey, text: string, options: SignOptions): NoteSignature {
  const signature =
    signer.type === "cosignature/v1"
      ? signCosignature(signer, text, options.timestamp ?? Math.floor(Date.now() / 1000))
      : ed25519.sign(utf8(text), signer.seed);
  return { name: signer.name, keyId: signer.keyId, signature };
}

/** Signs `text` (which must end in a newline) with every signer. */
export function signNote(text: string, signers: readonly SignerKey[], options: SignOptions = {}): string {
  assertSignableText(text);
  return formatNote({ text, signatures: signers.map((s) => sign(s, text, options)) });
}

/**
 * Adds signatures to an already signed note, e.g. a witness cosigning a
 * checkpoint. A signer's earlier signature (same name and key id) is
 * replaced, not duplicated.
 */
export function addSignatures(signedNote: string | Uint8Array, signers: readonly SignerKey[], options: SignOptions = {}): string {
  const note = parseNote(signedNote);
  const added = signers.map((s) => sign(s, note.text, options));
  const kept = note.signatures.filter((old) => !added.some((a) => a.name === old.name && a.keyId === old.keyId));
  return formatNote({ text: note.text, signatures: [...kept, ...added] });
}

function checkSignature(key: VerifierKey, text: string, signature: Uint8Array): { ok: boolean; timestamp?: number } {
  if (key.type === "cosignature/v1") {
    const timestamp = verifyCosignature(key, text, signature);
    return timestamp === null ? { ok: false } : { ok: true, timestamp };
  }
  return { ok: verifyEd25519(signature, utf8(text), key.publicKey) };
}

/**
 * Verifies a signed note against known keys. Signatures from unknown keys are
 * ignored (a key is known only when both name and key id match); a known
 * key's signature that fails rejects the whole note; at least one known key
 * must have signed.
 */
export function verifyNote(signedNote: string | Uint8Array, keys: readonly (VerifierKey | string)[]): VerifiedNote {
  const note = parseNote(signedNote);
  const known = keys.map(toVerifierKey);
  const seen = new Set<string>();
  const verified: VerifiedSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const sig of note.signatures) {
    const id = `${sig.name}+${sig.keyId}`;
    // Repeats of one key's signature count once.
    if (seen.has(id)) continue;
    seen.add(id);
    const key = known.find((k) => k.name === sig.name && k.keyId === sig.keyId);
    if (!key) {
      unverified.push(sig);
      continue;
    }
    const result = checkSignature(key, note.text, sig.signature);
    if (!result.ok) throw new TlogError("invalid-signature", `signature by ${sig.name} does not verify`);
    verified.push(result.timestamp === undefined ? { ...sig, key } : { ...sig, key, timestamp: result.timestamp });
  }
  if (verified.length === 0) throw new TlogError("unverified-note", "no signature from a known key");
  return { text: note.text, verified, unverified };
}
