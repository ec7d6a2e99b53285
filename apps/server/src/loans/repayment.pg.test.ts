import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { expectBooksBalanced, headers, ledgerKoperasi, memberBalance, memberWithAccount, type LedgerKoperasi, type Person } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { productTerms } from "./test-support";

// PostgreSQL only: repayments of one loan at two counters at once. Each
// alone is within the payoff, together they are not: only the loan's lock,
// taken before what is owed is read, keeps the second from paying principal
// the first already paid.

let t: TestApp;
let k: LedgerKoperasi;
let kasir: Person;
let kasir2: Person;
let productId = "";

beforeAll(async () => {
  t = await createTestApp();
  k = await ledgerKoperasi(t);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  kasir2 = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  const product = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${k.koperasiId}/loans/products`,
    headers: headers(k.bendahara),
    payload: { code: "PU", name: "Pinjaman Umum", terms: { ...productTerms, requiredSavingsPercent: "0", charges: [] } },
  });
  expect(product.statusCode, product.body).toBe(201);
  productId = product.json().id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function disbursedLoan(principal: number): Promise<{ id: string; memberAccountId: string }> {
  const member = await memberWithAccount(t, k, { balance: 100_000 });
  const base = `/api/v1/koperasi/${k.koperasiId}/loans`;
  const applied = await t.app.inject({ method: "POST", url: base, headers: headers(kasir), payload: { memberId: member.memberId, productId, principal, tenor: 12, purpose: "Modal usaha" } });
  expect(applied.statusCode, applied.body).toBe(201);
  const id = applied.json().id;
  expect((await t.app.inject({ method: "POST", url: `${base}/${id}/approve`, headers: headers(k.ketua) })).statusCode).toBe(200);
  const disbursed = await t.app.inject({ method: "POST", url: `${base}/${id}/disbursement`, headers: headers(kasir, uuidv7()), payload: { to: "cash" } });
  expect(disbursed.statusCode, disbursed.body).toBe(201);
  return { id, memberAccountId: disbursed.json().loan.memberAccountId };
}

function repay(person: Person, loanId: string, amount: number) {
  return t.app.inject({ method: "POST", url: `/api/v1/koperasi/${k.koperasiId}/loans/${loanId}/repayments`, headers: headers(person, uuidv7()), payload: { amount, from: "cash" } });
}

describe("concurrent repayments of one loan", () => {
  it("two that together exceed the payoff: one is taken, the other refused, and the loan is never overpaid", async () => {
    // Nothing due yet: the payoff is the principal, 6.000.000.
    const loan = await disbursedLoan(6_000_000);
    const responses = await Promise.all([repay(kasir, loan.id, 4_000_000), repay(kasir2, loan.id, 4_000_000)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(responses.find((r) => r.statusCode === 422)?.json()).toMatchObject({ code: "exceeds_payoff" });
    expect(await memberBalance(t, k.koperasiId, loan.memberAccountId)).toBe(2_000_000);
  });

  it("eight at once: exactly as many are taken as the payoff covers, the last one closing the loan", async () => {
    const loan = await disbursedLoan(3_000_000);
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => repay(i % 2 === 0 ? kasir : kasir2, loan.id, 1_000_000)));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.statusCode === 409 || r.statusCode === 422)).toHaveLength(5);
    expect(await memberBalance(t, k.koperasiId, loan.memberAccountId)).toBe(0);
    const after = await t.app.inject({ url: `/api/v1/koperasi/${k.koperasiId}/loans/${loan.id}`, headers: headers(kasir) });
    expect(after.json()).toMatchObject({ status: "paid_off", outstandingPrincipal: 0 });
    await expectBooksBalanced(t, k.koperasiId);
  });
});
