import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { migrate, type SqlRunner } from "./migrate";
import type { DB } from "./schema";
import { countingDialect, type StatementCounter } from "./counting-dialect";
import { SerialPGliteDialect, type SerialUse } from "./serial-pglite-dialect";

export const APP_ROLE = "koperasi_app";

export interface TenantContext {
  koperasiId: string;
  /** The login acting, if any; lets policies show a person her own rows. */
  userId?: string | undefined;
  /**
   * One read-only snapshot for the whole transaction (REPEATABLE READ), for
   * long reads such as `koperasi verify` that must not see postings commit
   * halfway through.
   */
  readOnlySnapshot?: boolean | undefined;
}

export interface Database {
  readonly kind: "pglite" | "postgres";
  /** Runs as the application role: row-level security applies to every query. */
  readonly db: Kysely<DB>;
  /** A transaction scoped to one cooperative: its rows only, for reads and writes. */
  tenant<T>(ctx: TenantContext, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  /** A transaction with no cooperative selected: tenant tables show nothing, except a person's own memberships. */
  platform<T>(fn: (trx: Transaction<DB>) => Promise<T>, ctx?: { userId?: string | undefined }): Promise<T>;
  /** Statements sent so far by this process (BEGIN and COMMIT included): round trips, for tests and the benchmark. */
  readonly statements: StatementCounter;
  /**
   * PGlite only: its data directory as a tar (PGlite's dumpDataDir), taken
   * while this process holds the one connection, so no transaction runs
   * during it and the copy is consistent.
   */
  readonly dumpDataDir?: () => Promise<Blob>;
  /** The connections this process holds now, for monitoring: how many at most, in use, idle, and callers waiting for one. */
  poolUse(): PoolUse;
  close(): Promise<void>;
}

export interface PoolUse {
  readonly max: number;
  readonly busy: number;
  readonly idle: number;
  readonly waiting: number;
}

export interface OpenOptions {
  /** postgres://… for PostgreSQL; otherwise PGlite under dataDir (or in memory). */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** An already-loaded PGlite instance (tests load a migrated template). */
  pglite?: PGlite | undefined;
  migrate?: boolean;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPGlite(options);
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  if (options.migrate !== false) {
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    try {
      await migrate(pgRunner(owner));
    } finally {
      await owner.end();
    }
  }
  // Every serving connection starts as the application role (a startup
  // parameter, so no request ever runs as the owner).
  const max = options.poolSize ?? 10;
  const pool = new pg.Pool({ connectionString: url, max, options: `-c role=${APP_ROLE}` });
  // An idle connection the server closes (restart, failover, admin) is an
  // 'error' event; unhandled it would crash the process. The pool replaces it.
  pool.on("error", () => {});
  const statements: StatementCounter = { count: 0 };
  const db = new Kysely<DB>({ dialect: countingDialect(new PostgresDialect({ pool }), statements) });
  const poolUse = (): PoolUse => ({ max, busy: pool.totalCount - pool.idleCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return wrap("postgres", db, statements, poolUse, async () => {
    await db.destroy();
  });
}

async function openPGlite(options: OpenOptions): Promise<Database> {
  let client = options.pglite;
  if (!client) {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    client = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  }
  const pglite = client;
  if (options.migrate !== false) {
    await migrate({
      exec: async (text) => {
        await pglite.exec(text);
      },
      query: async <R>(text: string, params?: unknown[]) => (await pglite.query<R>(text, params ?? [])).rows,
    });
  }
  // PGlite is always a superuser underneath: RLS holds because the one
  // connection switches to the application role here and nothing resets it.
  await pglite.exec(`SET ROLE ${APP_ROLE}`);
  const statements: StatementCounter = { count: 0 };
  const use: SerialUse = { busy: 0, waiting: 0 };
  const db = new Kysely<DB>({ dialect: countingDialect(new SerialPGliteDialect(pglite, use), statements) });
  const poolUse = (): PoolUse => ({ max: 1, busy: use.busy, idle: 1 - use.busy, waiting: use.waiting });
  const database = wrap("pglite", db, statements, poolUse, async () => {
    await db.destroy();
    await pglite.close();
  });
  return { ...database, dumpDataDir: () => db.connection().execute(() => pglite.dumpDataDir("none")) };
}

function wrap(kind: Database["kind"], db: Kysely<DB>, statements: StatementCounter, poolUse: () => PoolUse, close: () => Promise<void>): Database {
  return {
    kind,
    db,
    statements,
    poolUse,
    tenant: (ctx, fn) =>
      db.transaction().execute(async (trx) => {
        // Must be the transaction's first statement.
        if (ctx.readOnlySnapshot) await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(trx);
        await setContext(trx, ctx.koperasiId, ctx.userId);
        return fn(trx);
      }),
    platform: (fn, ctx) =>
      db.transaction().execute(async (trx) => {
        await setContext(trx, "", ctx?.userId);
        return fn(trx);
      }),
    close,
  };
}

async function setContext(trx: Transaction<DB>, koperasiId: string, userId: string | undefined): Promise<void> {
  // set_config(..., true) is transaction-local: it vanishes at COMMIT/ROLLBACK,
  // so a pooled connection never carries one request's tenant into the next.
  await sql`SELECT set_config('app.koperasi_id', ${koperasiId}, true), set_config('app.user_id', ${userId ?? ""}, true)`.execute(
    trx,
  );
}

export function pgRunner(client: pg.Client | pg.PoolClient): SqlRunner {
  return {
    exec: async (text) => {
      await client.query(text);
    },
    query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[],
  };
}
