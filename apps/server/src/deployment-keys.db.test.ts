import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@koperasi/db";
import { createTestDatabase, migratedPGliteTemplate, testDatabaseKind, type TestDatabase } from "@koperasi/db/testing";
import { loadConfig } from "./config";
import { DeploymentKeyMismatch } from "./deployment-keys";
import { createContext } from "./server";
import { koperasiCli } from "./testing/cli";

// A server and the `koperasi` command on one database with one set of
// secrets work together; a command started with other secrets refuses
// before it does anything, and says which key differs.

let dataDir: string;
let env: Record<string, string>;
let pg: TestDatabase | undefined;
let database: Database;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "koperasi-keys-"));
  if (testDatabaseKind() === "postgres") {
    pg = await createTestDatabase();
    database = pg.database;
    env = { DATABASE_URL: pg.url ?? "", DATA_DIR: dataDir };
  } else {
    const client = await PGlite.create({ dataDir: join(dataDir, "pglite"), loadDataDir: await migratedPGliteTemplate() });
    database = await openDatabase({ pglite: client, migrate: false });
    env = { DATA_DIR: dataDir };
  }
  // The first process records the deployment's keys (generated into dataDir here).
  const ctx = await createContext({ ...loadConfig({ DATA_DIR: dataDir }), logLevel: "silent" }, { database });
  const recorded = await database.platform((trx) => trx.selectFrom("deployment_key").select(["purpose", "key_id"]).orderBy("purpose").execute());
  expect(recorded.map((r) => r.purpose)).toEqual(["log_seal", "member_data", "token_pepper"]);
  expect(recorded.find((r) => r.purpose === "member_data")?.key_id).toBe(ctx.secrets.memberDataKeys.current.id);
  if (!pg) await database.close();
}, 120_000);

afterAll(async () => {
  if (pg) await pg.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("one set of secrets for the server and the koperasi command", () => {
  it("a command with the deployment's secrets runs", async () => {
    const run = await koperasiCli(env, ["migrate"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("a command with another TOKEN_PEPPER refuses, naming it, and records nothing", async () => {
    const run = await koperasiCli({ ...env, TOKEN_PEPPER: "pepper-lain-yang-tidak-dikenal" }, ["migrate"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/tidak cocok dengan deployment/);
    expect(run.stderr).toMatch(/TOKEN_PEPPER berbeda/);
    expect(run.stderr).toMatch(/LOG_SEAL_KEY/);
    expect(run.stdout).not.toMatch(/Migrasi selesai/);
  });

  it("a command with member-data keys the deployment does not know refuses", async () => {
    const run = await koperasiCli({ ...env, MEMBER_DATA_KEY: `asing:${Buffer.alloc(32, 7).toString("base64")}` }, ["migrate"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/MEMBER_DATA_KEY: tidak satu pun kunci dikenal/);
  });

  it.runIf(testDatabaseKind() === "postgres")("on PostgreSQL, a command with its own DATA_DIR (so its own generated secrets) refuses", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "koperasi-keys-other-"));
    try {
      const run = await koperasiCli({ ...env, DATA_DIR: elsewhere }, ["migrate"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/TOKEN_PEPPER berbeda/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it.runIf(testDatabaseKind() === "postgres")("in process, createContext refuses other secrets with DeploymentKeyMismatch", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "koperasi-keys-other-"));
    try {
      await expect(createContext({ ...loadConfig({ DATA_DIR: elsewhere }), logLevel: "silent" }, { database })).rejects.toBeInstanceOf(DeploymentKeyMismatch);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
