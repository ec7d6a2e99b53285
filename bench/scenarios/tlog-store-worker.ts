import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, type Database } from "@koperasi/db";
import { migratedPGliteTemplate } from "@koperasi/db/testing";
import { appendLeaves, inclusionProof, leafHash, type CompactRange } from "@koperasi/tlog";
import { loadConfig } from "../../apps/server/src/config";
import { createContext } from "../../apps/server/src/server";
import { createKoperasi, createUser } from "../../apps/server/src/testing/harness";
import { LogNodeStore } from "../../apps/server/src/transparency/node-store";
import { emitResult } from "../lib/processes";
import { prng } from "../lib/prng";

// The log through the server's database node store (log_node): appending
// leaves in batches the way the sequencer does (one tenant transaction per
// batch, nodes written with it), then inclusion proofs, each in its own
// tenant transaction as the public proof route reads them. Leaf hashes are
// made up: the sequencer's own cost of reading log_leaf is the posting
// benchmark's business. STORE_DATABASE_URL (PostgreSQL) or PGlite in
// memory; STORE_LEAVES, STORE_SECONDS.

const LEAVES = Number(process.env.STORE_LEAVES ?? 100_000);
const SECONDS = Number(process.env.STORE_SECONDS ?? 5);
const BATCH = 256;

let database: Database;
if (process.env.STORE_DATABASE_URL) {
  database = await openDatabase({ databaseUrl: process.env.STORE_DATABASE_URL });
} else {
  database = await openDatabase({ pglite: await PGlite.create({ loadDataDir: await migratedPGliteTemplate() }), migrate: false });
}
const dataDir = mkdtempSync(join(tmpdir(), "koperasi-bench-store-"));
try {
  const ctx = await createContext({ ...loadConfig({ DATA_DIR: dataDir, WEB_DIST: join(dataDir, "no-web") }), logLevel: "silent" }, { database });
  const { userId } = await createUser(ctx, { name: "Penguji Log" });
  const { koperasiId } = await createKoperasi(ctx, userId);

  const hashes = Array.from({ length: LEAVES }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));
  let range: CompactRange | undefined;
  let size = 0;
  const appendStarted = performance.now();
  for (let from = 0; from < LEAVES; from += BATCH) {
    const batch = hashes.slice(from, from + BATCH);
    const result = await database.tenant({ koperasiId }, async (trx) => {
      const store = new LogNodeStore(trx, koperasiId);
      // The first batch reads the tree from the store; later ones reuse the compact range, as the sequencer does.
      const appended = await appendLeaves(range ?? store, size, batch);
      await store.putNodes(appended.nodes);
      return appended;
    });
    range = result.range;
    size = result.size;
  }
  const appendsPerSecond = LEAVES / ((performance.now() - appendStarted) / 1000);

  const random = prng(42);
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  let proofs = 0;
  let nodesRead = 0;
  while (proofs < 1_000_000 && performance.now() < deadline) {
    await database.tenant({ koperasiId }, async (trx) => {
      const store = new LogNodeStore(trx, koperasiId);
      await inclusionProof(store, Math.floor(random() * size), size);
      nodesRead += store.nodesRead;
    });
    proofs += 1;
  }
  const proofsPerSecond = proofs / ((performance.now() - started) / 1000);
  emitResult({ leaves: size, appendsPerSecond, proofsPerSecond, nodesPerProof: nodesRead / proofs });
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
