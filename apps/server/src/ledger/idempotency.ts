import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";
import type { AppContext } from "../context";
import { AppError } from "../errors/app-error";
import { canonicalJson } from "./canonical-json";
import { asAppError, ledgerError } from "./errors";

// Idempotency-Key, with Stripe's semantics, as a wrapper around any command
// that moves money:
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
// How duplicates are kept out (idempotency_begin() in the database, the
// transaction's first call): the transaction takes a transaction-level
// advisory lock on the key, without waiting. Whoever holds it is the only
// request for that key in flight; the others answer 409. The key row is then
// inserted first thing; its unique index is the second line of defence should
// anything ever bypass the lock (a concurrent insert blocks on it, then
// finds the row committed).

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface CommandResult {
  status: number;
  body: unknown;
}

interface StoredProblem {
  problem: { code: string; id: string; en: string; errors?: AppError["errors"] };
}

export interface IdempotencyScope {
  koperasiId: string;
  userId: string;
}

/**
 * Runs `command` once per Idempotency-Key and answers with its response, or
 * with the stored one for a retry. The command runs inside a savepoint of the
 * transaction that also holds the key's record: a refusal (an AppError or
 * DomainError) undoes the command's writes but is itself recorded.
 */
export async function idempotent(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: IdempotencyScope,
  command: (trx: Transaction<DB>) => Promise<CommandResult>,
): Promise<FastifyReply> {
  const key = idempotencyKeyOf(request);
  const requestHash = hashRequest(request);
  // Not database.tenant(): idempotency_begin() selects the cooperative and
  // the user for this transaction itself (set_config(..., true), exactly as
  // tenant() does), together with the claim, to save two round trips.
  const outcome = await ctx.database.db.transaction().execute(async (trx) => {
    const begun = await beginKey(trx, scope, key, requestHash, ctx.now());
    if (begun.outcome === "in_progress") throw ledgerError("idempotency_in_progress");
    if (begun.outcome === "stored") return { replayed: true, ...storedResponse(begun, requestHash) };

    const result = await runRefusalsRecorded(trx, command);
    await trx
      .updateTable("idempotency_key")
      .set({ status: "completed", response_status: result.status, response_body: JSON.stringify(result.body), completed_at: ctx.now() })
      .where("koperasi_id", "=", scope.koperasiId)
      .where("id", "=", begun.record_id)
      .execute();
    return { replayed: false, ...result };
  });
  if (outcome.replayed) reply.header("idempotent-replayed", "true");
  const problem = problemOf(outcome);
  if (problem) throw problem;
  return reply.status(outcome.status).send(outcome.body);
}

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

interface Begun {
  outcome: "claimed" | "in_progress" | "stored";
  record_id: string;
  request_hash: string | null;
  status: "in_progress" | "completed" | null;
  response_status: number | null;
  response_body: unknown;
}

/** The cooperative and user selected, the key claimed (or found committed): idempotency_begin(), one round trip. */
async function beginKey(trx: Transaction<DB>, scope: IdempotencyScope, key: string, requestHash: string, now: Date): Promise<Begun> {
  const { rows } = await sql<Begun>`
    SELECT * FROM idempotency_begin(${scope.koperasiId}::uuid, ${scope.userId}, ${key}, ${requestHash}, ${uuidv7()}::uuid, ${now}::timestamptz)`.execute(trx);
  const begun = rows[0];
  if (!begun) throw new Error("idempotency_begin returned no row");
  return begun;
}

/** The response stored under a key, for a retry of the same request; 422 when the key was used for another. */
export function storedResponse(stored: Pick<Begun, "request_hash" | "status" | "response_status" | "response_body">, requestHash: string): CommandResult {
  if (stored.request_hash !== requestHash) throw ledgerError("idempotency_key_reused");
  // Committed records are complete (the record commits with its command); kept for safety.
  if (stored.status !== "completed" || stored.response_status === null) throw ledgerError("idempotency_in_progress");
  return { status: stored.response_status, body: stored.response_body };
}

async function runRefusalsRecorded(trx: Transaction<DB>, command: (trx: Transaction<DB>) => Promise<CommandResult>): Promise<CommandResult> {
  await sql`SAVEPOINT idempotent_command`.execute(trx);
  try {
    // Not released: COMMIT keeps what the savepoint holds, one round trip fewer.
    return await command(trx);
  } catch (error) {
    const refusal = asAppError(error);
    if (!refusal || refusal.status >= 500 || refusal.status === 404) throw error;
    await sql`ROLLBACK TO SAVEPOINT idempotent_command`.execute(trx);
    const body: StoredProblem = { problem: { code: refusal.code, id: refusal.messageId, en: refusal.messageEn, ...(refusal.errors ? { errors: refusal.errors } : {}) } };
    return { status: refusal.status, body };
  }
}

/** A stored refusal, as the error to answer with again; undefined for a stored success. */
export function problemOfStored(result: CommandResult): AppError | undefined {
  return problemOf(result);
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
  const body: StoredProblem = { problem: { code: refusal.code, id: refusal.messageId, en: refusal.messageEn, ...(refusal.errors ? { errors: refusal.errors } : {}) } };
  await recordOutcome(trx, koperasiId, recordId, { status: refusal.status, body }, now);
}

function problemOf(result: CommandResult): AppError | undefined {
  if (result.status < 400) return undefined;
  const { problem } = result.body as StoredProblem;
  return new AppError(result.status, problem.code, problem.id, problem.en, problem.errors);
}
