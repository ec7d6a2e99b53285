import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { pendingJournal } from "../ledger/books-test-support";
import { openMemberAccount } from "../ledger/member-accounts";
import { postEntry } from "../ledger/post-entry";
import { seedChartOfAccounts } from "../ledger/chart";
import { ledgerKoperasi, memberWithAccount, type LedgerKoperasi, type Person } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

const METRICS_TOKEN = "uji-metrik-0123456789abcdef";

let t: TestApp;
let k: LedgerKoperasi;
let anggota: Person;
let kasir: Person;
let pengawas: Person;

const homeOf = async (person: Person) => {
  const res = await t.app.inject({ url: `/api/v1/koperasi/${person.koperasiId}/home`, headers: { cookie: person.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp({ config: { metricsToken: METRICS_TOKEN } });
  k = await ledgerKoperasi(t);
  anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k.koperasiId });
  // Her sukarela (250.000) and pokok (100.000); another member's sukarela (400.000).
  const hers = await memberWithAccount(t, k, { balance: 250_000, userId: anggota.userId });
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
    const pokok = uuidv7();
    await openMemberAccount(trx, { koperasiId: k.koperasiId, id: pokok, memberId: hers.memberId, controlAccountId: k.account("3-1100"), now: t.ctx.now() });
    await postEntry(trx, {
      koperasiId: k.koperasiId,
      source: "deposit",
      businessDate: "2026-01-05",
      description: "Setoran simpanan pokok",
      createdBy: kasir.userId,
      lines: [
        { accountId: k.account("1-1100"), debit: 100_000 },
        { accountId: k.account("3-1100"), memberAccountId: pokok, credit: 100_000 },
      ],
      postedAt: t.ctx.now(),
      newId: uuidv7,
    });
  });
  await memberWithAccount(t, k, { balance: 400_000 });
  await pendingJournal(t, k, "2026-01-06", "Biaya rapat menunggu persetujuan", [
    { code: "5-2200", debit: 50_000 },
    { code: "1-1100", credit: 50_000 },
  ]);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("GET /koperasi/:id/home", () => {
  it("shows a member her total savings and each account, and nothing of the cooperative's books", async () => {
    const home = await homeOf(anggota);
    expect(home.mine.total).toBe(350_000);
    expect(home.mine.accounts.map((a: { code: string; balance: number }) => [a.code, a.balance])).toEqual([
      ["2-1100", 250_000],
      ["3-1100", 100_000],
    ]);
    expect(Object.keys(home).sort()).toEqual(["asOf", "mine"]);
  });

  it("shows the ketua the cash position, savings, loans, the twelve months and what waits for approval", async () => {
    const home = await homeOf(k.ketua);
    expect(home.mine).toBeUndefined();
    expect(home.setup).toBeUndefined();
    expect(home.cash.balance).toBe(750_000);
    expect(home.cash.accounts.map((a: { code: string }) => a.code)).toEqual(["1-1100", "1-1200"]);
    expect(home.books).toMatchObject({ savings: 750_000, loansOutstanding: 0 });
    expect(home.books.months).toHaveLength(12);
    expect(home.books.months.at(-1)).toMatchObject({ month: home.asOf.slice(0, 7), savings: 750_000, loans: 0 });
    const cashIn = home.books.months.reduce((sum: number, m: { cashIn: number }) => sum + m.cashIn, 0);
    // Every deposit of this cooperative falls within the last twelve months of its business date (or before them).
    expect(cashIn).toBeLessThanOrEqual(750_000);
    expect(home.waiting).toEqual({ pendingJournals: 1, applications: 0 });
    expect(home.recent.map((e: { amount: number }) => e.amount).sort()).toEqual([100_000, 250_000, 400_000]);
  });

  it("shows the kasir the cash and the last transactions, not the books", async () => {
    const home = await homeOf(kasir);
    expect(home.cash).toMatchObject({ balance: 750_000 });
    expect(home.recent[0]).toMatchObject({ voucherNo: expect.any(String), businessDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(home.books).toBeUndefined();
    expect(home.waiting).toBeUndefined();
  });

  it("shows the pengawas what needs review", async () => {
    const home = await homeOf(pengawas);
    expect(home.review).toEqual({ screeningMatches: 0 });
    expect(home.waiting).toBeUndefined();
  });

  it("gives a new admin a checklist that ticks itself, and the trial balance she needs for the saldo awal", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const before = await homeOf(admin);
    expect(before.setup).toEqual({ profile: false, chartOfAccounts: false, openingBalance: false, members: false, users: false, modules: false });
    expect(before.books).toBeUndefined();
    await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) => seedChartOfAccounts(trx, admin.koperasiId, "ksp", admin.userId));
    await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
    const enabled = await t.app.inject({ method: "PUT", url: `/api/v1/koperasi/${admin.koperasiId}/modules/umkm`, headers: { cookie: admin.cookie }, payload: { enabled: true } });
    expect(enabled.statusCode, enabled.body).toBe(200);
    const after = await homeOf(admin);
    expect(after.setup).toMatchObject({ chartOfAccounts: true, users: true, modules: true, openingBalance: false, members: false });
    const trialBalance = await t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/trial-balance`, headers: { cookie: admin.cookie } });
    expect(trialBalance.statusCode, trialBalance.body).toBe(200);
  });

  it("answers in four statements: BEGIN, the gate, the figures, COMMIT", async () => {
    const statements = async () => Number(/^koperasi_db_statements_total (\d+)$/m.exec((await t.app.inject({ url: "/metrics", headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).body)?.[1]);
    const before = await statements();
    await homeOf(k.ketua);
    expect((await statements()) - before).toBe(4);
  });
});
