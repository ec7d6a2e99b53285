import { sql, type Transaction } from "kysely";
import type { Database, DB } from "@koperasi/db";

// Group commit for money-moving requests of one cooperative.
//
// A posting holds its voucher counter's row lock from the draw until its
// COMMIT has been flushed to disk, so one cooperative's postings of one kind
// run strictly one after another, each paying a WAL flush (docs/adr/
// 0002-ledger.md, "One round trip"). Requests of one cooperative that arrive
// while a transaction of theirs is running therefore wait here and then run
// together: one transaction, each in its own savepoint, one flush for all.
// Each keeps its own outcome: one that fails is rolled back to its savepoint
// and fails alone, the others commit; none is answered before the COMMIT.
//
// A request that would wait on a lock (a member account a teller's long
// transaction holds, a month being closed) must not hold up the group, and a
// member of a group holding the voucher counter must not wait on anyone: the
// group runs with a short lock_timeout, and a request that hits it — or a
// deadlock, or a group whose COMMIT fails — runs again on its own, in its own
// transaction, without the timeout. Running a request again is safe: nothing
// of it was kept or answered, and the idempotency record it claims first
// makes a request that did commit replay its stored response.
//
// One group at a time per cooperative and process; groups are at most
// MAX_GROUP requests (each uses two subtransactions, and more than 64 in one
// transaction would overflow PostgreSQL's per-backend subtransaction cache).

export const MAX_GROUP = 16;
const LOCK_TIMEOUT = "250ms";
const RUN_ALONE_CODES = new Set(["55P03", "40P01", "40001"]); // lock_not_available, deadlock_detected, serialization_failure

interface Job {
  run: (trx: Transaction<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitStats {
  groups: number;
  largest: number;
  /** Requests that ran again on their own (lock wait, deadlock, failed commit). */
  alone: number;
}

export class GroupCommit {
  readonly #database: Database;
  readonly #queues = new Map<string, Job[]>();
  readonly #running = new Set<string>();
  readonly stats: GroupCommitStats = { groups: 0, largest: 0, alone: 0 };

  constructor(database: Database) {
    this.#database = database;
  }

  /**
   * Runs `fn` in a transaction shared with other requests of the cooperative
   * that arrive meanwhile. `fn` must select its tenant context itself (the
   * idempotency wrapper's first call does) and leave the transaction usable
   * when it fails (it runs inside a savepoint).
   */
  run<T>(koperasiId: string, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const queue = this.#queues.get(koperasiId) ?? [];
      queue.push({ run: fn, resolve: resolve as (value: unknown) => void, reject });
      this.#queues.set(koperasiId, queue);
      // A microtask later, so requests handed over in the same tick form one group.
      if (!this.#running.has(koperasiId)) {
        this.#running.add(koperasiId);
        queueMicrotask(() => void this.#drain(koperasiId));
      }
    });
  }

  async #drain(koperasiId: string): Promise<void> {
    try {
      for (;;) {
        const queue = this.#queues.get(koperasiId) ?? [];
        if (queue.length === 0) break;
        await this.#runGroup(queue.splice(0, MAX_GROUP));
      }
    } finally {
      this.#queues.delete(koperasiId);
      this.#running.delete(koperasiId);
    }
  }

  async #runGroup(group: Job[]): Promise<void> {
    this.stats.groups += 1;
    this.stats.largest = Math.max(this.stats.largest, group.length);
    const settled: (() => void)[] = [];
    const alone: Job[] = [];
    try {
      await this.#database.db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('lock_timeout', ${LOCK_TIMEOUT}, true)`.execute(trx);
        for (const job of group) {
          await sql`SAVEPOINT group_commit_job`.execute(trx);
          try {
            // Not released (COMMIT keeps it); the next job's savepoint of the same name is the one a rollback finds.
            const value = await job.run(trx);
            settled.push(() => job.resolve(value));
          } catch (error) {
            await sql`ROLLBACK TO SAVEPOINT group_commit_job`.execute(trx);
            if (RUN_ALONE_CODES.has(codeOf(error))) alone.push(job);
            else settled.push(() => job.reject(error));
          }
        }
      });
    } catch {
      // The COMMIT (or the connection) failed: nothing of the group is kept.
      settled.length = 0;
      alone.length = 0;
      alone.push(...group);
    }
    for (const settle of settled) settle();
    // Not awaited: a request waiting on a lock must not hold up the next group.
    for (const job of alone) void this.#runAlone(job);
  }

  async #runAlone(job: Job): Promise<void> {
    this.stats.alone += 1;
    try {
      job.resolve(await this.#database.db.transaction().execute((trx) => job.run(trx)));
    } catch (error) {
      job.reject(error);
    }
  }
}

function codeOf(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : "";
}

const byDatabase = new WeakMap<Database, GroupCommit>();

/** The process's group commit for a database. */
export function groupCommitFor(database: Database): GroupCommit {
  let group = byDatabase.get(database);
  if (!group) {
    group = new GroupCommit(database);
    byDatabase.set(database, group);
  }
  return group;
}
