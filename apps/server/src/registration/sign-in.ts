import type { FastifyReply, FastifyRequest } from "fastify";
import { makeSignature } from "better-auth/crypto";
import type { AppContext } from "../context";

/**
 * Signs a person in at the end of a registration she proved with codes sent
 * to her email and phone, without asking for the password again.
 *
 * better-auth has no public "create a session for this user" endpoint, so
 * this uses the two pieces its own sign-in endpoints are built from: the
 * internal adapter's `createSession` (the session row) and the session-token
 * cookie signed the way better-call's `setSignedCookie` signs it
 * (`<token>.<base64 HMAC-SHA256>` with the auth secret, via the exported
 * `makeSignature`), with the cookie name and attributes better-auth itself
 * configured. `getSession` then reads it like any other session.
 */
export async function startSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, userId: string): Promise<void> {
  const auth = await ctx.auth.$context;
  const session = await auth.internalAdapter.createSession(userId, false, {
    ipAddress: request.ip ?? "",
    userAgent: request.headers["user-agent"]?.slice(0, 300) ?? "",
  });
  const signed = `${session.token}.${await makeSignature(session.token, auth.secret)}`;
  const { name, attributes } = auth.authCookies.sessionToken;
  reply.setCookie(name, signed, {
    path: attributes.path ?? "/",
    httpOnly: attributes.httpOnly ?? true,
    secure: attributes.secure ?? false,
    sameSite: (attributes.sameSite?.toLowerCase() ?? "lax") as "lax" | "strict" | "none",
    maxAge: auth.sessionConfig.expiresIn,
    ...(attributes.domain ? { domain: attributes.domain } : {}),
  });
}
