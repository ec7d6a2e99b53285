import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { AppError } from "../errors/app-error";
import { ledgerError } from "./errors";

// Idempotency-Key, with Stripe's semantics, for every command that moves
// money (the request pipeline claims the key and records the outcome; see
// http/tenant-pipeline.ts):
// - the key is required, and scoped to (cooperative, user, key);
// - the record is written in the SAME transaction as the command, so it
//   exists exactly when the command's effects do;
// - same key and same request (method, path, canonical-JSON body): the stored
//   response, status and body, refusals included (insufficient balance stays
//   insufficient balance, even if money arrived since);
// - same key, another request: 422 idempotency_key_reused;
// - same key while the first request is still running: 409
//   idempotency_in_progress, at once, rather than waiting for it;
// - a failure that is not a refusal (a crash, a lost connection, a 5xx)
//   rolls the record back with the command, so a retry runs it afresh; so
//   does a 404 (the request named no record this user can see: nothing ran,
//   and probing ids, e.g. another cooperative's, leaves no trace).
// Records are kept at least 24 hours (they are never deleted yet; pruning
// rows older than a week is a job for later).
//
// How duplicates are kept out (idempotency_begin(), called by request_gate()
// in the transaction's first statement): the transaction takes a transaction-level
// advisory lock on the key, without waiting. Whoever holds it is the only
// request for that key in flight; the others answer 409. The key row is then
// inserted first thing; its unique index is the second line of defence should
// anything ever bypass the lock (a concurrent insert blocks on it, then
// finds the row committed).

/** What idempotency_begin() answered for the request's key. */
export interface IdempotencyClaim {
  outcome: "claimed" | "in_progress" | "stored";
  record_id: string;
  request_hash: string | null;
  status: "in_progress" | "completed" | null;
  response_status: number | null;
  response_body: unknown;
}

export interface CommandResult {
  status: number;
  body: unknown;
}

interface StoredProblem {
  problem: { code: string; id: string; en: string; errors?: AppError["errors"]; extensions?: Record<string, unknown> };
}

/** The response stored under a key, for a retry of the same request; 422 when the key was used for another. */
export function storedResponse(stored: Pick<IdempotencyClaim, "request_hash" | "status" | "response_status" | "response_body">, requestHash: string): CommandResult {
  if (stored.request_hash !== requestHash) throw ledgerError("idempotency_key_reused");
  // Committed records are complete (the record commits with its command); kept for safety.
  if (stored.status !== "completed" || stored.response_status === null) throw ledgerError("idempotency_in_progress");
  return { status: stored.response_status, body: stored.response_body };
}

/** A stored refusal, as the error to answer with again; undefined for a stored success. */
export function problemOfStored(result: CommandResult): AppError | undefined {
  if (result.status < 400) return undefined;
  const { problem } = result.body as StoredProblem;
  return new AppError(result.status, problem.code, problem.id, problem.en, problem.errors, problem.extensions);
}

/** Completes a key's record with the command's response, in the command's transaction. */
export async function recordOutcome(trx: Transaction<DB>, koperasiId: string, recordId: string, result: CommandResult, now: Date): Promise<void> {
  await trx
    .updateTable("idempotency_key")
    .set({ status: "completed", response_status: result.status, response_body: JSON.stringify(result.body), completed_at: now })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", recordId)
    .execute();
}

/** Completes a key's record with a refusal (after the command's writes were rolled back to its savepoint). */
export async function recordRefusal(trx: Transaction<DB>, koperasiId: string, recordId: string, refusal: AppError, now: Date): Promise<void> {
  const body: StoredProblem = { problem: { code: refusal.code, id: refusal.messageId, en: refusal.messageEn, ...(refusal.errors ? { errors: refusal.errors } : {}), ...(refusal.extensions ? { extensions: refusal.extensions } : {}) } };
  await recordOutcome(trx, koperasiId, recordId, { status: refusal.status, body }, now);
}
