import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { periodStartOf, type BusinessDate } from "@koperasi/domain";
import { ledgerError } from "./errors";

/**
 * The lock that keeps postings and month close apart: an advisory lock per
 * (cooperative, month), held until the transaction ends. A posting takes it
 * SHARED before it checks the period, so postings never wait for each other;
 * closing a month takes it EXCLUSIVE, so the close waits for every posting
 * that already passed the check to commit, and a posting arriving during the
 * close waits for the close and then finds the month closed. Never a posting
 * committed into a closed month. The one-bigint key form keeps these locks
 * apart from the two-key locks (idempotency) in PostgreSQL's lock space.
 */
export async function lockPeriodShared(trx: Transaction<DB>, koperasiId: string, businessDate: BusinessDate): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(ledger_period_lock_key(${koperasiId}::uuid, ${businessDate}::date))`.execute(trx);
}

/** Taken by month close (and reopen): waits for postings dated in the month to finish. */
export async function lockPeriodExclusive(trx: Transaction<DB>, koperasiId: string, businessDate: BusinessDate): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(ledger_period_lock_key(${koperasiId}::uuid, ${businessDate}::date))`.execute(trx);
}

// The key is hashtextextended('period/<cooperative>/<first day of month>', 0),
// computed by ledger_period_lock_key() in the database, which the posting
// function ledger_post_entry() also calls: one definition, so month close and
// posting always meet on the same lock.

/**
 * Refuses a posting dated in a closed month. Call it after lockPeriodShared
 * (postEntry does both through lockOpenPeriod).
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

/**
 * What a posting does about its period: share the month's lock (held to
 * commit), then refuse if the month is closed. Whatever form the posting path
 * takes, it must keep both steps in this order.
 */
export async function lockOpenPeriod(trx: Transaction<DB>, koperasiId: string, businessDate: BusinessDate, path = "businessDate"): Promise<void> {
  await lockPeriodShared(trx, koperasiId, businessDate);
  await assertPeriodOpen(trx, koperasiId, businessDate, path);
}
