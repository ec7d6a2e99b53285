import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { AppError } from "../errors/app-error";

/**
 * A refusal whose own record must outlive the undone command: a wrong PIN
 * counted, a stale quote's replacement. The pipeline rolls the command's
 * writes back, then writes `record` in the same transaction before it
 * commits (in a money route, or one that declares `gate.pin`).
 */
export class RefusalWithRecord extends AppError {
  constructor(
    refusal: AppError,
    readonly record: (trx: Transaction<DB>) => Promise<void>,
    readonly retryAfterSeconds?: number,
  ) {
    super(refusal.status, refusal.code, refusal.messageId, refusal.messageEn, refusal.errors, refusal.extensions);
  }
}
