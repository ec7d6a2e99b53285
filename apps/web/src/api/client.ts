import type { z } from "zod";
import { i18n } from "../i18n";
import { ApiError, problemToError } from "./problem";

// One way to talk to the server: JSON (or multipart) over fetch, the session
// cookie always sent, the user's language in Accept-Language so the server's
// `detail` messages match the UI, and every response checked against its
// contract — a server that drifts from the contracts shows up here, not as a
// blank field three screens later.

export const API_BASE = "/api/v1";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<S extends z.ZodType | undefined> {
  method?: Method;
  /** JSON body. */
  json?: unknown;
  /** Multipart body (uploads). */
  form?: FormData;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Contract the response must satisfy; without it the body is ignored. */
  schema?: S;
  signal?: AbortSignal;
}

type Result<S> = S extends z.ZodType ? z.output<S> : undefined;

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const url = path.startsWith("/") ? `${API_BASE}${path}` : `${API_BASE}/${path}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

export async function api<S extends z.ZodType | undefined = undefined>(path: string, options: RequestOptions<S> = {}): Promise<Result<S>> {
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    "Accept-Language": i18n.resolvedLanguage === "en" ? "en" : "id",
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      credentials: "include",
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ status: 0, code: "network_error", detail: i18n.t("errors.network") });
  }

  const payload = await readBody(response);
  if (!response.ok) throw problemToError(response.status, payload, i18n.t("errors.http", { status: response.status }));
  if (!options.schema) return undefined as Result<S>;

  const parsed = options.schema.safeParse(payload);
  if (!parsed.success) {
    console.error(`Response of ${path} does not match its contract`, parsed.error.issues);
    throw new ApiError({ status: response.status, code: "invalid_response", detail: i18n.t("errors.invalidResponse") });
  }
  return parsed.data as Result<S>;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const type = response.headers.get("content-type") ?? "";
  if (!/json/i.test(type)) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}
