import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import { canonicalJson, keyForSubmission, newIdempotencyKey, outcomeUnknown } from "./idempotency";

describe("Idempotency-Key per submission", () => {
  let n = 0;
  const counter = () => `key-${++n}`;

  it("reuses the key when the same body is submitted again, in any key order", () => {
    const first = keyForSubmission(null, { amount: 5000, from: "a", to: "b" }, counter);
    const retry = keyForSubmission(first, { to: "b", from: "a", amount: 5000 }, counter);
    expect(retry.key).toBe(first.key);
  });

  it("makes a new key when the body changed or nothing is pending", () => {
    const first = keyForSubmission(null, { amount: 5000 }, counter);
    expect(keyForSubmission(first, { amount: 5001 }, counter).key).not.toBe(first.key);
    expect(keyForSubmission(null, { amount: 5000 }, counter).key).not.toBe(first.key);
  });

  it("canonical JSON sorts nested keys and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it("keys are UUIDs", () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });

  it("a lost answer keeps the key; a definite refusal does not", () => {
    expect(outcomeUnknown(new ApiError({ status: 0, code: "network_error", detail: "" }))).toBe(true);
    expect(outcomeUnknown(new ApiError({ status: 502, code: "http_error", detail: "" }))).toBe(true);
    expect(outcomeUnknown(new ApiError({ status: 409, code: "idempotency_in_progress", detail: "" }))).toBe(true);
    expect(outcomeUnknown(new TypeError("boom"))).toBe(true);
    expect(outcomeUnknown(new ApiError({ status: 409, code: "insufficient_balance", detail: "" }))).toBe(false);
    expect(outcomeUnknown(new ApiError({ status: 422, code: "journal_unbalanced", detail: "" }))).toBe(false);
  });
});
