import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/** The one thing the limits need from a database: run a statement with parameters. */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

export function pgSql(client: pg.Pool | pg.Client | pg.PoolClient): Sql {
  return { query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[] };
}

export function pgliteSql(client: PGlite): Sql {
  return { query: async <R>(text: string, params?: unknown[]) => (await client.query<R>(text, params ?? [])).rows };
}
