import type { FastifyRequest } from "fastify";
import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { CreateEmployee, Employee, KasirLogin } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { uuidv7, type BusinessDate } from "@koperasi/domain";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import { koperasiToday } from "../accounts/koperasi-users";
import type { AppContext } from "../context";
import { AppError, notFound } from "../errors/app-error";
import type { TenantAccess } from "../http/session";

// Karyawan: people the cooperative employs (a teller, a field officer). They
// need not be members. A record may point to the login she works the
// counter with; only a login an admin already made kasir qualifies, so
// recording staff never hands out a role.

type EmployeeDto = z.infer<typeof Employee>;

function selectEmployees(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("employee as e")
    .leftJoin("koperasi_user as ku", (join) => join.onRef("ku.koperasi_id", "=", "e.koperasi_id").onRef("ku.id", "=", "e.koperasi_user_id"))
    .leftJoin("user as u", "u.id", "ku.user_id")
    .select([
      "e.id",
      "e.full_name",
      "e.job_title",
      sql<string>`to_char(e.start_on, 'YYYY-MM-DD')`.as("start_on"),
      sql<string | null>`to_char(e.end_on, 'YYYY-MM-DD')`.as("end_on"),
      "e.koperasi_user_id",
      "u.name as login_name",
    ])
    .where("e.koperasi_id", "=", koperasiId);
}

type EmployeeRow = Awaited<ReturnType<ReturnType<typeof selectEmployees>["executeTakeFirstOrThrow"]>>;

function toDto(row: EmployeeRow, today: BusinessDate): EmployeeDto {
  return {
    id: row.id,
    fullName: row.full_name,
    jobTitle: row.job_title,
    startOn: row.start_on,
    endOn: row.end_on,
    current: row.start_on <= today && (row.end_on === null || today <= row.end_on),
    login: row.koperasi_user_id ? { koperasiUserId: row.koperasi_user_id, name: row.login_name ?? "" } : null,
  };
}

const endBeforeStart = () =>
  new AppError(400, "term_end_before_start", "Tanggal akhir tidak boleh sebelum tanggal mulai.", "The end date cannot be before the start date.", [
    { path: "body.endOn", code: "term_end_before_start", message: "Tanggal akhir tidak boleh sebelum tanggal mulai." },
  ]);

export async function listEmployees(ctx: AppContext, access: TenantAccess): Promise<EmployeeDto[]> {
  const today = koperasiToday(ctx, access.koperasi.time_zone);
  const rows = await ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, (trx) =>
    selectEmployees(trx, access.koperasiId).orderBy("e.start_on").orderBy("e.id").execute(),
  );
  return rows.map((row) => toDto(row, today));
}

/** Active logins with role kasir, the ones a karyawan record may point to. */
export async function kasirLogins(ctx: AppContext, access: TenantAccess): Promise<z.infer<typeof KasirLogin>[]> {
  const rows = await ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, (trx) =>
    trx
      .selectFrom("koperasi_user as ku")
      .innerJoin("user as u", "u.id", "ku.user_id")
      .select(["ku.id", "u.name"])
      .where("ku.koperasi_id", "=", access.koperasiId)
      .where("ku.status", "=", "active")
      .where(sql<boolean>`'kasir' = ANY(ku.roles)`)
      .orderBy("u.name")
      .execute(),
  );
  return rows.map((r) => ({ koperasiUserId: r.id, name: r.name }));
}

export async function createEmployee(ctx: AppContext, access: TenantAccess, body: z.infer<typeof CreateEmployee>, request: FastifyRequest): Promise<EmployeeDto> {
  const { koperasiId } = access;
  if (body.endOn !== undefined && body.endOn < body.startOn) throw endBeforeStart();
  const today = koperasiToday(ctx, access.koperasi.time_zone);
  const fullName = body.fullName.normalize("NFC").replace(/\s+/g, " ");
  const jobTitle = body.jobTitle.normalize("NFC").replace(/\s+/g, " ");
  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    if (body.koperasiUserId !== undefined) {
      const login = await trx
        .selectFrom("koperasi_user")
        .select(["roles", "status"])
        .where("koperasi_id", "=", koperasiId)
        .where("id", "=", body.koperasiUserId)
        .executeTakeFirst();
      if (!login || login.status !== "active" || !login.roles.includes("kasir")) {
        throw new AppError(400, "login_not_kasir", "Akun yang dipilih bukan pengguna aktif berperan kasir di koperasi ini.", "The chosen login is not an active teller of this cooperative.", [
          { path: "body.koperasiUserId", code: "login_not_kasir", message: "Pilih akun berperan kasir." },
        ]);
      }
    }
    const id = uuidv7();
    await trx
      .insertInto("employee")
      .values({
        koperasi_id: koperasiId,
        id,
        full_name: fullName,
        job_title: jobTitle,
        start_on: body.startOn,
        end_on: body.endOn ?? null,
        koperasi_user_id: body.koperasiUserId ?? null,
        created_by: access.user.id,
      })
      .execute();
    await writeAudit(
      trx,
      { ...auditActor(access), action: "employee.create", targetType: "employee", targetId: id, details: { fullName, jobTitle, startOn: body.startOn, endOn: body.endOn ?? null, koperasiUserId: body.koperasiUserId ?? null } },
      request,
    );
    return toDto(await selectEmployees(trx, koperasiId).where("e.id", "=", id).executeTakeFirstOrThrow(), today);
  });
}

/** Records the last working day; the record stays. */
export async function endEmployment(ctx: AppContext, access: TenantAccess, employeeId: string, endOn: BusinessDate, request: FastifyRequest): Promise<EmployeeDto> {
  const { koperasiId } = access;
  const today = koperasiToday(ctx, access.koperasi.time_zone);
  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    const row = await selectEmployees(trx, koperasiId).where("e.id", "=", employeeId).forUpdate("e").executeTakeFirst();
    if (!row) throw notFound("Karyawan");
    if (row.end_on !== null && row.end_on < today) {
      throw new AppError(409, "employment_already_ended", "Masa kerja karyawan ini sudah berakhir.", "This employment has already ended.");
    }
    if (endOn < row.start_on) throw endBeforeStart();
    await trx.updateTable("employee").set({ end_on: endOn }).where("koperasi_id", "=", koperasiId).where("id", "=", employeeId).execute();
    await writeAudit(
      trx,
      { ...auditActor(access), action: "employee.end", targetType: "employee", targetId: employeeId, details: { previousEndOn: row.end_on, endOn } },
      request,
    );
    return toDto(await selectEmployees(trx, koperasiId).where("e.id", "=", employeeId).executeTakeFirstOrThrow(), today);
  });
}
