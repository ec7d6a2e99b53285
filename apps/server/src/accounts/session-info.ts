import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { grantsFromTerms, requiresMfaSetup, withTermGrants, type Position, type Role, type Term } from "@koperasi/domain";
import type { Membership, SessionInfo } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { unauthenticated } from "../errors/app-error";
import type { SignedInUser } from "../http/session";
import { visibleEmail } from "./phone-only";

export interface MembershipRow extends Membership {
  mfaRequired: boolean;
}

/** The cooperatives a person works in (active memberships only), oldest first. */
export async function listMemberships(ctx: AppContext, userId: string): Promise<MembershipRow[]> {
  return ctx.database.platform((trx) => membershipsIn(trx, userId, ctx.now()), { userId });
}

/**
 * Her memberships with the roles her current terms of office add, each on
 * its cooperative's own business date, in one statement. Read without a
 * cooperative selected: the policies `own_memberships`, `own_member_record`
 * and `own_terms` show a person her own rows and nothing else.
 */
async function membershipsIn(trx: Transaction<DB>, userId: string, now: Date): Promise<MembershipRow[]> {
  const { rows } = await sql<{
    id: string;
    slug: string;
    name: string;
    status: Membership["status"];
    mfa_required: boolean;
    roles: string[];
    positions: string[];
    member_id: string | null;
    today: string;
    terms: Pick<Term, "body" | "position" | "startOn" | "endOn">[];
  }>`
    SELECT k.id, k.slug, k.name, k.status, k.mfa_required, ku.roles, ku.positions, m.id AS member_id, d.today,
      (SELECT coalesce(json_agg(json_build_object(
                'body', t.body, 'position', t.position,
                'startOn', to_char(t.start_on, 'YYYY-MM-DD'), 'endOn', to_char(t.end_on, 'YYYY-MM-DD'))), '[]'::json)
         FROM structure_term t
        WHERE t.koperasi_id = ku.koperasi_id AND t.member_id = m.id AND m.status = 'aktif'
          AND t.start_on <= d.today::date AND t.end_on >= d.today::date) AS terms
    FROM koperasi_user ku
    JOIN koperasi k ON k.id = ku.koperasi_id
    CROSS JOIN LATERAL (SELECT to_char((${now}::timestamptz AT TIME ZONE k.time_zone)::date, 'YYYY-MM-DD') AS today) d
    LEFT JOIN member m ON m.koperasi_id = ku.koperasi_id AND m.user_id = ku.user_id
    WHERE ku.user_id = ${userId} AND ku.status = 'active'
    ORDER BY ku.created_at, k.id`.execute(trx);
  return rows.map((r) => {
    const effective = withTermGrants({ roles: r.roles as Role[], positions: r.positions as Position[] }, grantsFromTerms(r.terms, r.today));
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
export async function sessionInfoIn(trx: Transaction<DB>, user: SignedInUser, preferredKoperasiId: string | null, now: Date): Promise<SessionInfo> {
  const memberships = await membershipsIn(trx, user.id, now);
  const active = memberships.find((m) => m.koperasiId === preferredKoperasiId) ?? memberships[0] ?? null;
  return {
    user: {
      id: user.id,
      name: user.name,
      email: visibleEmail(user.email),
      phone: user.phoneVerified ? user.phone : null,
      twoFactorEnabled: user.twoFactorEnabled,
    },
    memberships: memberships.map(({ mfaRequired: _m, ...m }) => m),
    activeKoperasiId: active?.koperasiId ?? null,
    platformOperator: user.platformOperator,
    mfaSetupRequired: active !== null && !user.twoFactorEnabled && requiresMfaSetup(active.roles as Role[], { mandatoryForKoperasi: active.mfaRequired }),
  };
}

/** The same for a login just signed in (her session cookie is on the response, not yet on a request). */
export async function loadSessionInfo(ctx: AppContext, userId: string, preferredKoperasiId: string | null): Promise<SessionInfo> {
  return ctx.database.platform(
    async (trx) => {
      const row = await trx
        .selectFrom("user")
        .leftJoin("platform_operator as o", "o.user_id", "user.id")
        .select(["user.id", "user.name", "user.email", "user.phoneNumber", "user.phoneNumberVerified", "user.twoFactorEnabled", "o.user_id as operator"])
        .where("user.id", "=", userId)
        .executeTakeFirst();
      if (!row) throw unauthenticated();
      const user: SignedInUser = {
        id: row.id,
        name: row.name,
        email: row.email,
        phone: row.phoneNumber,
        phoneVerified: row.phoneNumberVerified === true,
        twoFactorEnabled: row.twoFactorEnabled === true,
        platformOperator: row.operator !== null,
      };
      return sessionInfoIn(trx, user, preferredKoperasiId, ctx.now());
    },
    { userId },
  );
}
