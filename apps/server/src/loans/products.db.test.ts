import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headers, ledgerKoperasi, type LedgerKoperasi } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { productTerms } from "./test-support";

// Loan products: the bendahara (or the admin) sets one up on the chart's
// loan accounts with its terms; a change of terms applies from a later date
// and the old terms stay; anyone sees the active products on the public page.

let t: TestApp;
let k: LedgerKoperasi;
const now = new Date("2026-04-01T02:00:00.000Z");
const base = () => `/api/v1/koperasi/${k.koperasiId}/loans/products`;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
});
afterAll(async () => {
  await t?.close();
});


function create(body: Record<string, unknown>, person = k.bendahara) {
  return t.app.inject({ method: "POST", url: base(), headers: headers(person), payload: body });
}

describe("loan products", () => {
  it("the bendahara creates one on the chart's loan accounts by default, its terms read back as sent", async () => {
    const res = await create({ code: "PU", name: "Pinjaman Umum", terms: productTerms });
    expect(res.statusCode, res.body).toBe(201);
    const product = res.json();
    expect(product).toMatchObject({ code: "PU", status: "active" });
    expect([product.accounts.receivable.code, product.accounts.interestIncome.code, product.accounts.chargesIncome.code, product.accounts.dendaIncome.code]).toEqual([
      "1-1300",
      "4-1100",
      "4-1200",
      "4-1300",
    ]);
    expect(product.terms).toEqual({
      ...productTerms,
      repaymentFrequency: "monthly",
      roundTo: 1,
      denda: { ...productTerms.denda, cap: null },
    });
  });

  it("a change of terms applies from a later date; today's stay in force and in the history", async () => {
    const [product] = (await t.app.inject({ url: base(), headers: headers(k.bendahara) })).json();
    const past = await t.app.inject({ method: "POST", url: `${base()}/${product.id}/terms`, headers: headers(k.bendahara), payload: { ...productTerms, effectiveFrom: "2026-04-01" } });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ code: "terms_date_past", errors: [{ path: "body.effectiveFrom" }] });
    const later = await t.app.inject({
      method: "POST",
      url: `${base()}/${product.id}/terms`,
      headers: headers(k.bendahara),
      payload: { ...productTerms, effectiveFrom: "2026-05-01", monthlyRatePercent: "1,25", interestMethod: "annuity" },
    });
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json().terms).toMatchObject({ monthlyRatePercent: "1.5", interestMethod: "flat" });
    expect(later.json().history.map((h: { effectiveFrom: string; monthlyRatePercent: string }) => [h.effectiveFrom, h.monthlyRatePercent])).toEqual([
      ["2026-01-01", "1.5"],
      ["2026-05-01", "1.25"],
    ]);
  });

  it("anyone sees the active products on the cooperative's public page, without the internal approval threshold", async () => {
    const slug = await t.ctx.database.db.selectFrom("koperasi").select("slug").where("id", "=", k.koperasiId).executeTakeFirstOrThrow();
    const res = await t.app.inject({ url: `/api/v1/public/koperasi/${slug.slug}/loan-products` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toHaveLength(1);
    expect(res.json()[0]).toMatchObject({ code: "PU", name: "Pinjaman Umum", terms: { monthlyRatePercent: "1.5", amountMin: 1_000_000 } });
    expect(res.json()[0].terms).not.toHaveProperty("secondApprovalAbove");
  });

  const refusals: [string, Record<string, unknown>, number, string, string][] = [
    ["a rate that is not a number", { monthlyRatePercent: "satu" }, 400, "validation_failed", "body.terms.monthlyRatePercent"],
    ["a minimum tenor above the maximum", { tenorMin: 30 }, 400, "range_invalid", "body.terms.tenorMin"],
    ["a minimum amount above the maximum", { amountMin: 60_000_000 }, 400, "range_invalid", "body.terms.amountMin"],
    ["a tenor of 0", { tenorMin: 0 }, 400, "validation_failed", "body.terms.tenorMin"],
    ["a rounding of 10", { roundTo: 10 }, 400, "validation_failed", "body.terms.roundTo"],
    ["the same charge twice", { charges: [productTerms.charges[0], productTerms.charges[0]] }, 400, "charges_duplicate", "body.terms.charges"],
  ];
  it.each(refusals)("refuses %s, on its field, creating nothing", async (_name, change, status, code, path) => {
    const res = await create({ code: "PX", name: "Salah", terms: { ...productTerms, ...change } });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    if (code !== "validation_failed") expect(res.json().code).toBe(code);
    const list = (await t.app.inject({ url: base(), headers: headers(k.bendahara) })).json();
    expect(list.map((p: { code: string }) => p.code)).toEqual(["PU"]);
  });

  it("refuses an income account as the receivable, and a kasir", async () => {
    const res = await create({ code: "PY", name: "Salah akun", accounts: { receivableAccountId: k.account("4-1100") }, terms: productTerms });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "receivable_account_invalid", errors: [{ path: "body.accounts.receivableAccountId" }] });
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
    expect((await create({ code: "PZ", name: "Kasir", terms: productTerms }, kasir)).statusCode).toBe(403);
  });
});
