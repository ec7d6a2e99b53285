import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { periodStartOf, type BusinessDate } from "@koperasi/domain";
import { ledgerError } from "./errors";

/**
 * Refuses a posting dated in a closed month. Month close (a later step) must
 * also keep a posting that passed this check from committing into the month
 * it is closing: it will take a lock that postings share (see the ADR).
 */
export async function assertPeriodOpen(trx: Transaction<DB>, koperasiId: string, businessDate: BusinessDate, path = "businessDate"): Promise<void> {
  const closed = await trx
    .selectFrom("closed_period")
    .select("period_start")
    .where("koperasi_id", "=", koperasiId)
    .where("period_start", "=", periodStartOf(businessDate))
    .executeTakeFirst();
  if (closed) throw ledgerError("period_closed", path);
}
