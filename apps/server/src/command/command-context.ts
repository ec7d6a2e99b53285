import type { Transaction } from "kysely";
import type { DB, KoperasiTable } from "@koperasi/db";
import type { Action, BusinessDate, Position, Role } from "@koperasi/domain";
import type { Selectable } from "kysely";

/** Who acts: the login, the roles and positions she holds in this cooperative today. */
export interface Actor {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly twoFactorEnabled: boolean;
  readonly platformOperator: boolean;
  /** The roles an admin gave her plus those her current terms of office give (pengurus, pengawas). */
  readonly roles: readonly Role[];
  readonly positions: readonly Position[];
  /** True when a platform operator reads a cooperative's data (always audited). */
  readonly viaOperator: boolean;
}

/** What an audit entry says happened; who, where and when come from the context. */
export interface AuditRecord {
  /** Defaults to the action the route declares it audits. */
  action?: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

export type Koperasi = Selectable<KoperasiTable>;

/**
 * Everything a service needs to carry out one command in one cooperative,
 * and nothing of HTTP: the request pipeline builds it after the gate, inside
 * the transaction that the service works in (the idempotent one when money
 * moves); a job or a CLI command builds it the same way for its own date.
 */
export interface CommandContext {
  readonly trx: Transaction<DB>;
  readonly koperasiId: string;
  readonly koperasi: Koperasi;
  readonly actor: Actor;
  /** The permission the gate granted (the first of the route's actions the actor holds). */
  readonly action: Action;
  /** The wall clock for this command, read once. */
  readonly now: Date;
  /** The cooperative's business date for this command, in its own time zone, computed once. */
  readonly today: BusinessDate;
  newId(): string;
  /** Records the command in the cooperative's audit log, in the same transaction. */
  audit(record: AuditRecord): Promise<void>;
}

/** The audit actor fields of a context: the person and the role(s) she acted in. */
export function auditActorOf(context: Pick<CommandContext, "koperasiId" | "actor">): { koperasiId: string; actorUserId: string; actorRole: string } {
  return { koperasiId: context.koperasiId, actorUserId: context.actor.userId, actorRole: context.actor.roles.join(",") };
}
