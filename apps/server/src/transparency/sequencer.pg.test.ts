import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openDatabase, type Database } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";
import { consistencyProof, openCheckpoint, rootFromLeafHashes, verifierKeyOf, verifyConsistency } from "@koperasi/tlog";
import { createTestApp, type TestApp } from "../testing/harness";
import { headers, ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "../ledger/test-support";
import { keyringOf, loadSignerKey } from "./keys";
import { LogNodeStore } from "./node-store";
import { createLogPublisher } from "./publisher";
import { sequenceKoperasi } from "./sequencer";

// PostgreSQL only: two server processes (two connection pools) sequencing
// one cooperative while transfers commit. The log must come out dense —
// positions 0..n-1, each once — with every checkpoint a true root of its
// prefix and consistent with the one before.

let t: TestApp;
let k: LedgerKoperasi;
let second: Database;

beforeAll(async () => {
  t = await createTestApp({ config: { cotenantWitnesses: 0 } });
  k = await ledgerKoperasi(t);
  if (!t.db.url) throw new Error("PostgreSQL test database without a URL");
  second = await openDatabase({ databaseUrl: t.db.url, migrate: false, poolSize: 4 });
});
afterAll(async () => {
  await second?.close();
  await t?.close();
});

function transfer(from: string, to: string, amount: number) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${k.koperasiId}/transfers`,
    headers: headers(k.bendahara, uuidv7()),
    payload: { fromMemberAccountId: from, toMemberAccountId: to, amount },
  });
}

describe("two sequencers at once", () => {
  it("skips a cooperative another process is sequencing, instead of waiting or numbering twice", async () => {
    await memberWithAccount(t, k, { balance: 10_000 });
    const keyring = keyringOf(t.ctx);
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = second.tenant({ koperasiId: k.koperasiId }, async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`log_sequencer/${k.koperasiId}`}, 0))`.execute(trx);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    expect(await sequenceKoperasi(t.ctx.database, keyring, k.koperasiId, new Date())).toBeNull();
    release();
    await holder;
    expect(await sequenceKoperasi(t.ctx.database, keyring, k.koperasiId, new Date())).toMatchObject({ previousSize: 0, treeSize: 1 });
  });

  it("keep the tree dense and every checkpoint consistent while transfers commit", async () => {
    const members: Awaited<ReturnType<typeof memberWithAccount>>[] = [];
    for (let i = 0; i < 6; i += 1) members.push(await memberWithAccount(t, k, { balance: 1_000_000 }));
    const keyring = keyringOf(t.ctx);
    // Small batches, so the two processes hand the tree back and forth often.
    const publishers = [t.ctx.database, second].map((database) => createLogPublisher({ database, keyring, now: () => new Date(), intervalMs: 0, batchSize: 3 }));
    const published: number[] = [];
    for (const publisher of publishers) publisher.onCheckpoint((c) => void published.push(c.treeSize));

    let posting = true;
    const sequencing = publishers.map(async (publisher) => {
      while (posting) {
        await publisher.publishNow();
        // Let the transfers have the pool between rounds.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    const statuses: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      const batch = await Promise.all(
        members.map((from, i) => transfer(from.memberAccountId, members[(i + 1 + (round % (members.length - 1))) % members.length]!.memberAccountId, 1_000 + round)),
      );
      statuses.push(...batch.map((r) => r.statusCode));
    }
    posting = false;
    await Promise.all(sequencing);
    // Drain what committed after the last rounds.
    for (;;) if ((await Promise.all(publishers.map((p) => p.publishNow()))).every((r) => r.length === 0)) break;
    expect(statuses.every((s) => s === 201)).toBe(true);

    const { leaves, checkpoints, nodes } = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => ({
      leaves: await trx.selectFrom("log_leaf").select(["seq", "leaf_hash"]).orderBy("seq").execute(),
      checkpoints: await trx.selectFrom("log_checkpoint").select(["tree_size", "signed_note"]).orderBy("tree_size").execute(),
      nodes: Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM log_node`.execute(trx)).rows[0]?.n),
    }));
    const n = leaves.length;
    expect(n).toBe(1 + 6 + 60);
    expect(leaves.map((l) => Number(l.seq))).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(nodes).toBe(2 * n - n.toString(2).replaceAll("0", "").length);

    const sizes = checkpoints.map((c) => Number(c.tree_size));
    expect(sizes.at(-1)).toBe(n);
    expect(new Set(published).size).toBe(published.length);
    const logKey = verifierKeyOf(await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => loadSignerKey(trx, keyring, k.koperasiId, "log")));
    const hashes = leaves.map((l) => new Uint8Array(l.leaf_hash));
    const roots = checkpoints.map((c) => {
      const { checkpoint } = openCheckpoint(c.signed_note, { log: logKey });
      expect(Buffer.from(checkpoint.rootHash).equals(Buffer.from(rootFromLeafHashes(hashes.slice(0, checkpoint.size))))).toBe(true);
      return checkpoint.rootHash;
    });
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
      const store = new LogNodeStore(trx, k.koperasiId);
      for (let i = 1; i < sizes.length; i += 1) {
        verifyConsistency(sizes[i - 1]!, sizes[i]!, await consistencyProof(store, sizes[i - 1]!, sizes[i]!), roots[i - 1]!, roots[i]!);
      }
    });
  });
});
