/**
 * Every failure in this package is a TlogError with a stable code, so callers
 * (server problem+json, CLI exit messages, the PWA) can branch on the code and
 * never on message text.
 */
export type TlogErrorCode =
  // Arguments and proofs (RFC 9162).
  | "invalid-argument"
  | "index-out-of-range"
  | "bad-hash-size"
  | "wrong-proof-size"
  | "root-mismatch"
  | "root1-mismatch"
  | "root2-mismatch"
  | "size-order"
  | "empty-tree-consistency"
  | "nonempty-proof"
  | "empty-proof"
  | "missing-node"
  // Encodings.
  | "malformed-base64"
  | "malformed-key"
  | "malformed-note"
  | "malformed-checkpoint"
  | "malformed-cosignature"
  | "malformed-receipt"
  | "malformed-summary"
  | "malformed-witness-request"
  | "malformed-witness-response"
  // Trust decisions.
  | "invalid-signature"
  | "unverified-note"
  | "log-signature-missing"
  | "origin-mismatch"
  | "witness-quorum";

export class TlogError extends Error {
  readonly code: TlogErrorCode;

  constructor(code: TlogErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = "TlogError";
    this.code = code;
  }
}

export function isTlogError(value: unknown, code?: TlogErrorCode): value is TlogError {
  return value instanceof TlogError && (code === undefined || value.code === code);
}
