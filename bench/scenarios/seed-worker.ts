import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, type Database } from "@koperasi/db";
import { migratedPGliteTemplate } from "@koperasi/db/testing";
import { emitResult } from "../lib/processes";
import { seedCooperative } from "./seed";

// Seeds one cooperative in its own process (its peak RSS is the seeding's),
// on PostgreSQL (SEED_DATABASE_URL, migrated here) or in a new PGlite data
// directory under SEED_DATA_DIR (started from the migrated template), and
// emits what the scenarios need: ids, logins, timings.

const dataDir = process.env.SEED_DATA_DIR;
if (!dataDir) throw new Error("SEED_DATA_DIR is required");
const databaseUrl = process.env.SEED_DATABASE_URL || undefined;

let database: Database;
if (databaseUrl) {
  database = await openDatabase({ databaseUrl });
} else {
  const client = await PGlite.create({ dataDir: join(dataDir, "pglite"), loadDataDir: await migratedPGliteTemplate() });
  database = await openDatabase({ pglite: client });
}
try {
  const seeded = await seedCooperative(database, dataDir, {
    members: Number(process.env.SEED_MEMBERS),
    transfersPerMember: Number(process.env.SEED_TRANSFERS_PER_MEMBER ?? 2),
    logins: Number(process.env.SEED_LOGINS ?? 10),
    seed: Number(process.env.SEED ?? 1),
  });
  emitResult(seeded);
} finally {
  await database.close();
}
