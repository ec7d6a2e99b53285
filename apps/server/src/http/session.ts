import type { FastifyRequest } from "fastify";
import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import type { AppContext } from "../context";
import { forbidden, unauthenticated } from "../errors/app-error";
import { readGate, signedInOf, type GateRow } from "./gate";
import { sessionCookieOf, sessionTokenOf } from "./session-token";

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  phoneVerified: boolean;
  twoFactorEnabled: boolean;
  platformOperator: boolean;
}


const signedInOfRequest = new WeakMap<FastifyRequest, SignedInUser | null>();

/**
 * The signed-in person, or null. One statement (request_gate() without a
 * cooperative), cached per request; nothing is cached across requests, so a
 * session ended anywhere is refused on the next one.
 */
export async function currentUser(ctx: AppContext, request: FastifyRequest): Promise<SignedInUser | null> {
  if (signedInOfRequest.has(request)) return signedInOfRequest.get(request) ?? null;
  const token = sessionTokenOf(request, await sessionCookieOf(ctx.auth));
  const user = token === null ? null : userOfGate(await readGate(ctx.database.db, { sessionToken: token, koperasiId: null, now: ctx.now() }));
  signedInOfRequest.set(request, user);
  return user;
}

/**
 * Runs `fn` in one transaction for the signed-in person (401 when no one
 * is): its first statement reads her session and selects her login for
 * row-level security, so what she may read of her own comes in the same
 * round trips (the session route: BEGIN, gate, memberships, COMMIT).
 */
export async function asSignedIn<T>(ctx: AppContext, request: FastifyRequest, fn: (trx: Transaction<DB>, user: SignedInUser) => Promise<T>): Promise<T> {
  const token = sessionTokenOf(request, await sessionCookieOf(ctx.auth));
  if (token === null) throw unauthenticated();
  return ctx.database.db.transaction().execute(async (trx) => {
    const user = userOfGate(await readGate(trx, { sessionToken: token, koperasiId: null, now: ctx.now() }));
    if (!user) throw unauthenticated();
    signedInOfRequest.set(request, user);
    return fn(trx, user);
  });
}

function userOfGate(row: GateRow): SignedInUser | null {
  const signedIn = signedInOf(row);
  if (!signedIn) return null;
  return {
    id: signedIn.userId,
    name: signedIn.name,
    email: signedIn.email,
    phone: signedIn.phone,
    phoneVerified: row.user_phone_verified === true,
    twoFactorEnabled: signedIn.twoFactorEnabled,
    platformOperator: signedIn.platformOperator,
  };
}

export async function requireUser(ctx: AppContext, request: FastifyRequest): Promise<SignedInUser> {
  const user = await currentUser(ctx, request);
  if (!user) throw unauthenticated();
  return user;
}

export async function requireOperator(ctx: AppContext, request: FastifyRequest): Promise<SignedInUser> {
  const user = await requireUser(ctx, request);
  if (!user.platformOperator) throw forbidden("Hanya operator platform yang dapat melakukan ini.");
  return user;
}
