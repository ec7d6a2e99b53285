import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { AppointTerm, CurrentStructure, StructureTerm } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import {
  authorityGained,
  checkAppointment,
  checkTermEnd,
  compareForChart,
  isCurrentTerm,
  normalisePosition,
  type BusinessDate,
  type Role,
  type StructureRefusal,
  type Term,
} from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { notFound } from "../errors/app-error";
import { requestRoleGrant, type RoleGrantRequestDto } from "../accounts/role-grants";
import { listEmployees } from "./employees";
import { structureError, structureRefusal } from "./errors";

/**
 * Appointments and early ends of one cooperative take this lock first, so the
 * overlap rules are checked against every committed term: two appointments
 * racing for the same post (or the same person) run one after the other.
 */
async function lockStructure(trx: Transaction<DB>, koperasiId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(structure_lock_key(${koperasiId}::uuid))`.execute(trx);
}

/** The database's own overlap check (structure_term_overlap_check), should it ever see what the server's check missed. */
function overlapRefusal(error: unknown): StructureRefusal | null {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code !== "23P01") return null;
  if (constraint === "structure_term_one_body") return "holds_other_body";
  if (constraint === "structure_term_one_post") return "already_holds_position";
  return "position_taken";
}

function selectTerms(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("structure_term as t")
    .innerJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "t.koperasi_id").onRef("m.id", "=", "t.member_id"))
    .select([
      "t.id",
      "t.member_id",
      "t.body",
      "t.position",
      sql<string>`to_char(t.start_on, 'YYYY-MM-DD')`.as("start_on"),
      sql<string>`to_char(t.end_on, 'YYYY-MM-DD')`.as("end_on"),
      "t.ended_early_at",
      "m.member_number",
      "m.full_name",
      "m.user_id",
    ])
    .where("t.koperasi_id", "=", koperasiId);
}

type TermRow = Awaited<ReturnType<ReturnType<typeof selectTerms>["executeTakeFirstOrThrow"]>>;

function toTerm(row: TermRow): Term {
  return { id: row.id, memberId: row.member_id, body: row.body, position: row.position, startOn: row.start_on, endOn: row.end_on };
}

function toDto(row: TermRow, today: BusinessDate): StructureTerm {
  return {
    id: row.id,
    memberId: row.member_id,
    memberNumber: row.member_number,
    fullName: row.full_name,
    body: row.body,
    position: row.position,
    startOn: row.start_on,
    endOn: row.end_on,
    current: isCurrentTerm(toTerm(row), today),
    endedEarly: row.ended_early_at !== null,
    hasLogin: row.user_id !== null,
  };
}

export type Appointment = { kind: "appointed"; term: StructureTerm } | { kind: "pending_approval"; request: RoleGrantRequestDto };

/**
 * What a pengurus term gives the member's login that it does not hold yet
 * (pengurus, the bendahara post). A member without a login is counted as
 * holding nothing, so a login linked later gains nothing unapproved.
 */
async function termAuthorityGained(trx: Transaction<DB>, koperasiId: string, memberId: string, body: string, position: string) {
  if (body !== "pengurus") return { grants: [], subjectUserId: null };
  const login = await trx
    .selectFrom("member as m")
    .leftJoin("koperasi_user as ku", (join) => join.onRef("ku.koperasi_id", "=", "m.koperasi_id").onRef("ku.user_id", "=", "m.user_id"))
    .select(["m.user_id", "ku.roles", "ku.positions", "ku.status"])
    .where("m.koperasi_id", "=", koperasiId)
    .where("m.id", "=", memberId)
    .executeTakeFirst();
  const active = login?.status === "active";
  const before = { roles: (active ? (login.roles ?? []) : []) as Role[], positions: active ? (login.positions ?? []) : [] };
  const after = { roles: [...before.roles, "pengurus" as Role], positions: [...before.positions, position] };
  return { grants: authorityGained(before, after), subjectUserId: login?.user_id ?? null };
}

/**
 * Appoints a pengurus or pengawas from the members. A pengurus term gives
 * its holder money authority, so unless this is an approval being applied
 * (`approved`) it is checked and then filed for a second person.
 */
export async function appointTerm(
  cmd: CommandContext,
  body: z.infer<typeof AppointTerm>,
  approved?: { requestId: string; requestedBy: string },
): Promise<Appointment> {
  const { trx, koperasiId, today } = cmd;
  const position = normalisePosition(body.body, body.position);
  if (position === null) throw structureRefusal("position_invalid");
  const candidate = { memberId: body.memberId, body: body.body, position, startOn: body.startOn, endOn: body.endOn };
  if (candidate.endOn < candidate.startOn) throw structureRefusal("term_end_before_start");
  await lockStructure(trx, koperasiId);
  const member = await trx.selectFrom("member").select(["id", "status"]).where("koperasi_id", "=", koperasiId).where("id", "=", body.memberId).executeTakeFirst();
  if (!member) throw structureError("member_not_found");
  // Every term that could clash: overlapping the new one in time.
  const rows = await selectTerms(trx, koperasiId).where("t.start_on", "<=", candidate.endOn).where("t.end_on", ">=", candidate.startOn).execute();
  const refusal = checkAppointment(candidate, member, rows.map(toTerm));
  if (refusal) throw structureRefusal(refusal);
  if (!approved) {
    const { grants, subjectUserId } = await termAuthorityGained(trx, koperasiId, candidate.memberId, candidate.body, position);
    if (grants.length > 0) {
      const request = await requestRoleGrant(cmd, { kind: "term", subjectUserId, memberId: candidate.memberId, change: { ...body }, grants });
      return { kind: "pending_approval", request };
    }
  }

  const id = cmd.newId();
  await trx
    .insertInto("structure_term")
    .values({
      koperasi_id: koperasiId,
      id,
      member_id: candidate.memberId,
      body: candidate.body,
      position,
      start_on: candidate.startOn,
      end_on: candidate.endOn,
      appointed_by: cmd.actor.userId,
    })
    .execute()
    .catch((error: unknown) => {
      const refusal = overlapRefusal(error);
      throw refusal ? structureRefusal(refusal) : error;
    });
  await cmd.audit({
    action: "structure.appoint",
    targetType: "structure_term",
    targetId: id,
    details: {
      memberId: candidate.memberId,
      body: candidate.body,
      position,
      startOn: candidate.startOn,
      endOn: candidate.endOn,
      ...(approved ? { approvedRequestId: approved.requestId, requestedBy: approved.requestedBy } : {}),
    },
  });
  return { kind: "appointed", term: toDto(await selectTerms(trx, koperasiId).where("t.id", "=", id).executeTakeFirstOrThrow(), today) };
}

/** Ends a term early: its last day in office becomes `endOn`. The row stays as history. */
export async function endTerm(cmd: CommandContext, termId: string, endOn: BusinessDate): Promise<StructureTerm> {
  const { trx, koperasiId, today } = cmd;
  await lockStructure(trx, koperasiId);
  const row = await selectTerms(trx, koperasiId).where("t.id", "=", termId).executeTakeFirst();
  if (!row) throw notFound("Masa jabatan", "Term of office");
  const refusal = checkTermEnd(toTerm(row), endOn, today);
  if (refusal) throw structureRefusal(refusal);
  await trx
    .updateTable("structure_term")
    .set({ end_on: endOn, ended_early_by: cmd.actor.userId, ended_early_at: cmd.now })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", termId)
    .execute();
  await cmd.audit({
    action: "structure.end_term",
    targetType: "structure_term",
    targetId: termId,
    details: { memberId: row.member_id, body: row.body, position: row.position, plannedEndOn: row.end_on, endOn },
  });
  return toDto(await selectTerms(trx, koperasiId).where("t.id", "=", termId).executeTakeFirstOrThrow(), today);
}

/** Every term ever recorded, newest first: the history table. */
export async function listTerms(trx: Transaction<DB>, koperasiId: string, today: BusinessDate): Promise<StructureTerm[]> {
  const rows = await selectTerms(trx, koperasiId).orderBy("t.start_on", "desc").orderBy("t.id", "desc").execute();
  return rows.map((row) => toDto(row, today));
}

/** Who holds office today, in the chart's order, and the staff employed today. */
export async function currentStructure(trx: Transaction<DB>, koperasiId: string, today: BusinessDate): Promise<CurrentStructure> {
  const rows = await selectTerms(trx, koperasiId).where("t.start_on", "<=", today).where("t.end_on", ">=", today).execute();
  const terms = rows.map((row) => toDto(row, today)).sort(compareForChart);
  const employees = await listEmployees(trx, koperasiId, today);
  return {
    asOf: today,
    pengurus: terms.filter((t) => t.body === "pengurus"),
    pengawas: terms.filter((t) => t.body === "pengawas"),
    karyawan: employees.filter((e) => e.current),
  };
}
