import { ed25519 } from "@noble/curves/ed25519.js";
import { concatBytes, readUint64BE, uint64BE, utf8 } from "./bytes.js";
import { TlogError } from "./errors.js";
import { verifyEd25519, type SignerKey, type VerifierKey } from "./keys.js";

/*
 * c2sp.org/tlog-cosignature, Ed25519 flavour (cosignature/v1, key type 0x04).
 * A witness signs
 *
 *   "cosignature/v1\n" || "time <unix seconds>\n" || checkpoint note text
 *
 * and the note signature carries timestamp (8 bytes, big-endian) || the
 * 64-byte Ed25519 signature, after the usual 4-byte key id. The header line
 * keeps a cosignature from ever verifying as a plain note signature.
 */

export const COSIGNATURE_V1_HEADER = "cosignature/v1";
/** Timestamp (8) + Ed25519 signature (64): the signature bytes after the key id. */
export const COSIGNATURE_V1_SIZE = 72;

function assertTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TlogError("invalid-argument", `cosignature timestamp must be a non-negative integer, got ${String(timestamp)}`);
  }
}

/** The exact bytes a cosigner signs for `checkpointText` (the note text, final newline included). */
export function cosignatureMessage(checkpointText: string, timestamp: number): Uint8Array {
  assertTimestamp(timestamp);
  return utf8(`${COSIGNATURE_V1_HEADER}\ntime ${timestamp}\n${checkpointText}`);
}

/** timestamp (8 bytes BE) || Ed25519 signature (64): the note signature after the key id. */
export function signCosignature(cosigner: SignerKey, checkpointText: string, timestamp: number): Uint8Array {
  if (cosigner.type !== "cosignature/v1") throw new TlogError("invalid-argument", `key ${cosigner.name} is not a cosignature/v1 key`);
  const signature = ed25519.sign(cosignatureMessage(checkpointText, timestamp), cosigner.seed);
  return concatBytes(uint64BE(timestamp), signature);
}

/** Splits the signature bytes (after the key id) into timestamp and Ed25519 signature. */
export function parseCosignature(signature: Uint8Array): { timestamp: number; signature: Uint8Array } {
  if (signature.length !== COSIGNATURE_V1_SIZE) {
    throw new TlogError("malformed-cosignature", `cosignature/v1 must be ${COSIGNATURE_V1_SIZE} bytes after the key id, got ${signature.length}`);
  }
  const timestamp = readUint64BE(signature, 0);
  // The spec allows up to 2^63 - 1; beyond 2^53 seconds (285 million years)
  // is refused rather than rounded.
  if (timestamp === undefined) throw new TlogError("malformed-cosignature", "cosignature timestamp is out of range");
  return { timestamp, signature: signature.slice(8) };
}

/** The cosignature's timestamp when valid for `checkpointText`, otherwise null. */
export function verifyCosignature(key: VerifierKey, checkpointText: string, signature: Uint8Array): number | null {
  if (key.type !== "cosignature/v1") return null;
  let parsed: { timestamp: number; signature: Uint8Array };
  try {
    parsed = parseCosignature(signature);
  } catch {
    return null;
  }
  const message = cosignatureMessage(checkpointText, parsed.timestamp);
  return verifyEd25519(parsed.signature, message, key.publicKey) ? parsed.timestamp : null;
}
