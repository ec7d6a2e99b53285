export { openDatabase, APP_ROLE, type Database, type OpenOptions, type PoolUse, type TenantContext } from "./open-database";
export type { StatementCounter } from "./counting-dialect";
export { migrate, readMigrations, schemaFingerprint, MigrationMismatchError, type SqlRunner } from "./migrate";
export type * from "./schema";
export type * from "./membership-schema";
export type * from "./savings-schema";
export type * from "./jobs-schema";
export type * from "./savings-jobs-schema";
export type * from "./monitoring-schema";
