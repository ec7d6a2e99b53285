import type { Database } from "@koperasi/db";
import type { FileStorage } from "../files/storage";

/** What a cleanup job works with: the whole deployment, not one cooperative. */
export interface CleanupContext {
  readonly database: Database;
  readonly files: FileStorage;
  readonly now: Date;
  /** Hours an idempotency record is kept (IDEMPOTENCY_RETENTION_HOURS, at least 24). */
  readonly idempotencyRetentionHours: number;
}

/**
 * One cleanup job. It removes only what nobody can need any more, and a
 * second run (or a second server running it at the same time) finds nothing
 * left to do: every step may be repeated.
 */
export interface CleanupJob {
  /** Stable name: the metric's label and `koperasi cleanup --job <name>`. */
  readonly name: string;
  readonly label: { readonly id: string; readonly en: string };
  /** Removes what is due; returns how many records (or files) went. */
  run(ctx: CleanupContext): Promise<number>;
}

/** Rows removed per statement: a large backlog goes in bounded steps, never one long lock. */
export const CLEANUP_BATCH = 1000;

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
