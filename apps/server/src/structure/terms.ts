import type { FastifyRequest } from "fastify";
import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { AppointTerm, CurrentStructure, StructureTerm } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import {
  checkAppointment,
  checkTermEnd,
  compareForChart,
  isCurrentTerm,
  normalisePosition,
  uuidv7,
  type BusinessDate,
  type StructureRefusal,
  type Term,
} from "@koperasi/domain";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import { koperasiToday } from "../accounts/koperasi-users";
import type { AppContext } from "../context";
import { AppError, notFound } from "../errors/app-error";
import type { TenantAccess } from "../http/session";
import { listEmployees } from "./employees";
import { structureRefusal } from "./refusal";

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

const todayOf = (ctx: AppContext, access: TenantAccess) => koperasiToday(ctx, access.koperasi.time_zone);

export async function appointTerm(ctx: AppContext, access: TenantAccess, body: z.infer<typeof AppointTerm>, request: FastifyRequest): Promise<StructureTerm> {
  const { koperasiId } = access;
  const position = normalisePosition(body.body, body.position);
  if (position === null) throw structureRefusal("position_invalid");
  const candidate = { memberId: body.memberId, body: body.body, position, startOn: body.startOn, endOn: body.endOn };
  if (candidate.endOn < candidate.startOn) throw structureRefusal("term_end_before_start");
  const today = todayOf(ctx, access);

  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    await lockStructure(trx, koperasiId);
    const member = await trx.selectFrom("member").select(["id", "status"]).where("koperasi_id", "=", koperasiId).where("id", "=", body.memberId).executeTakeFirst();
    if (!member) {
      throw new AppError(400, "member_not_found", "Anggota tidak ditemukan di koperasi ini. Pengurus dan pengawas dipilih dari anggota.", "No such member in this cooperative.", [
        { path: "body.memberId", code: "member_not_found", message: "Anggota tidak ditemukan." },
      ]);
    }
    // Every term that could clash: overlapping the new one in time.
    const rows = await selectTerms(trx, koperasiId).where("t.start_on", "<=", candidate.endOn).where("t.end_on", ">=", candidate.startOn).execute();
    const refusal = checkAppointment(candidate, member, rows.map(toTerm));
    if (refusal) throw structureRefusal(refusal);

    const id = uuidv7();
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
        appointed_by: access.user.id,
      })
      .execute()
      .catch((error: unknown) => {
        const refusal = overlapRefusal(error);
        throw refusal ? structureRefusal(refusal) : error;
      });
    await writeAudit(
      trx,
      { ...auditActor(access), action: "structure.appoint", targetType: "structure_term", targetId: id, details: { memberId: candidate.memberId, body: candidate.body, position, startOn: candidate.startOn, endOn: candidate.endOn } },
      request,
    );
    return toDto(await selectTerms(trx, koperasiId).where("t.id", "=", id).executeTakeFirstOrThrow(), today);
  });
}

/** Ends a term early: its last day in office becomes `endOn`. The row stays as history. */
export async function endTerm(ctx: AppContext, access: TenantAccess, termId: string, endOn: BusinessDate, request: FastifyRequest): Promise<StructureTerm> {
  const { koperasiId } = access;
  const today = todayOf(ctx, access);
  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    await lockStructure(trx, koperasiId);
    const row = await selectTerms(trx, koperasiId).where("t.id", "=", termId).executeTakeFirst();
    if (!row) throw notFound("Masa jabatan");
    const refusal = checkTermEnd(toTerm(row), endOn, today);
    if (refusal) throw structureRefusal(refusal);
    await trx
      .updateTable("structure_term")
      .set({ end_on: endOn, ended_early_by: access.user.id, ended_early_at: ctx.now() })
      .where("koperasi_id", "=", koperasiId)
      .where("id", "=", termId)
      .execute();
    await writeAudit(
      trx,
      { ...auditActor(access), action: "structure.end_term", targetType: "structure_term", targetId: termId, details: { memberId: row.member_id, body: row.body, position: row.position, plannedEndOn: row.end_on, endOn } },
      request,
    );
    return toDto(await selectTerms(trx, koperasiId).where("t.id", "=", termId).executeTakeFirstOrThrow(), today);
  });
}

/** Every term ever recorded, newest first: the history table. */
export async function listTerms(ctx: AppContext, access: TenantAccess): Promise<StructureTerm[]> {
  const today = todayOf(ctx, access);
  const rows = await ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, (trx) =>
    selectTerms(trx, access.koperasiId).orderBy("t.start_on", "desc").orderBy("t.id", "desc").execute(),
  );
  return rows.map((row) => toDto(row, today));
}

/** Who holds office today, in the chart's order, and the staff employed today. */
export async function currentStructure(ctx: AppContext, access: TenantAccess): Promise<CurrentStructure> {
  const today = todayOf(ctx, access);
  const rows = await ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, (trx) =>
    selectTerms(trx, access.koperasiId).where("t.start_on", "<=", today).where("t.end_on", ">=", today).execute(),
  );
  const terms = rows.map((row) => toDto(row, today)).sort(compareForChart);
  const employees = await listEmployees(ctx, access);
  return {
    asOf: today,
    pengurus: terms.filter((t) => t.body === "pengurus"),
    pengawas: terms.filter((t) => t.body === "pengawas"),
    karyawan: employees.filter((e) => e.current),
  };
}
