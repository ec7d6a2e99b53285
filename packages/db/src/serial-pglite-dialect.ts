import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";
import type { PGlite } from "@electric-sql/pglite";

/**
 * Kysely over PGlite. PGlite is ONE connection, while Kysely asks for a
 * connection per query and keeps it for a whole transaction; handing the one
 * connection to two callers at once would interleave their statements (and
 * their SET LOCALs) inside one transaction. So the driver lends it to one
 * caller at a time, like a pool of size one.
 */
export class SerialPGliteDialect implements Dialect {
  constructor(
    private readonly client: PGlite,
    private readonly use: SerialUse = { busy: 0, waiting: 0 },
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new SerialPGliteDriver(this.client, this.use);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

/** The one connection's use: whether a caller holds it, and how many wait their turn. */
export interface SerialUse {
  busy: number;
  waiting: number;
}

class SerialPGliteDriver implements Driver {
  #queue: Promise<void> = Promise.resolve();
  readonly #connection: PGliteConnection;
  #release: (() => void) | undefined;

  constructor(
    client: PGlite,
    private readonly use: SerialUse,
  ) {
    this.#connection = new PGliteConnection(client);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#queue;
    this.#queue = previous.then(() => turn);
    this.use.waiting += 1;
    try {
      await previous;
    } finally {
      this.use.waiting -= 1;
    }
    this.use.busy = 1;
    this.#release = release;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    this.use.busy = 0;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("BEGIN"));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("COMMIT"));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("ROLLBACK"));
  }
  async destroy(): Promise<void> {
    // The PGlite instance belongs to whoever opened it (open-database.ts).
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly client: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(query.sql, [...query.parameters]);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite tidak mendukung streaming kueri.");
  }
}
