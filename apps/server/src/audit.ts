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

/** Where a request came from, as the audit log keeps it (an HTTP request has this shape). */
export interface AuditOrigin {
  readonly ip?: string | undefined;
  readonly headers: { readonly "user-agent"?: string | undefined };
}

/** Records an administrative action in the cooperative's audit log, inside the caller's transaction. */
export async function writeAudit(trx: Transaction<DB>, entry: AuditEntry, origin?: AuditOrigin): Promise<void> {
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
      ip: origin?.ip ?? null,
      user_agent: origin?.headers["user-agent"]?.slice(0, 300) ?? null,
    })
    .execute();
}
