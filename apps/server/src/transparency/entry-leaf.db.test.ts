import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { postEntry } from "../ledger/post-entry";
import { createTestApp, type TestApp } from "../testing/harness";
import { loadJournalEntries, recomputeLeaf, summaryOfEntry } from "./entry-leaf";
import { bookedKoperasi, type BookedKoperasi } from "./verify-test-support";

// The verifier's leaf recomputation must follow whatever the posting path
// commits to: on freshly posted entries of every kind it reproduces the
// stored leaf byte for byte.

let t: TestApp;
let k: BookedKoperasi;

beforeAll(async () => {
  t = await createTestApp();
  k = await bookedKoperasi(t);
});
afterAll(async () => {
  await t?.close();
});

describe("a leaf recomputed from the journal", () => {
  it("equals the stored leaf of every posted entry: opening balances, transfers, a manual journal, a reversal, sequenced or not", async () => {
    const { leaves, entries } = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
      const leaves = await trx.selectFrom("log_leaf").select(["entry_id", "salt", "leaf_data", "leaf_hash", "seq"]).where("koperasi_id", "=", k.koperasiId).execute();
      return { leaves, entries: await loadJournalEntries(trx, k.koperasiId, leaves.map((leaf) => leaf.entry_id)) };
    });
    expect(leaves).toHaveLength(8);
    expect(leaves.filter((leaf) => leaf.seq === null)).toHaveLength(1);
    for (const leaf of leaves) {
      const entry = entries.get(leaf.entry_id);
      if (!entry) throw new Error(`no entry ${leaf.entry_id}`);
      const recomputed = recomputeLeaf(k.koperasiId, entry, leaf.salt);
      expect(Buffer.from(recomputed.data).equals(leaf.leaf_data), entry.voucherNo ?? "").toBe(true);
      expect(Buffer.from(recomputed.hash).equals(leaf.leaf_hash)).toBe(true);
    }
  });

  it("rebuilds the very summary postEntry commits to", async () => {
    const posted = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      postEntry(trx, {
        koperasiId: k.koperasiId,
        source: "transfer",
        businessDate: "2026-04-02",
        description: "Uji ringkasan",
        createdBy: k.bendahara.userId,
        lines: [
          { accountId: k.account("2-1100"), memberAccountId: k.a.memberAccountId, debit: 7_000 },
          { accountId: k.account("2-1100"), memberAccountId: k.b.memberAccountId, credit: 7_000 },
        ],
        postedAt: new Date("2026-04-02T01:02:03.456Z"),
        newId: uuidv7,
      }),
    );
    const entry = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => loadJournalEntries(trx, k.koperasiId, [posted.id]));
    const record = entry.get(posted.id);
    if (!record) throw new Error("entry not found");
    expect(summaryOfEntry(k.koperasiId, record)).toEqual(posted.summary);
  });
});
