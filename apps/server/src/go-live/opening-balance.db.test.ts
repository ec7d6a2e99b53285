import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { expectBooksBalanced, headers, journalCounts, ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// Go-live: a cooperative's trial balance and its members' balances become
// ONE opening entry through the posting path — checked first, posted once.

let t: TestApp;
let k: LedgerKoperasi;
let ani: { memberId: string; memberAccountId: string; memberNumber: string };
const BUDI = "LAMA-0002";

const trialBalance = [
  { accountCode: "1-1100", debit: 10_000_000 },
  { accountCode: "1-1300", debit: 2_000_000 },
  { accountCode: "2-1100", credit: 1_500_000 },
  { accountCode: "3-1100", credit: 200_000 },
  { accountCode: "3-2100", credit: 10_300_000 },
];
const memberBalances = () => [
  { memberNumber: ani.memberNumber, accountCode: "2-1100", balance: 1_000_000 },
  { memberNumber: ani.memberNumber, accountCode: "3-1100", balance: 100_000 },
  { memberNumber: ani.memberNumber, accountCode: "1-1300", balance: 2_000_000 },
  { memberNumber: BUDI, accountCode: "2-1100", balance: 500_000 },
  { memberNumber: BUDI, accountCode: "3-1100", balance: 100_000 },
];
const goLive = () => ({ goLiveDate: "2026-01-01", trialBalance, memberBalances: memberBalances() });
const base = () => `/api/v1/koperasi/${k.koperasiId}`;

beforeAll(async () => {
  t = await createTestApp();
  k = await ledgerKoperasi(t);
  ani = await memberWithAccount(t, k, { controlCode: "2-1100" }); // already has her Simpanan Sukarela account, balance 0
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
    trx.insertInto("member").values({ koperasi_id: k.koperasiId, id: uuidv7(), member_number: BUDI, full_name: "Budi Lama", joined_on: "2015-03-01" }).execute(),
  );
});
afterAll(async () => {
  await t?.close();
});

