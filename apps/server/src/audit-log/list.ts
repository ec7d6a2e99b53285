import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { AuditEntry } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";

type AuditEntryDto = z.infer<typeof AuditEntry>;

/** A page of the cooperative's audit log, newest first, with each actor's name. */
export async function listAudit(
  trx: Transaction<DB>,
  koperasiId: string,
  page: { page: number; pageSize: number },
): Promise<{ items: AuditEntryDto[]; page: number; pageSize: number; total: number }> {
  const { total } = await trx
    .selectFrom("audit_log")
    .where("koperasi_id", "=", koperasiId)
    .select((eb) => eb.fn.countAll<string>().as("total"))
    .executeTakeFirstOrThrow();
  const rows = await trx
    .selectFrom("audit_log")
    .leftJoin("user", "user.id", "audit_log.actor_user_id")
    .where("audit_log.koperasi_id", "=", koperasiId)
    .select([
      "audit_log.id",
      "audit_log.created_at",
      "audit_log.actor_user_id",
      "user.name as actor_name",
      "audit_log.actor_role",
      "audit_log.action",
      "audit_log.target_type",
      "audit_log.target_id",
      sql<unknown>`audit_log.details`.as("details"),
      "audit_log.ip",
    ])
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return {
    items: rows.map((row) => ({
      id: row.id,
      at: new Date(row.created_at).toISOString(),
      actorUserId: row.actor_user_id,
      actorName: row.actor_name ?? null,
      actorRole: row.actor_role,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details: detailsObject(row.details),
      ip: row.ip,
    })),
    page: page.page,
    pageSize: page.pageSize,
    total: Number(total),
  };
}

function detailsObject(value: unknown): Record<string, unknown> {
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}
