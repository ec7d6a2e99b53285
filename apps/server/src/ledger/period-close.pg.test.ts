import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, type TestApp } from "../testing/harness";
import { postAs } from "./books-test-support";
import { commandFor } from "../command/test-command";
import { closeMonth } from "./period-close";
import { postEntry, type PostedEntry } from "./post-entry";
import { journalCounts, ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "./test-support";

// PostgreSQL only: month close racing postings, on the real pool. A posting
// shares the month's advisory lock from its period check to its commit; the
// close takes it exclusively. So either the posting commits first (and the
// close waits for it), or the close wins and the posting, once let through,
// finds the month closed. Never a posting committed into a closed month.
// "Waits" is observed in pg_locks, not guessed from a sleep.

let t: TestApp;
let k: LedgerKoperasi;
const now = new Date("2026-03-16T03:00:00.000Z");
const base = () => `/api/v1/koperasi/${k.koperasiId}`;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

function inTenant<T>(fn: Parameters<typeof t.ctx.database.tenant<T>>[1]): Promise<T> {
  return t.ctx.database.tenant({ koperasiId: k.koperasiId }, fn);
}

function fee(businessDate: string, amount = 1_000) {
  return {
    koperasiId: k.koperasiId,
    source: "opening_balance" as const,
    businessDate,
    description: "Pendapatan administrasi",
    createdBy: null,
    lines: [
      { accountId: k.account("1-1100"), debit: amount },
      { accountId: k.account("4-1200"), credit: amount },
    ],
    postedAt: now,
    newId: uuidv7,
  };
}

/** Resolves once some transaction in this database waits for an advisory lock. */
async function someoneWaitsForAnAdvisoryLock(): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const [row] = await t.db.superuser.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    if ((row?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("nobody waited for an advisory lock within 30 s");
}

/** A promise with its resolve function, and whether it has settled. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

function settledFlag<T>(promise: Promise<T>): { settled: () => boolean } {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  return { settled: () => done };
}

describe("month close against postings in flight", () => {
  it("a posting that passed the check holds the close until it commits; the close then succeeds over it", async () => {
    const passed = gate();
    const release = gate();
    const posting = inTenant(async (trx) => {
      const entry = await postEntry(trx, fee("2026-02-10"));
      passed.open();
      await release.opened; // written, not yet committed, holding the month's shared lock
      return entry;
    });
    await passed.opened;
    const closing = postAs(t, k.bendahara, `${base()}/periods/2026-02/close`);
    const closeState = settledFlag(closing);
    await someoneWaitsForAnAdvisoryLock();
    expect(closeState.settled()).toBe(false);

    release.open();
    const entry = await posting;
    const res = await closing;
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.db.superuser.query<{ status: string }>(`SELECT status FROM journal_entry WHERE id = $1`, [entry.id]);
    expect(row?.status).toBe("posted");
  });

  it("a posting arriving while the close holds the month waits, then is refused: nothing posted", async () => {
    const closed = gate();
    const release = gate();
    const before = await journalCounts(t, k.koperasiId);
    const closing = inTenant(async (trx) => {
      await closeMonth(await commandFor(trx, { koperasiId: k.koperasiId, userId: k.bendahara.userId }, { now, today: "2026-03-16" }), "2025-12-01");
      closed.open();
      await release.opened;
    });
    await closed.opened;
    const posting = inTenant((trx) => postEntry(trx, fee("2025-12-31")));
    const postingState = settledFlag(posting);
    // And a manual journal dated in the month waits the same way (its pending entry shares the lock too).
    const journal = postAs(t, k.bendahara, `${base()}/journals`, {
      businessDate: "2025-12-15",
      description: "Dicatat saat tutup bulan",
      lines: [
        { accountId: k.account("5-2100"), debit: 5_000 },
        { accountId: k.account("1-1100"), credit: 5_000 },
      ],
    });
    await someoneWaitsForAnAdvisoryLock();
    expect(postingState.settled()).toBe(false);

    release.open();
    await closing;
    await expect(posting).rejects.toMatchObject({ code: "period_closed" });
    expect((await journal).json()).toMatchObject({ status: 422, code: "period_closed" });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("30 concurrent postings and a close: every posting in the closed month committed before the close did", async () => {
    // Transfers and direct postings dated in November 2025, with the close in the middle of them.
    const from = await memberWithAccount(t, k, { balance: 1_000_000 });
    const to = await memberWithAccount(t, k, { balance: 0 });
    const postings: Promise<PostedEntry | undefined>[] = [];
    const refused: unknown[] = [];
    const attempt = (n: number) =>
      inTenant((trx) =>
        postEntry(
          trx,
          n % 2 === 0
            ? fee("2025-11-15", 1_000 + n)
            : {
                ...fee("2025-11-20"),
                source: "transfer",
                lines: [
                  { accountId: k.account("2-1100"), memberAccountId: from.memberAccountId, debit: 1_000 + n },
                  { accountId: k.account("2-1100"), memberAccountId: to.memberAccountId, credit: 1_000 + n },
                ],
              },
        ),
      ).catch((error: unknown) => {
        refused.push(error);
        return undefined;
      });
    for (let n = 0; n < 15; n += 1) postings.push(attempt(n));
    // The close records, just before it commits, which transactions it could see as committed.
    const closing = inTenant(async (trx) => {
      await closeMonth(await commandFor(trx, { koperasiId: k.koperasiId, userId: k.bendahara.userId }, { now, today: "2026-03-16" }), "2025-11-01");
      const { rows } = await sql<{ snapshot: string }>`SELECT txid_current_snapshot()::text AS snapshot`.execute(trx);
      return rows[0]?.snapshot ?? "";
    });
    for (let n = 15; n < 30; n += 1) postings.push(attempt(n));
    const snapshot = await closing;
    const results = await Promise.all(postings);

    const committed = results.filter((r): r is PostedEntry => r !== undefined);
    expect(committed.length + refused.length).toBe(30);
    for (const error of refused) expect(error).toMatchObject({ code: "period_closed" });
    // The proof: every entry dated in November 2025 was written by a transaction
    // the close saw as committed. A posting that slipped past the check and
    // committed after the close would be in progress in that snapshot.
    const [late] = await t.db.superuser.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM journal_entry
       WHERE koperasi_id = $1 AND business_date BETWEEN '2025-11-01' AND '2025-11-30' AND status = 'posted'
         AND NOT txid_visible_in_snapshot(xmin::text::bigint, $2::txid_snapshot)`,
      [k.koperasiId, snapshot],
    );
    expect(late?.n).toBe(0);
    const [inMonth] = await t.db.superuser.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM journal_entry WHERE koperasi_id = $1 AND business_date BETWEEN '2025-11-01' AND '2025-11-30'`,
      [k.koperasiId],
    );
    expect(inMonth?.n).toBe(committed.length);
  });
});