describe("the go-live dry run", () => {
  it("names every problem: unknown and group accounts, an unbalanced trial balance, control accounts that do not add up, negative balances, unknown members", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `${base()}/opening-balance/dry-run`,
      headers: headers(k.bendahara),
      payload: {
        goLiveDate: "2026-01-01",
        trialBalance: [...trialBalance, { accountCode: "9-9999", debit: 5 }, { accountCode: "1-0000", debit: 1 }],
        memberBalances: [
          { memberNumber: ani.memberNumber, accountCode: "2-1100", balance: 1_000_000 },
          { memberNumber: BUDI, accountCode: "2-1100", balance: -500_000 },
          { memberNumber: "TIDAK-ADA", accountCode: "3-1100", balance: 100_000 },
          { memberNumber: BUDI, accountCode: "1-1100", balance: 7 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const found = res.json().problems.map((p: { section: string; index: number | null; code: string }) => `${p.section} ${p.index} ${p.code}`);
    expect(found.sort()).toEqual(
      [
        "trialBalance 6 account_unknown",
        "trialBalance 7 account_group",
        "trialBalance null unbalanced",
        "trialBalance 2 control_mismatch", // 1-1300: nobody's loan given
        "trialBalance 3 control_mismatch", // 2-1100: 1,000,000 of 1,500,000
        "trialBalance 4 control_mismatch", // 3-1100: 0 of 200,000 (the unknown member's is not counted)
        "memberBalances 2 balance_negative",
        "memberBalances 3 member_unknown",
        "memberBalances 4 account_not_control",
      ].sort(),
    );
    const mismatch = res.json().problems.find((p: { index: number; code: string }) => p.index === 3 && p.code === "control_mismatch");
    expect(mismatch.message).toBe("Akun kontrol 2-1100: jumlah saldo anggota Rp1.000.000, sedangkan neraca saldo Rp1.500.000.");
    expect(await journalCounts(t, k.koperasiId)).toMatchObject({ entries: 0 });
  });

  it("refuses posting the same problems with nothing written", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const res = await t.app.inject({
      method: "POST",
      url: `${base()}/opening-balance`,
      headers: headers(k.bendahara, uuidv7()),
      payload: { ...goLive(), trialBalance: trialBalance.map((l) => (l.accountCode === "1-1100" ? { ...l, debit: 9_999_999 } : l)) },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "opening_balance_has_problems" });
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: "unbalanced", message: expect.stringMatching(/^Neraca saldo tidak seimbang/) })]));
    // An English client reads each problem in English.
    const english = await t.app.inject({
      method: "POST",
      url: `${base()}/opening-balance`,
      headers: { ...headers(k.bendahara, uuidv7()), "accept-language": "en" },
      payload: { ...goLive(), trialBalance: trialBalance.map((l) => (l.accountCode === "1-1100" ? { ...l, debit: 9_999_999 } : l)) },
    });
    expect(english.statusCode).toBe(422);
    expect(english.json().detail).toMatch(/^The opening balances cannot be posted/);
    expect(english.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "trialBalance", code: "unbalanced", message: expect.stringMatching(/^The trial balance does not balance: debit Rp/) })]),
    );
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
    const accounts = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => trx.selectFrom("member_account").select("id").execute());
    expect(accounts).toHaveLength(1);
  });

  it("is for the admin and the bendahara: the ketua and a kasir are refused", async () => {
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
    for (const who of [kasir, k.ketua]) {
      const res = await t.app.inject({ method: "POST", url: `${base()}/opening-balance/dry-run`, headers: headers(who), payload: goLive() });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe("posting the opening entry", () => {
  let entryId = "";
  const key = uuidv7();

  it("posts ONE balanced entry dated the go-live date, members' lines on their sub-ledgers, their accounts opened where missing", async () => {
    const dry = await t.app.inject({ method: "POST", url: `${base()}/opening-balance/dry-run`, headers: headers(k.bendahara), payload: goLive() });
    expect(dry.json()).toEqual({ problems: [], totalDebit: 12_000_000, totalCredit: 12_000_000, lines: 7, memberAccountsToOpen: 4 });

    const res = await t.app.inject({ method: "POST", url: `${base()}/opening-balance`, headers: headers(k.bendahara, key), payload: goLive() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ voucherNo: "SA/2026/000001", businessDate: "2026-01-01", lines: 7, memberAccountsOpened: 4 });
    entryId = res.json().entryId;

    const lines = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx
        .selectFrom("journal_line as l")
        .innerJoin("gl_account as a", (j) => j.onRef("a.koperasi_id", "=", "l.koperasi_id").onRef("a.id", "=", "l.account_id"))
        .leftJoin("member_account as ma", (j) => j.onRef("ma.koperasi_id", "=", "l.koperasi_id").onRef("ma.id", "=", "l.member_account_id"))
        .leftJoin("member as m", (j) => j.onRef("m.koperasi_id", "=", "ma.koperasi_id").onRef("m.id", "=", "ma.member_id"))
        .select(["a.code", "m.member_number", "l.debit", "l.credit"])
        .where("l.entry_id", "=", entryId)
        .execute(),
    );
    const shown = lines.map((l) => `${l.code} ${l.member_number ?? "-"} D${Number(l.debit)} K${Number(l.credit)}`).sort();
    expect(shown).toEqual(
      [
        "1-1100 - D10000000 K0",
        "3-2100 - D0 K10300000",
        `2-1100 ${ani.memberNumber} D0 K1000000`,
        `3-1100 ${ani.memberNumber} D0 K100000`,
        `1-1300 ${ani.memberNumber} D2000000 K0`,
        `2-1100 ${BUDI} D0 K500000`,
        `3-1100 ${BUDI} D0 K100000`,
      ].sort(),
    );
    // Ani's existing Simpanan Sukarela account was used, not a second one.
    const aniAccounts = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.selectFrom("member_account").select(["id", "balance"]).where("member_id", "=", ani.memberId).execute(),
    );
    expect(aniAccounts).toHaveLength(3);
    expect(Number(aniAccounts.find((a) => a.id === ani.memberAccountId)!.balance)).toBe(1_000_000);

    const tb = await t.app.inject({ method: "GET", url: `${base()}/trial-balance?asOf=2026-01-01`, headers: headers(k.bendahara) });
    const nonZero = tb.json().rows.filter((r: { debit: number; credit: number }) => r.debit !== 0 || r.credit !== 0);
    expect(nonZero.map((r: { code: string; debit: number; credit: number }) => ({ accountCode: r.code, ...(r.debit ? { debit: r.debit } : { credit: r.credit }) }))).toEqual(trialBalance);
    expect(tb.json()).toMatchObject({ totalDebit: 12_000_000, totalCredit: 12_000_000 });
    await expectBooksBalanced(t, k.koperasiId);
  });

  it("answers a retry with the same Idempotency-Key from the first posting", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const again = await t.app.inject({ method: "POST", url: `${base()}/opening-balance`, headers: headers(k.bendahara, key), payload: goLive() });
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().entryId).toBe(entryId);
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("refuses a second go-live while the first stands", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const second = await t.app.inject({ method: "POST", url: `${base()}/opening-balance`, headers: headers(k.bendahara, uuidv7()), payload: goLive() });
    expect(second.statusCode).toBe(422);
    expect(second.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: "opening_balance_exists" })]));
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });
});
