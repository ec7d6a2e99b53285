import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { businessDateOf, DEFAULT_TIME_ZONE, isTimeZone, uuidv7, type Action, type BusinessDate, type Role } from "@koperasi/domain";
import { writeAudit } from "../audit";
import { auditActorOf, type CommandContext } from "./command-context";

/**
 * A command context for calling a service directly in a test or a fixture,
 * as the request pipeline would build it for this person: inside the given
 * tenant transaction, on the cooperative's business date unless one is given.
 */
export async function commandFor(
  trx: Transaction<DB>,
  who: { koperasiId: string; userId: string; roles?: Role[]; action?: Action },
  clock: { now?: Date; today?: BusinessDate; newId?: () => string } = {},
): Promise<CommandContext> {
  const koperasi = await trx.selectFrom("koperasi").selectAll().where("id", "=", who.koperasiId).executeTakeFirstOrThrow();
  const now = clock.now ?? new Date();
  const context: CommandContext = {
    trx,
    koperasiId: who.koperasiId,
    koperasi,
    actor: { userId: who.userId, name: "", email: "", phone: null, twoFactorEnabled: false, platformOperator: false, roles: who.roles ?? [], positions: [], viaOperator: false },
    action: who.action ?? "journal.view",
    now,
    today: clock.today ?? businessDateOf(now, isTimeZone(koperasi.time_zone) ? koperasi.time_zone : DEFAULT_TIME_ZONE),
    newId: clock.newId ?? uuidv7,
    audit: async (record) => {
      if (!record.action) throw new Error("an audit record needs an action");
      await writeAudit(trx, { ...auditActorOf(context), ...record, action: record.action });
    },
  };
  return context;
}
