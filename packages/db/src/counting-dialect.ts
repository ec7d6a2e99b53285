import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from "kysely";

/** How many statements this process has sent to the database, BEGIN and COMMIT included. */
export interface StatementCounter {
  count: number;
}

/**
 * Wraps a dialect so every statement its connections run is counted —
 * transaction control too, which Kysely's query log does not see. The cost
 * is one increment per statement; tests and the benchmark read the count to
 * hold the round trips per request to what the design promises.
 */
export function countingDialect(dialect: Dialect, counter: StatementCounter): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => countingDriver(dialect.createDriver(), counter),
  };
}

function countingDriver(driver: Driver, counter: StatementCounter): Driver {
  const counted = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    let wrapped = counted.get(connection);
    if (!wrapped) {
      wrapped = {
        executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
          counter.count += 1;
          return connection.executeQuery<R>(query);
        },
        streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
          counter.count += 1;
          return connection.streamQuery<R>(query, chunkSize);
        },
      };
      counted.set(connection, wrapped);
    }
    return wrapped;
  };
  const inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
  return {
    init: () => driver.init(),
    destroy: () => driver.destroy(),
    async acquireConnection() {
      const connection = await driver.acquireConnection();
      const outer = wrap(connection);
      inner.set(outer, connection);
      return outer;
    },
    releaseConnection: (connection) => driver.releaseConnection(inner.get(connection) ?? connection),
    // Transaction control runs its statements through the connection it is
    // given, the counting one; only release needs the driver's own object.
    beginTransaction: (connection, settings: TransactionSettings) => driver.beginTransaction(connection, settings),
    commitTransaction: (connection) => driver.commitTransaction(connection),
    rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
    ...(driver.savepoint ? { savepoint: driver.savepoint.bind(driver) } : {}),
    ...(driver.rollbackToSavepoint ? { rollbackToSavepoint: driver.rollbackToSavepoint.bind(driver) } : {}),
    ...(driver.releaseSavepoint ? { releaseSavepoint: driver.releaseSavepoint.bind(driver) } : {}),
  };
}
