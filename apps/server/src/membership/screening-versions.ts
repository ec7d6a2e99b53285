import { sql } from "kysely";
import type { AppContext } from "../context";

/** Every uploaded version, newest first, with how many cooperatives it has been run against and the matches it raised. */
export async function listScreeningVersions(ctx: AppContext) {
  const rows = await ctx.database.db
    .selectFrom("screening_list_version as v")
    .select([
      "v.id",
      "v.list_name",
      "v.version",
      "v.entry_count",
      "v.uploaded_at",
      (eb) => eb.selectFrom("screening_run as r").select(sql<number>`count(*)::int`.as("n")).whereRef("r.version_id", "=", "v.id").as("cooperatives"),
      (eb) => eb.selectFrom("screening_run as r").select(sql<number>`coalesce(sum(matches_held), 0)::int`.as("n")).whereRef("r.version_id", "=", "v.id").as("matches"),
    ])
    .orderBy("v.uploaded_at", "desc")
    .orderBy("v.id", "desc")
    .limit(200)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    listName: row.list_name,
    version: row.version,
    entryCount: row.entry_count,
    uploadedAt: row.uploaded_at.toISOString(),
    cooperativesScreened: Number(row.cooperatives ?? 0),
    matchesHeld: Number(row.matches ?? 0),
  }));
}
