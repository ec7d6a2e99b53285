import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrate, MigrationMismatchError, readMigrations, type SqlRunner } from "./migrate";

let dir: string;
let client: PGlite;
let runner: SqlRunner;

beforeAll(async () => {
  client = await PGlite.create();
  runner = {
    exec: async (text) => {
      await client.exec(text);
    },
    query: async <R>(text: string, params?: unknown[]) => (await client.query<R>(text, params ?? [])).rows,
  };
});
afterAll(async () => {
  await client.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "migrations-"));
  await client.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, sql: string) => writeFileSync(join(dir, name), sql);

describe("migrate", () => {
  it("applies pending files in order, once", async () => {
    write("20260101000000_a.sql", "CREATE TABLE a (x int);");
    write("20260102000000_b.sql", "CREATE TABLE b (y int);");
    expect(await migrate(runner, readMigrations(dir))).toEqual(["20260101000000_a.sql", "20260102000000_b.sql"]);
    expect(await migrate(runner, readMigrations(dir))).toEqual([]);
    write("20260103000000_c.sql", "CREATE TABLE c (z int);");
    expect(await migrate(runner, readMigrations(dir))).toEqual(["20260103000000_c.sql"]);
  });

  it("refuses a database whose applied list is not a prefix of the files", async () => {
    write("20260101000000_a.sql", "CREATE TABLE a (x int);");
    write("20260103000000_c.sql", "CREATE TABLE c (z int);");
    await migrate(runner, readMigrations(dir));
    rmSync(join(dir, "20260103000000_c.sql"));
    write("20260102000000_b.sql", "CREATE TABLE b (y int);");
    write("20260103000000_c.sql", "CREATE TABLE c (z int);");
    await expect(migrate(runner, readMigrations(dir))).rejects.toBeInstanceOf(MigrationMismatchError);
  });

  it("refuses a migration edited after it was applied", async () => {
    write("20260101000000_a.sql", "CREATE TABLE a (x int);");
    await migrate(runner, readMigrations(dir));
    write("20260101000000_a.sql", "CREATE TABLE a (x bigint);");
    await expect(migrate(runner, readMigrations(dir))).rejects.toThrow(/telah diubah/);
  });

  it("rolls back a failing migration and records nothing of it", async () => {
    write("20260101000000_a.sql", "CREATE TABLE a (x int); INSERT INTO nope VALUES (1);");
    await expect(migrate(runner, readMigrations(dir))).rejects.toThrow(/20260101000000_a.sql gagal/);
    expect(await runner.query("SELECT name FROM schema_migrations")).toEqual([]);
    expect(await runner.query("SELECT to_regclass('a') AS t")).toEqual([{ t: null }]);
  });

  it("refuses a file name without the timestamp prefix", () => {
    write("a.sql", "SELECT 1;");
    expect(() => readMigrations(dir)).toThrow(/Nama migrasi tidak sah/);
  });
});
