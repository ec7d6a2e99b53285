import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { uuidv7, type Action, type BusinessDate } from "@koperasi/domain";
import { writeAudit } from "../audit";
import type { Actor, CommandContext, Koperasi } from "../command/command-context";

/**
 * The system acting in a job: no login, no role. What a job posts is
 * recorded with no maker (`createdBy: null` on the posting path) and its
 * audit entries with no actor and the role "sistem".
 */
export const SYSTEM_ACTOR: Actor = {
  userId: "",
  name: "Sistem",
  email: "",
  phone: null,
  twoFactorEnabled: false,
  platformOperator: false,
  roles: [],
  positions: [],
  viaOperator: false,
};

// A job passes no gate, so no permission was granted; services read the
// action only to tell which of a route's permissions the person held, and
// no job service asks.
const NO_GATE_ACTION: Action = "journal.view";

/**
 * The command context of one job for one business date, inside the
 * transaction that also records the run: `today` is the date being run (a
 * catch-up runs last week's dates on last week's date), `now` the wall clock.
 */
export function jobCommand(trx: Transaction<DB>, koperasi: Koperasi, businessDate: BusinessDate, now: Date, job: string): CommandContext {
  return {
    trx,
    koperasiId: koperasi.id,
    koperasi,
    actor: SYSTEM_ACTOR,
    action: NO_GATE_ACTION,
    now,
    today: businessDate,
    newId: uuidv7,
    audit: async (record) => {
      await writeAudit(trx, {
        koperasiId: koperasi.id,
        actorUserId: null,
        actorRole: "sistem",
        action: record.action ?? `job.${job}`,
        ...(record.targetType ? { targetType: record.targetType } : {}),
        ...(record.targetId ? { targetId: record.targetId } : {}),
        details: { ...record.details, businessDate },
      });
    },
  };
}
