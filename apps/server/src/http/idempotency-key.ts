import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { canonicalJson } from "../ledger/canonical-json";
import { ledgerError } from "../ledger/errors";

// The Idempotency-Key of a money request and what makes two requests "the
// same", read from the request by the pipeline (the rules of the key's
// record are ledger/idempotency.ts).

const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The key from the request header; 400 when missing or malformed. */
export function idempotencyKeyOf(request: FastifyRequest): string {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || key === "") throw ledgerError("idempotency_key_required");
  if (!KEY_PATTERN.test(key)) throw ledgerError("idempotency_key_invalid");
  return key;
}

/** What makes two requests "the same": method, path (cooperative and ids included) and canonical body. */
export function hashRequest(request: FastifyRequest): string {
  const path = request.url.split("?")[0] ?? "";
  return createHash("sha256")
    .update(canonicalJson({ method: request.method, path, body: request.body ?? null }))
    .digest("hex");
}
