import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { CreateEmployee, Employee, KasirLogin } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import type { BusinessDate } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { notFound } from "../errors/app-error";
import { structureError } from "./errors";

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

export async function listEmployees(trx: Transaction<DB>, koperasiId: string, today: BusinessDate): Promise<EmployeeDto[]> {
  const rows = await selectEmployees(trx, koperasiId).orderBy("e.start_on").orderBy("e.id").execute();
  return rows.map((row) => toDto(row, today));
}

/** Active logins with role kasir, the ones a karyawan record may point to. */
export async function kasirLogins(trx: Transaction<DB>, koperasiId: string): Promise<z.infer<typeof KasirLogin>[]> {
  const rows = await trx
    .selectFrom("koperasi_user as ku")
    .innerJoin("user as u", "u.id", "ku.user_id")
    .select(["ku.id", "u.name"])
    .where("ku.koperasi_id", "=", koperasiId)
    .where("ku.status", "=", "active")
    .where(sql<boolean>`'kasir' = ANY(ku.roles)`)
    .orderBy("u.name")
    .execute();
  return rows.map((r) => ({ koperasiUserId: r.id, name: r.name }));
}

export async function createEmployee(cmd: CommandContext, body: z.infer<typeof CreateEmployee>): Promise<EmployeeDto> {
  const { trx, koperasiId, today } = cmd;
  if (body.endOn !== undefined && body.endOn < body.startOn) throw structureError("employment_end_before_start");
  const fullName = body.fullName.normalize("NFC").replace(/\s+/g, " ");
  const jobTitle = body.jobTitle.normalize("NFC").replace(/\s+/g, " ");
  if (body.koperasiUserId !== undefined) {
    const login = await trx
      .selectFrom("koperasi_user")
      .select(["roles", "status"])
      .where("koperasi_id", "=", koperasiId)
      .where("id", "=", body.koperasiUserId)
      .executeTakeFirst();
    if (!login || login.status !== "active" || !login.roles.includes("kasir")) throw structureError("login_not_kasir");
  }
  const id = cmd.newId();
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
      created_by: cmd.actor.userId,
    })
    .execute();
  await cmd.audit({
    action: "employee.create",
    targetType: "employee",
    targetId: id,
    details: { fullName, jobTitle, startOn: body.startOn, endOn: body.endOn ?? null, koperasiUserId: body.koperasiUserId ?? null },
  });
  return toDto(await selectEmployees(trx, koperasiId).where("e.id", "=", id).executeTakeFirstOrThrow(), today);
}

/** Records the last working day; the record stays. */
export async function endEmployment(cmd: CommandContext, employeeId: string, endOn: BusinessDate): Promise<EmployeeDto> {
  const { trx, koperasiId, today } = cmd;
  const row = await selectEmployees(trx, koperasiId).where("e.id", "=", employeeId).forUpdate("e").executeTakeFirst();
  if (!row) throw notFound("Karyawan", "Employee");
  if (row.end_on !== null && row.end_on < today) throw structureError("employment_already_ended");
  if (endOn < row.start_on) throw structureError("employment_end_before_start");
  await trx.updateTable("employee").set({ end_on: endOn }).where("koperasi_id", "=", koperasiId).where("id", "=", employeeId).execute();
  await cmd.audit({ action: "employee.end", targetType: "employee", targetId: employeeId, details: { previousEndOn: row.end_on, endOn } });
  return toDto(await selectEmployees(trx, koperasiId).where("e.id", "=", employeeId).executeTakeFirstOrThrow(), today);
}
