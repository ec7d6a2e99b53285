import type { FastifyRequest } from "fastify";
import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";

export interface AuditEntry {
  koperasiId: string;
  actorUserId: string | null;
  actorRole: string;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Records an administrative action in the cooperative's audit log, inside the caller's transaction. */
export async function writeAudit(trx: Transaction<DB>, entry: AuditEntry, request?: FastifyRequest): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      koperasi_id: entry.koperasiId,
      id: uuidv7(),
      actor_user_id: entry.actorUserId,
      actor_role: entry.actorRole,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      ip: request?.ip ?? null,
      user_agent: request?.headers["user-agent"]?.slice(0, 300) ?? null,
    })
    .execute();
}
