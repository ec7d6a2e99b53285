import type { Transaction } from "kysely";
import { sql } from "kysely";
import type { DB } from "@koperasi/db";
import type { BusinessDate, Term } from "@koperasi/domain";

export type OwnTerm = Pick<Term, "body" | "position" | "startOn" | "endOn"> & { koperasiId: string };

/**
 * A person's terms of office through her member records, read in any
 * transaction (also without a cooperative selected: policy own_terms). Only
 * an active member's terms count: one who leaves the cooperative leaves its
 * offices too. With `on`, only the terms that day falls within.
 */
export async function ownTerms(trx: Transaction<DB>, userId: string, scope: { koperasiId?: string; on?: BusinessDate } = {}): Promise<OwnTerm[]> {
  let query = trx
    .selectFrom("structure_term as t")
    .innerJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "t.koperasi_id").onRef("m.id", "=", "t.member_id"))
    .select([
      "t.koperasi_id",
      "t.body",
      "t.position",
      sql<string>`to_char(t.start_on, 'YYYY-MM-DD')`.as("start_on"),
      sql<string>`to_char(t.end_on, 'YYYY-MM-DD')`.as("end_on"),
    ])
    .where("m.user_id", "=", userId)
    .where("m.status", "=", "aktif");
  if (scope.koperasiId !== undefined) query = query.where("t.koperasi_id", "=", scope.koperasiId);
  if (scope.on !== undefined) query = query.where("t.start_on", "<=", scope.on).where("t.end_on", ">=", scope.on);
  const rows = await query.execute();
  return rows.map((r) => ({ koperasiId: r.koperasi_id, body: r.body, position: r.position, startOn: r.start_on, endOn: r.end_on }));
}

/**
 * The same, as a column of a query on `koperasi_user`: the terms of that
 * login's member record that `on` falls within. Lets the permission check
 * read a login's roles and its terms in one statement.
 */
export function currentTermsOfKoperasiUser(on: BusinessDate) {
  return sql<Pick<Term, "body" | "position" | "startOn" | "endOn">[]>`(
    SELECT coalesce(json_agg(json_build_object(
      'body', t.body, 'position', t.position,
      'startOn', to_char(t.start_on, 'YYYY-MM-DD'), 'endOn', to_char(t.end_on, 'YYYY-MM-DD'))), '[]'::json)
    FROM structure_term t
    JOIN member m ON m.koperasi_id = t.koperasi_id AND m.id = t.member_id
    WHERE t.koperasi_id = koperasi_user.koperasi_id AND m.user_id = koperasi_user.user_id AND m.status = 'aktif'
      AND t.start_on <= ${on}::date AND t.end_on >= ${on}::date)`;
}
