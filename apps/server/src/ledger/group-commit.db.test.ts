import { sql, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "@koperasi/db";
import { testDatabaseKind } from "@koperasi/db/testing";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, type TestApp } from "../testing/harness";
import { GroupCommit } from "./group-commit";
import { postEntry } from "./post-entry";
import { expectBooksBalanced, ledgerKoperasi, memberBalance, memberWithAccount, type LedgerKoperasi } from "./test-support";

// Requests of one cooperative that arrive together share a transaction and
// its commit; each still succeeds or fails on its own, and voucher numbers
// stay gap-free.

let t: TestApp;
let k: LedgerKoperasi;
let accounts: string[];

beforeAll(async () => {
  t = await createTestApp();
  k = await ledgerKoperasi(t);
  accounts = [];
  for (let i = 0; i < 3; i++) accounts.push((await memberWithAccount(t, k, { balance: 0 })).memberAccountId);
});
afterAll(async () => {
  await t?.close();
});

/** A deposit into `memberAccountId`, run as a group-commit job (which selects its tenant itself, as the idempotency wrapper does). */
function deposit(memberAccountId: string, amount: number, then?: () => void) {
  return async (trx: Transaction<DB>) => {
    await sql`SELECT set_config('app.koperasi_id', ${k.koperasiId}, true)`.execute(trx);
    const posted = await postEntry(trx, {
      koperasiId: k.koperasiId,
      source: "deposit",
      businessDate: "2026-06-01",
      description: "Setoran uji",
      createdBy: null,
      lines: [
        { accountId: k.account("1-1100"), debit: amount },
        { accountId: k.account("2-1100"), memberAccountId, credit: amount },
      ],
      postedAt: new Date("2026-06-01T02:00:00.000Z"),
      newId: uuidv7,
    });
    then?.();
    return posted.voucherNo;
  };
}

async function depositVouchers(): Promise<string[]> {
  const rows = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
    trx.selectFrom("journal_entry").select("voucher_no").where("source", "=", "deposit").orderBy("voucher_no").execute(),
  );
  return rows.map((r) => r.voucher_no ?? "");
}

describe("group commit", () => {
  it("runs requests handed over together as one transaction; one that fails is undone alone, and the numbers close up behind it", async () => {
    const group = new GroupCommit(t.ctx.database);
    const failing = deposit(accounts[1] ?? "", 5_000, () => {
      throw new Error("the command failed after posting");
    });
    const results = await Promise.allSettled([
      group.run(k.koperasiId, deposit(accounts[0] ?? "", 1_000)),
      group.run(k.koperasiId, deposit(accounts[0] ?? "", 2_000)),
      group.run(k.koperasiId, failing),
      group.run(k.koperasiId, deposit(accounts[1] ?? "", 3_000)),
      group.run(k.koperasiId, deposit(accounts[2] ?? "", 4_000)),
    ]);
    expect(group.stats).toMatchObject({ groups: 1, largest: 5, alone: 0 });
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []))).toEqual([
      "BKM/2026/000001",
      "BKM/2026/000002",
      "BKM/2026/000003",
      "BKM/2026/000004",
    ]);
    expect(await depositVouchers()).toEqual(["BKM/2026/000001", "BKM/2026/000002", "BKM/2026/000003", "BKM/2026/000004"]);
    expect(await memberBalance(t, k.koperasiId, accounts[0] ?? "")).toBe(3_000);
    expect(await memberBalance(t, k.koperasiId, accounts[1] ?? "")).toBe(3_000);
    await expectBooksBalanced(t, k.koperasiId);
  });

  it("keeps forming groups while requests keep arriving, at most 16 at a time", async () => {
    const group = new GroupCommit(t.ctx.database);
    const before = (await depositVouchers()).length;
    await Promise.all(Array.from({ length: 40 }, (_, i) => group.run(k.koperasiId, deposit(accounts[i % 3] ?? "", 100))));
    expect(group.stats.groups).toBe(3);
    expect(group.stats.largest).toBe(16);
    expect(await depositVouchers()).toHaveLength(before + 40);
    await expectBooksBalanced(t, k.koperasiId);
  });

  it.skipIf(testDatabaseKind() !== "postgres")("lets a request that waits on a lock run alone, without holding up the others", async () => {
    const group = new GroupCommit(t.ctx.database);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // A teller's long transaction holds the first account.
    const holder = t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
      await trx.selectFrom("member_account").select("id").where("id", "=", accounts[0] ?? "").forUpdate().execute();
      locked();
      await released;
    });
    await isLocked;
    const blocked = group.run(k.koperasiId, deposit(accounts[0] ?? "", 10));
    const free = group.run(k.koperasiId, deposit(accounts[2] ?? "", 20));
    // The free one commits while the other still waits for the lock.
    await free;
    expect(group.stats.alone).toBe(1);
    release();
    await holder;
    await blocked;
    await expectBooksBalanced(t, k.koperasiId);
  });
});
