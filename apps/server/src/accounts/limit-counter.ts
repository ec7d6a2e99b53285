import { createHmac } from "node:crypto";
import type { FastifyRateLimitStore } from "@fastify/rate-limit";
import type { RouteOptions } from "fastify";
import { sql } from "kysely";
import type { Database } from "@koperasi/db";

// Counters in the database, so every server process behind a load balancer
// shares one budget per key (an in-memory count would give each process its
// own). Keys are HMACs under the server's pepper: the table holds no client
// address, e-mail or phone number, and a huge key costs no more than a short one.

export interface LimitCounter {
  /** Counts one hit for the key in a fixed window of windowMs; returns the hits so far and the time left in the window. */
  hit(key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }>;
  /** The hits so far in the key's current window (0 when none), without counting one. */
  peek(key: string): Promise<{ hits: number; ttlMs: number }>;
  /**
   * Counts one hit in every window only when each has room (all or none,
   * under row locks, so parallel takers cannot overdraw); otherwise counts
   * nothing and returns how long until every full window has room again.
   */
  take(windows: readonly { key: string; windowMs: number; max: number }[]): Promise<{ taken: boolean; waitMs: number }>;
}

/** Expired windows are removed now and then by the process that happens to count, not by a job. */
const SWEEP_EVERY = 500;

export function limitKey(pepper: string, key: string): string {
  return createHmac("sha256", pepper).update(`limit:${key}`).digest("base64url");
}

export function createLimitCounter(database: Database, pepper: string, now: () => Date): LimitCounter {
  let sinceSweep = 0;
  async function sweep(at: Date): Promise<void> {
    sinceSweep += 1;
    if (sinceSweep < SWEEP_EVERY) return;
    sinceSweep = 0;
    await database.platform((trx) => trx.deleteFrom("request_limit").where("window_ends_at", "<", at).execute());
  }
  return {
    async hit(key, windowMs) {
      const at = now();
      const fresh = new Date(at.getTime() + windowMs);
      // One statement: two processes counting the same key at once both count.
      const row = await database.platform((trx) =>
        trx
          .insertInto("request_limit")
          .values({ key: limitKey(pepper, key), hits: 1, window_ends_at: fresh })
          .onConflict((oc) =>
            oc.column("key").doUpdateSet({
              hits: sql<number>`CASE WHEN request_limit.window_ends_at <= ${at} THEN 1 ELSE request_limit.hits + 1 END`,
              window_ends_at: sql<Date>`CASE WHEN request_limit.window_ends_at <= ${at} THEN excluded.window_ends_at ELSE request_limit.window_ends_at END`,
            }),
          )
          .returning(["hits", "window_ends_at"])
          .executeTakeFirstOrThrow(),
      );
      await sweep(at);
      return { hits: row.hits, ttlMs: Math.max(0, new Date(row.window_ends_at).getTime() - at.getTime()) };
    },
    async take(windows) {
      const at = now();
      const keyed = windows.map((w) => ({ ...w, hashed: limitKey(pepper, w.key) })).sort((a, b) => a.hashed.localeCompare(b.hashed));
      return database.platform(async (trx) => {
        await trx
          .insertInto("request_limit")
          .values(keyed.map((w) => ({ key: w.hashed, hits: 1, window_ends_at: at })))
          .onConflict((oc) => oc.column("key").doNothing())
          .execute();
        const rows = await trx
          .selectFrom("request_limit")
          .selectAll()
          .where("key", "in", keyed.map((w) => w.hashed))
          .orderBy("key")
          .forUpdate()
          .execute();
        let waitMs = 0;
        for (const w of keyed) {
          const row = rows.find((r) => r.key === w.hashed);
          const live = row !== undefined && new Date(row.window_ends_at).getTime() > at.getTime();
          if (live && row.hits >= w.max) waitMs = Math.max(waitMs, new Date(row.window_ends_at).getTime() - at.getTime());
        }
        if (waitMs > 0) return { taken: false, waitMs };
        for (const w of keyed) {
          const row = rows.find((r) => r.key === w.hashed);
          const live = row !== undefined && new Date(row.window_ends_at).getTime() > at.getTime();
          await trx
            .updateTable("request_limit")
            .set(live ? { hits: row.hits + 1 } : { hits: 1, window_ends_at: new Date(at.getTime() + w.windowMs) })
            .where("key", "=", w.hashed)
            .execute();
        }
        return { taken: true, waitMs: 0 };
      });
    },
    async peek(key) {
      const at = now();
      const row = await database.db
        .selectFrom("request_limit")
        .select(["hits", "window_ends_at"])
        .where("key", "=", limitKey(pepper, key))
        .where("window_ends_at", ">", at)
        .executeTakeFirst();
      return row ? { hits: row.hits, ttlMs: new Date(row.window_ends_at).getTime() - at.getTime() } : { hits: 0, ttlMs: 0 };
    },
  };
}

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit over the counter. Each route's limit gets
 * its own namespace (method and URL pattern), so a key generator that uses
 * only the client address does not share one budget across routes.
 */
export function rateLimitStore(counter: LimitCounter) {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly namespace: string;

    /** The plugin constructs the root store with its options; children get their route's namespace. */
    constructor(namespace?: unknown) {
      this.namespace = typeof namespace === "string" ? namespace : "global";
    }

    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      counter.hit(`${this.namespace}|${key}`, timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: IncrCallback): void {
      counter.peek(`${this.namespace}|${key}`).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: Error) => callback(error),
      );
    }

    child(options: RouteOptions & { path: string; prefix: string }): FastifyRateLimitStore {
      // At run time the plugin passes its merged limit options with the route
      // under routeInfo; its typings promise the route itself. Read either.
      const route = (options as { routeInfo?: Partial<RouteOptions> }).routeInfo ?? options;
      const method = [route.method ?? ""].flat().join(",");
      return new DatabaseRateLimitStore(`${method} ${route.url ?? ""}`);
    }
  }
  return DatabaseRateLimitStore;
}
