import type { FastifyRequest } from "fastify";
import {
  businessDateOf,
  can,
  DEFAULT_TIME_ZONE,
  grantsFromTerms,
  isTimeZone,
  OPERATOR_TENANT_ACCESS_ACTIONS,
  requiresMfaSetup,
  withTermGrants,
  type Action,
  type Position,
  type Role,
} from "@koperasi/domain";
import type { KoperasiTable } from "@koperasi/db";
import type { Selectable } from "kysely";
import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import type { AppContext } from "../context";
import { readGate, signedInOf, type GateRow } from "./gate";
import { sessionCookieOf, sessionTokenOf } from "./session-token";
import { writeAudit } from "../audit";
import { currentTermsOfKoperasiUser } from "../structure/term-grants";
import { AppError, forbidden, notFound, unauthenticated } from "../errors/app-error";

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  phoneVerified: boolean;
  twoFactorEnabled: boolean;
  platformOperator: boolean;
}

export interface TenantAccess {
  koperasiId: string;
  koperasi: Selectable<KoperasiTable>;
  user: SignedInUser;
  /** The roles an admin gave her plus those her current terms of office give (pengurus, pengawas). */
  roles: Role[];
  positions: Position[];
  /** True when a platform operator reads a cooperative's data (always audited). */
  viaOperator: boolean;
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

/**
 * The gate of every route under /koperasi/:koperasiId: the person must belong
 * to that cooperative (or be an operator on a read-only, audited visit) and
 * her roles must allow the action.
 */
export async function requireTenant(ctx: AppContext, request: FastifyRequest, koperasiId: string, action: Action): Promise<TenantAccess> {
  const user = await requireUser(ctx, request);
  const koperasi = await ctx.database.db.selectFrom("koperasi").selectAll().where("id", "=", koperasiId).executeTakeFirst();
  if (!koperasi) throw notFound("Koperasi");
  // Terms end on a date, not on a click: the roles they give are derived
  // here, on the cooperative's date, every time.
  const today = businessDateOf(ctx.now(), isTimeZone(koperasi.time_zone) ? koperasi.time_zone : DEFAULT_TIME_ZONE);
  const membership = await ctx.database.platform(
    (trx) =>
      trx
        .selectFrom("koperasi_user")
        .select(["roles", "positions", "status", currentTermsOfKoperasiUser(today).as("terms")])
        .where("koperasi_id", "=", koperasiId)
        .where("user_id", "=", user.id)
        .executeTakeFirst(),
    { userId: user.id },
  );
  if (!membership || membership.status !== "active") {
    if (user.platformOperator && (OPERATOR_TENANT_ACCESS_ACTIONS as readonly Action[]).includes(action)) {
      await ctx.database.tenant({ koperasiId, userId: user.id }, (trx) =>
        writeAudit(
          trx,
          { koperasiId, actorUserId: user.id, actorRole: "operator", action: "operator.access", details: { route: request.routeOptions.url, permission: action } },
          request,
        ),
      );
      return { koperasiId, koperasi, user, roles: ["operator"], positions: [], viaOperator: true };
    }
    throw new AppError(403, "not_a_member", "Anda bukan pengguna koperasi ini.", "You do not belong to this cooperative.");
  }
  const { roles, positions } = withTermGrants(
    { roles: membership.roles as Role[], positions: membership.positions as Position[] },
    grantsFromTerms(membership.terms, today),
  );
  if (!can({ roles, positions }, action)) throw forbidden();
  if (requiresMfaSetup(roles, { mandatoryForKoperasi: koperasi.mfa_required }) && !user.twoFactorEnabled) {
    throw new AppError(
      403,
      "mfa_setup_required",
      "Koperasi ini mewajibkan verifikasi dua langkah. Aktifkan di menu Keamanan terlebih dahulu.",
      "This cooperative requires two-factor authentication. Enable it under Security first.",
    );
  }
  return { koperasiId, koperasi, user, roles, positions, viaOperator: false };
}
