import { useCallback, useRef } from "react";
import { uuidv7 } from "@koperasi/domain";
import { isApiError } from "../../api/problem";

// Money-moving requests carry an Idempotency-Key (Stripe's semantics on the
// server). The key is made when the person submits; a retry of the SAME
// submission reuses it, so a request that did reach the server and posted
// — but whose answer was lost — is answered from the server's record instead
// of posting twice. A new or changed submission gets a new key, and so does
// a retry after a definite answer (a refusal such as insufficient balance
// would otherwise be replayed even once the balance has changed).

export interface PendingSubmission {
  key: string;
  /** Canonical JSON of what was submitted. */
  body: string;
}

/** JSON with object keys sorted, so the same content gives the same text whatever order it was built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** A fresh key: crypto.randomUUID where the browser offers it (secure contexts), a UUIDv7 elsewhere (plain-HTTP LAN installs). */
export function newIdempotencyKey(): string {
  const cryptoApi = globalThis.crypto as Crypto | undefined;
  return typeof cryptoApi?.randomUUID === "function" ? cryptoApi.randomUUID() : uuidv7();
}

/** The key for submitting `body`: the pending one when it is a retry of the same body, otherwise a new one. */
export function keyForSubmission(pending: PendingSubmission | null, body: unknown, newKey: () => string = newIdempotencyKey): PendingSubmission {
  const text = canonicalJson(body);
  if (pending && pending.body === text) return pending;
  return { key: newKey(), body: text };
}

/**
 * Whether a failed attempt may have posted without us hearing the answer:
 * no response at all, a server error, an unreadable response, or the
 * server still busy with the same key. Then the retry must reuse the key.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (!isApiError(error)) return true;
  if (error.code === "network_error" || error.code === "invalid_response" || error.code === "idempotency_in_progress") return true;
  return error.status >= 500 || error.status === 0;
}

/**
 * Wraps a money-moving call: `run(body, key)` gets the submission's key,
 * kept across retries of the same body until the outcome is known.
 */
export function useIdempotentSubmit<B, R>(run: (body: B, key: string) => Promise<R>): (body: B) => Promise<R> {
  const pending = useRef<PendingSubmission | null>(null);
  return useCallback(
    async (body: B) => {
      const submission = keyForSubmission(pending.current, body);
      pending.current = submission;
      try {
        const result = await run(body, submission.key);
        pending.current = null;
        return result;
      } catch (error) {
        if (!outcomeUnknown(error)) pending.current = null;
        throw error;
      }
    },
    [run],
  );
}
