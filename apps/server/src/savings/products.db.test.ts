import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headers, ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// Savings products: every cooperative gets SP, SW, SS and SB with its chart;
// the bendahara adds products and changes terms from a later date, the old
// terms staying in force before it; accounts opened under a control account
// belong to its product.

let t: TestApp;
let k: LedgerKoperasi;
let now = new Date("2026-04-01T02:00:00.000Z");
const base = () => `/api/v1/koperasi/${k.koperasiId}/savings/products`;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
});
afterAll(async () => {
  await t?.close();
});

type Product = { id: string; code: string; kind: string; accountCode: string; terms: Record<string, unknown>; history: { effectiveFrom: string }[] };

async function products(): Promise<Product[]> {
  const res = await t.app.inject({ url: base(), headers: headers(k.bendahara) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe("the default products", () => {
  it("come with the chart: one per savings control account, with safe terms", async () => {
    const list = await products();
    expect(list.map((p) => [p.code, p.kind, p.accountCode])).toEqual([
      ["SB", "berjangka", "2-1200"],
      ["SP", "pokok", "3-1100"],
      ["SS", "sukarela", "2-1100"],
      ["SW", "wajib", "3-1200"],
    ]);
    const ss = list.find((p) => p.code === "SS");
    expect(ss?.terms).toMatchObject({
      annualRatePercent: "3",
      interestMethod: "daily_balance",
      minBalance: 10_000,
      minEarningBalance: 10_000,
      dormantAfterMonths: 12,
      withdrawalApprovalThreshold: 5_000_000,
      pokokAmount: null,
    });
    expect(list.find((p) => p.code === "SP")?.terms).toMatchObject({ pokokAmount: 100_000, withdrawalApprovalThreshold: null });
    expect(list.find((p) => p.code === "SW")?.terms).toMatchObject({ wajibAmount: 25_000, wajibPeriod: "monthly" });
    expect(list.find((p) => p.code === "SB")?.terms).toMatchObject({ tenorMonths: 12, annualRatePercent: "5", interestPayout: "monthly", earlyWithdrawalPenaltyPercent: "1" });
  });

  it("are not seeded twice", async () => {
    const { seedDefaultSavingsProducts } = await import("./products");
    const added = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => seedDefaultSavingsProducts(trx, k.koperasiId));
    expect(added).toBe(0);
    expect(await products()).toHaveLength(4);
  });

  it("are the products of the accounts opened under their control accounts", async () => {
    const member = await memberWithAccount(t, k, { controlCode: "3-1200" });
    const row = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx
        .selectFrom("member_account as ma")
        .innerJoin("savings_product as p", (join) => join.onRef("p.koperasi_id", "=", "ma.koperasi_id").onRef("p.id", "=", "ma.savings_product_id"))
        .select("p.code")
        .where("ma.id", "=", member.memberAccountId)
        .executeTakeFirstOrThrow(),
    );
    expect(row.code).toBe("SW");
  });
});

describe("the bendahara's products", () => {
  it("adds a product under a control account", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: base(),
      headers: headers(k.bendahara),
      payload: {
        kind: "sukarela",
        code: "ss-pelajar",
        name: "Simpanan Pelajar",
        accountId: k.account("2-1100"),
        terms: { effectiveFrom: "2026-04-01", annualRatePercent: "2.50", interestMethod: "lowest_balance", minBalance: 5_000, withdrawalApprovalThreshold: 1_000_000 },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: "SS-PELAJAR", kind: "sukarela", terms: { annualRatePercent: "2.5", interestMethod: "lowest_balance", minBalance: 5_000 } });
  });

  it("refuses a code in use, a non-control account, and terms that do not fit the kind", async () => {
    const post = (payload: Record<string, unknown>) => t.app.inject({ method: "POST", url: base(), headers: headers(k.bendahara), payload });
    const taken = await post({ kind: "pokok", code: "SP", name: "Lagi", accountId: k.account("3-1100"), terms: { effectiveFrom: "2026-04-01", pokokAmount: 50_000 } });
    expect([taken.statusCode, taken.json().code]).toEqual([409, "product_code_taken"]);
    const kas = await post({ kind: "pokok", code: "SP2", name: "Kas", accountId: k.account("1-1100"), terms: { effectiveFrom: "2026-04-01", pokokAmount: 50_000 } });
    expect([kas.statusCode, kas.json().code, kas.json().errors[0].path]).toEqual([422, "product_account_invalid", "body.accountId"]);
    const rateOnPokok = await post({ kind: "pokok", code: "SP3", name: "X", accountId: k.account("3-1100"), terms: { effectiveFrom: "2026-04-01", pokokAmount: 1, annualRatePercent: "3" } });
    expect([rateOnPokok.statusCode, rateOnPokok.json().code, rateOnPokok.json().errors[0].path]).toEqual([400, "terms_not_for_kind", "body.terms.annualRatePercent"]);
    const noAmount = await post({ kind: "wajib", code: "SW3", name: "X", accountId: k.account("3-1200"), terms: { effectiveFrom: "2026-04-01", wajibPeriod: "monthly" } });
    expect([noAmount.statusCode, noAmount.json().code, noAmount.json().errors[0].path]).toEqual([400, "terms_required", "body.terms.wajibAmount"]);
    const rate = await post({ kind: "sukarela", code: "SS3", name: "X", accountId: k.account("2-1100"), terms: { effectiveFrom: "2026-04-01", annualRatePercent: "101", interestMethod: "daily_balance" } });
    expect([rate.statusCode, rate.json().code]).toEqual([400, "rate_invalid"]);
  });

  it("is the bendahara's: a kasir may list but not add", async () => {
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
    expect((await t.app.inject({ url: base(), headers: headers(kasir) })).statusCode).toBe(200);
    const res = await t.app.inject({ method: "PATCH", url: `${base()}/${(await products())[0]?.id}`, headers: headers(kasir), payload: { name: "Ganti" } });
    expect(res.statusCode).toBe(403);
  });
});

describe("terms changed from a date", () => {
  it("apply from that date, leaving today's and the history as they were", async () => {
    const ss = (await products()).find((p) => p.code === "SS");
    const change = (effectiveFrom: string, annualRatePercent: string) =>
      t.app.inject({
        method: "POST",
        url: `${base()}/${ss?.id}/terms`,
        headers: headers(k.bendahara),
        payload: { effectiveFrom, annualRatePercent, interestMethod: "average_daily_balance", minBalance: 20_000, dormantAfterMonths: 24 },
      });
    const today = await change("2026-04-01", "4");
    expect([today.statusCode, today.json().code]).toEqual([422, "terms_date_past"]);
    const later = await change("2026-07-01", "4.25");
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json().terms).toMatchObject({ annualRatePercent: "3", minBalance: 10_000 });
    expect(later.json().history.map((h: { effectiveFrom: string }) => h.effectiveFrom)).toEqual(["2000-01-01", "2026-07-01"]);
    // A correction before the date replaces the pending change.
    expect((await change("2026-07-01", "4.5")).json().history.at(-1)).toMatchObject({ effectiveFrom: "2026-07-01", annualRatePercent: "4.5" });

    now = new Date("2026-07-01T02:00:00.000Z");
    const after = (await products()).find((p) => p.code === "SS");
    expect(after?.terms).toMatchObject({ effectiveFrom: "2026-07-01", annualRatePercent: "4.5", interestMethod: "average_daily_balance", minBalance: 20_000 });
  });
});
