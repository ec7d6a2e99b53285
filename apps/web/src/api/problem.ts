import { Problem } from "@koperasi/contracts";

// Every refusal from the server is RFC 9457 problem+json with a stable `code`,
// a `detail` in the user's language and, for invalid input, `errors[]` per
// field. Anything else that goes wrong (no network, a proxy's HTML page, a
// response that breaks the contract) becomes the same shape here, so the UI
// has one kind of error to show.

export type FieldErrors = Record<string, string>;

/** Codes the client itself produces, so the UI can translate them. */
export type ClientErrorCode = "network_error" | "invalid_response" | "http_error";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldErrors;
  readonly problem: Problem | null;

  constructor(init: { status: number; code: string; detail: string; problem?: Problem | null; fieldErrors?: FieldErrors }) {
    super(init.detail || init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.problem = init.problem ?? null;
    this.fieldErrors = init.fieldErrors ?? {};
  }

  get isClientError(): boolean {
    return this.code === "network_error" || this.code === "invalid_response" || this.code === "http_error";
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/**
 * The server names a field by where it sits in the request: `body.admin.email`,
 * `querystring.page`, `/koperasi/name` (JSON pointer). Forms want the field's
 * path inside the body: `admin.email`.
 */
export function normalizeFieldPath(path: string): string {
  const dotted = path
    .trim()
    .replace(/^#?\//, "")
    .replace(/\//g, ".")
    .replace(/\[(\d+)\]/g, ".$1");
  return dotted.replace(/^(?:body|querystring|query|params|headers)(?:\.|$)/, "");
}

/** Per-field messages keyed by dotted path; the first message for a field wins. */
export function fieldErrorsFromProblem(problem: Pick<Problem, "errors">): FieldErrors {
  const out: FieldErrors = {};
  for (const error of problem.errors ?? []) {
    const key = normalizeFieldPath(error.path);
    if (!(key in out)) out[key] = error.message;
  }
  return out;
}

/** Turns a response body into an ApiError; `body` is whatever JSON (or nothing) the server sent. */
export function problemToError(status: number, body: unknown, fallbackDetail: string): ApiError {
  const parsed = Problem.safeParse(body);
  if (parsed.success) {
    return new ApiError({
      status: parsed.data.status || status,
      code: parsed.data.code,
      detail: parsed.data.detail,
      problem: parsed.data,
      fieldErrors: fieldErrorsFromProblem(parsed.data),
    });
  }
  // Not a complete problem document; keep what can be used.
  const loose = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof loose.code === "string" ? loose.code : "http_error";
  const detail = typeof loose.detail === "string" ? loose.detail : fallbackDetail;
  return new ApiError({ status, code, detail });
}

/** Picks the messages that belong to one form section and strips its prefix: ("admin", {"admin.email": …}) → {email: …}. */
export function scopeFieldErrors(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  const head = `${prefix}.`;
  for (const [key, message] of Object.entries(errors)) if (key.startsWith(head)) out[key.slice(head.length)] = message;
  return out;
}

interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Client-side validation (the contracts' Zod schemas) in the same shape as the server's errors. */
export function fieldErrorsFromIssues(issues: readonly IssueLike[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map((segment) => String(segment)).join(".");
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
