import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Auth } from "../auth/better-auth";

// The session cookie that better-auth sets is `<token>.<signature>`, URL-
// encoded, where the signature is base64 HMAC-SHA256 of the token under the
// auth secret (better-call's signed cookies). The request gate reads the
// token here and looks the session up itself, inside the request's own
// transaction, instead of asking better-auth (two more round trips before
// the transaction even begins). What better-auth does beyond the lookup —
// sliding the expiry once a day — the pipeline leaves to better-auth
// (see `refreshIsDue`).

export interface SessionCookie {
  name: string;
  secret: string;
  /** better-auth's session lifetime and refresh interval, in seconds. */
  expiresIn: number;
  updateAge: number;
}

const cookieOfAuth = new WeakMap<Auth, Promise<SessionCookie>>();

/** The session cookie's settings, read from better-auth once per instance. */
export function sessionCookieOf(auth: Auth): Promise<SessionCookie> {
  let cookie = cookieOfAuth.get(auth);
  if (!cookie) cookieOfAuth.set(auth, (cookie = readSessionCookie(auth)));
  return cookie;
}

async function readSessionCookie(auth: Auth): Promise<SessionCookie> {
  const context = await auth.$context;
  return {
    name: context.authCookies.sessionToken.name,
    secret: context.secret,
    expiresIn: context.sessionConfig.expiresIn,
    updateAge: context.sessionConfig.updateAge,
  };
}

/** The session token of a correctly signed cookie, or null (no cookie, or a forged or malformed one). */
export function sessionTokenOf(request: FastifyRequest, cookie: SessionCookie): string | null {
  const raw = request.cookies[cookie.name];
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1), "base64");
  const expected = createHmac("sha256", cookie.secret).update(token).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
  return token;
}

/** better-auth's rule: a session whose expiry was last set more than `updateAge` ago gets a new expiry (and cookie). */
export function refreshIsDue(expiresAt: Date, now: Date, cookie: SessionCookie): boolean {
  return expiresAt.getTime() - cookie.expiresIn * 1000 + cookie.updateAge * 1000 <= now.getTime();
}
