import {
  businessDateOf,
  DEFAULT_TIME_ZONE,
  grantsFromTerms,
  isTimeZone,
  requiresMfaSetup,
  withTermGrants,
  type Position,
  type Role,
} from "@koperasi/domain";
import type { Membership, SessionInfo } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { unauthenticated } from "../errors/app-error";
import { ownTerms } from "../structure/term-grants";
import { visibleEmail } from "./phone-only";

export interface MembershipRow extends Membership {
  mfaRequired: boolean;
}

/**
 * The cooperatives a person works in (active memberships only), oldest first.
 * Read without a cooperative selected: the `own_memberships` policy shows a
 * person her own koperasi_user rows and nothing else.
 */
export async function listMemberships(ctx: AppContext, userId: string): Promise<MembershipRow[]> {
  const { rows, terms } = await ctx.database.platform(
    async (trx) => ({
      rows: await trx
        .selectFrom("koperasi_user as ku")
        .innerJoin("koperasi as k", "k.id", "ku.koperasi_id")
        // Her member record there, if any (policy own_member_record).
        .leftJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "ku.koperasi_id").onRef("m.user_id", "=", "ku.user_id"))
        .select(["k.id", "k.slug", "k.name", "k.status", "k.mfa_required", "k.time_zone", "ku.roles", "ku.positions", "m.id as member_id"])
        .where("ku.user_id", "=", userId)
        .where("ku.status", "=", "active")
        .orderBy("ku.created_at")
        .orderBy("k.id")
        .execute(),
      // Her terms of office add roles while they run (as in requireTenant).
      terms: await ownTerms(trx, userId),
    }),
    { userId },
  );
  return rows.map((r) => {
    const today = businessDateOf(ctx.now(), isTimeZone(r.time_zone) ? r.time_zone : DEFAULT_TIME_ZONE);
    const effective = withTermGrants(
      { roles: r.roles as Role[], positions: r.positions as Position[] },
      grantsFromTerms(
        terms.filter((t) => t.koperasiId === r.id),
        today,
      ),
    );
    return {
      koperasiId: r.id,
      slug: r.slug,
      name: r.name,
      status: r.status,
      roles: effective.roles as Membership["roles"],
      positions: effective.positions,
      memberId: r.member_id ?? null,
      mfaRequired: r.mfa_required,
    };
  });
}

/**
 * What the web app needs to know about the signed-in person. The active
 * cooperative is the preferred one (the kp_koperasi cookie) when she still
 * belongs to it, else her first.
 */
export async function loadSessionInfo(ctx: AppContext, userId: string, preferredKoperasiId: string | null): Promise<SessionInfo> {
  const user = await ctx.database.db
    .selectFrom("user")
    .select(["id", "name", "email", "phoneNumber", "phoneNumberVerified", "twoFactorEnabled"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) throw unauthenticated();
  const operator = await ctx.database.db.selectFrom("platform_operator").select("user_id").where("user_id", "=", userId).executeTakeFirst();
  const memberships = await listMemberships(ctx, userId);
  const active = memberships.find((m) => m.koperasiId === preferredKoperasiId) ?? memberships[0] ?? null;
  const twoFactorEnabled = user.twoFactorEnabled === true;
  return {
    user: {
      id: user.id,
      name: user.name,
      email: visibleEmail(user.email),
      phone: user.phoneNumberVerified ? user.phoneNumber : null,
      twoFactorEnabled,
    },
    memberships: memberships.map(({ mfaRequired: _m, ...m }) => m),
    activeKoperasiId: active?.koperasiId ?? null,
    platformOperator: operator !== undefined,
    mfaSetupRequired: active !== null && !twoFactorEnabled && requiresMfaSetup(active.roles as Role[], { mandatoryForKoperasi: active.mfaRequired }),
  };
}
