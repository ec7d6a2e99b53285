import type { Transaction } from "kysely";
import type { DB, ScreeningMatchState, ScreeningMatchedOn } from "@koperasi/db";
import type { CommandContext } from "../command/command-context";
import { notFound } from "../errors/app-error";
import { rejectLocked } from "./applications";
import { membershipError } from "./errors";

// The pengawas' review of screening matches: a held match is cleared (a
// false positive, with a note saying why) or confirmed. Confirming rejects
// a pending application; for a member already in the book the confirmed
// match is the flag the pengurus act on (expulsion goes through leaving).

export interface ScreeningMatchView {
  id: string;
  memberId: string;
  memberNumber: string;
  fullName: string;
  memberStatus: string;
  matchedOn: ScreeningMatchedOn;
  listedName: string;
  reference: string | null;
  listName: string;
  listVersion: number;
  state: ScreeningMatchState;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

function selectMatches(trx: Transaction<DB>, koperasiId: string, state: ScreeningMatchState) {
  return trx
    .selectFrom("screening_match as s")
    .innerJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "s.koperasi_id").onRef("m.id", "=", "s.member_id"))
    .innerJoin("screening_list_version as v", "v.id", "s.version_id")
    .select([
      "s.id",
      "s.member_id",
      "m.member_number",
      "m.full_name",
      "m.status as member_status",
      "s.matched_on",
      "s.listed_name",
      "s.reference",
      "v.list_name",
      "v.version",
      "s.state",
      "s.note",
      "s.decided_by",
      "s.decided_at",
      "s.created_at",
    ])
    .where("s.koperasi_id", "=", koperasiId)
    .where("s.state", "=", state)
    .orderBy("s.created_at")
    .orderBy("s.id")
    .limit(500)
    .execute();
}

export async function listScreeningMatches(trx: Transaction<DB>, koperasiId: string, state: ScreeningMatchState): Promise<ScreeningMatchView[]> {
  const rows = await selectMatches(trx, koperasiId, state);
  return rows.map((row) => ({
      id: row.id,
      memberId: row.member_id,
      memberNumber: row.member_number,
      fullName: row.full_name,
      memberStatus: row.member_status,
      matchedOn: row.matched_on,
      listedName: row.listed_name,
      reference: row.reference,
      listName: row.list_name,
      listVersion: row.version,
      state: row.state,
      note: row.note,
      decidedBy: row.decided_by,
      decidedAt: row.decided_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    }));
}

/** Clears or confirms a held match, with a note; audited. Confirming rejects her pending application in the same transaction. */
export async function decideScreeningMatch(
  cmd: CommandContext,
  id: string,
  decision: { outcome: "cleared" | "confirmed"; note: string },
): Promise<{ id: string; state: ScreeningMatchState; applicationRejected: boolean }> {
  const { trx, koperasiId } = cmd;
  const match = await trx
    .selectFrom("screening_match")
    .select(["id", "member_id", "state", "listed_name"])
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!match) throw notFound("Kecocokan penyaringan", "Screening match");
  if (match.state !== "held") throw membershipError("screening_match_decided");
  const now = cmd.now;
  await trx
    .updateTable("screening_match")
    .set({ state: decision.outcome, note: decision.note, decided_by: cmd.actor.userId, decided_at: now })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", id)
    .execute();
  let applicationRejected = false;
  if (decision.outcome === "confirmed") {
    const pending = await trx
      .selectFrom("membership_application")
      .select("id")
      .where("koperasi_id", "=", koperasiId)
      .where("member_id", "=", match.member_id)
      .where("state", "=", "diajukan")
      .executeTakeFirst();
    if (pending) {
      await rejectLocked(trx, koperasiId, pending.id, { reason: `Cocok dengan daftar penyaringan (${match.listed_name}), dikonfirmasi pengawas.`, by: cmd.actor.userId, at: now });
      applicationRejected = true;
    }
  }
  await cmd.audit({
    action: decision.outcome === "cleared" ? "screening.clear" : "screening.confirm",
    targetType: "screening_match",
    targetId: id,
    details: { memberId: match.member_id, note: decision.note, applicationRejected },
  });
  return { id, state: decision.outcome, applicationRejected };
}
