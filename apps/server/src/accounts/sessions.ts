import { sql } from "kysely";
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../context";
import { notFound } from "../errors/app-error";
import { sessionCookieOf, sessionTokenOf } from "../http/session-token";

// A person's signed-in devices (better-auth's `session` rows), listed for her
// and ended one by one, or all but the one in her hand when she switches
// two-factor on: a session opened before that never proved a second factor.

export interface SessionEntry {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

async function currentToken(ctx: AppContext, request: FastifyRequest): Promise<string | null> {
  return sessionTokenOf(request, await sessionCookieOf(ctx.auth));
}

/** Her sessions that have not expired, the most recently used first. */
export async function listSessions(ctx: AppContext, request: FastifyRequest, userId: string): Promise<SessionEntry[]> {
  const token = await currentToken(ctx, request);
  const { rows } = await sql<{ id: string; userAgent: string | null; ipAddress: string | null; createdAt: Date; updatedAt: Date; token: string }>`
    SELECT id, "userAgent", "ipAddress", "createdAt", "updatedAt", token FROM session
     WHERE "userId" = ${userId} AND "expiresAt" > now()
     ORDER BY "updatedAt" DESC, id`.execute(ctx.database.db);
  return rows.map((r) => ({
    id: r.id,
    userAgent: r.userAgent || null,
    ipAddress: r.ipAddress || null,
    createdAt: new Date(r.createdAt).toISOString(),
    lastSeenAt: new Date(r.updatedAt).toISOString(),
    current: r.token === token,
  }));
}

/** Ends one of her sessions (404 for anyone else's); says whether it was the one making this request. */
export async function endSession(ctx: AppContext, request: FastifyRequest, userId: string, sessionId: string): Promise<{ current: boolean }> {
  const token = await currentToken(ctx, request);
  const { rows } = await sql<{ token: string }>`DELETE FROM session WHERE id = ${sessionId} AND "userId" = ${userId} RETURNING token`.execute(ctx.database.db);
  const ended = rows[0];
  if (!ended) throw notFound("Sesi", "Session");
  return { current: ended.token === token };
}

/** The session token a better-auth response's Set-Cookie carries, or null. */
export function sessionTokenSet(headers: Headers, cookieName: string): string | null {
  for (const cookie of headers.getSetCookie()) {
    const [pair] = cookie.split(";");
    const eq = pair?.indexOf("=") ?? -1;
    if (!pair || eq < 0 || pair.slice(0, eq) !== cookieName) continue;
    const value = decodeURIComponent(pair.slice(eq + 1));
    const dot = value.lastIndexOf(".");
    return dot > 0 ? value.slice(0, dot) : null;
  }
  return null;
}

/** Ends every session of hers except the one with `keepToken`; returns how many ended. */
export async function endOtherSessions(ctx: AppContext, userId: string, keepToken: string): Promise<number> {
  const { rows } = await sql<{ id: string }>`DELETE FROM session WHERE "userId" = ${userId} AND token <> ${keepToken} RETURNING id`.execute(ctx.database.db);
  return rows.length;
}

/** The session cookie's name, as better-auth sets it. */
export async function sessionCookieName(ctx: AppContext): Promise<string> {
  return (await sessionCookieOf(ctx.auth)).name;
}
