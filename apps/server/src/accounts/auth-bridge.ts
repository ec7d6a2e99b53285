import type { FastifyReply, FastifyRequest } from "fastify";
import { isAPIError } from "better-auth/api";
import { fromNodeHeaders } from "better-auth/node";

// The seam between our routes and better-auth's `auth.api.*`: its cookies go
// onto our replies, and its errors are recognised by their stable codes (its
// English messages never reach a client).

/** The better-auth error code (e.g. `INVALID_EMAIL_OR_PASSWORD`), or undefined when the error is not one of its refusals. */
export function authErrorCode(error: unknown): string | undefined {
  if (!isAPIError(error)) return undefined;
  const body = (error as { body?: { code?: unknown } }).body;
  return typeof body?.code === "string" ? body.code : "UNKNOWN";
}

/** Copies the Set-Cookie headers better-auth produced onto the reply. */
export function forwardAuthCookies(reply: FastifyReply, headers: Headers | undefined | null): void {
  if (!headers) return;
  for (const cookie of headers.getSetCookie()) reply.header("set-cookie", cookie);
}

/**
 * The header through which better-auth learns the client's address (it
 * records it on the session the person later sees in her list). Always set
 * here from `request.ip`, which honours TRUST_PROXY only: whatever a client
 * sends under this name or as X-Forwarded-For is overwritten or ignored.
 */
export const CLIENT_IP_HEADER = "x-koperasi-client-ip";

/** The request's headers as better-auth reads them. */
export function authHeaders(request: FastifyRequest): Headers {
  const headers = fromNodeHeaders(request.headers);
  headers.set(CLIENT_IP_HEADER, request.ip);
  return headers;
}

/**
 * The request's headers with only the cookies whose names match `keep`: the
 * second sign-in step must be decided by the two-factor cookie alone, never
 * by a session the browser may still hold from another login.
 */
export function authHeadersWithCookies(request: FastifyRequest, keep: RegExp): Headers {
  const headers = authHeaders(request);
  const cookie = headers.get("cookie");
  if (cookie === null) return headers;
  const kept = cookie
    .split(";")
    .map((part) => part.trim())
    .filter((part) => keep.test(part.split("=")[0] ?? ""));
  if (kept.length > 0) headers.set("cookie", kept.join("; "));
  else headers.delete("cookie");
  return headers;
}

/** The cookie that remembers which cooperative the person is working in (a preference; membership is checked on every use). */
export const ACTIVE_KOPERASI_COOKIE = "kp_koperasi";

export function setActiveKoperasiCookie(reply: FastifyReply, koperasiId: string, secure: boolean): void {
  reply.setCookie(ACTIVE_KOPERASI_COOKIE, koperasiId, { path: "/", httpOnly: true, sameSite: "lax", secure, maxAge: 60 * 60 * 24 * 365 });
}

export function clearActiveKoperasiCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(ACTIVE_KOPERASI_COOKIE, { path: "/", httpOnly: true, sameSite: "lax", secure });
}

export function activeKoperasiPreference(request: FastifyRequest): string | null {
  return request.cookies[ACTIVE_KOPERASI_COOKIE] ?? null;
}
