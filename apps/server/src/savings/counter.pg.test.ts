import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { expectBooksBalanced, headers, ledgerKoperasi, memberBalance, memberWithAccount, type LedgerKoperasi, type Person } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// PostgreSQL only: withdrawals at two counters at once. Each alone is within
// what the member may take out, together they are not, and the balance
// itself would cover both: only the account's lock, taken before the holds
// and the minimum balance are read, keeps the second from spending money the
// first already took.

let t: TestApp;
let k: LedgerKoperasi;
let kasir: Person;
let kasir2: Person;

beforeAll(async () => {
  t = await createTestApp();
  k = await ledgerKoperasi(t);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  kasir2 = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

function withdraw(person: Person, memberAccountId: string, amount: number) {
  return t.app.inject({ method: "POST", url: `/api/v1/koperasi/${k.koperasiId}/savings/withdrawals`, headers: headers(person, uuidv7()), payload: { memberAccountId, amount } });
}

async function hold(memberAccountId: string, amount: number): Promise<void> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${k.koperasiId}/savings/holds`,
    headers: headers(k.bendahara),
    payload: { memberAccountId, amount, reason: "Jaminan pinjaman" },
  });
  expect(res.statusCode, res.body).toBe(201);
}

describe("concurrent withdrawals from one account", () => {
  it("two that together exceed the available balance: one is paid, the other refused", async () => {
    // Balance 1.010.000, held 500.000, minimum 10.000: 500.000 may be withdrawn.
    const member = await memberWithAccount(t, k, { balance: 1_010_000 });
    await hold(member.memberAccountId, 500_000);
    const responses = await Promise.all([withdraw(kasir, member.memberAccountId, 300_000), withdraw(kasir2, member.memberAccountId, 300_000)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(responses.find((r) => r.statusCode === 422)?.json()).toMatchObject({ code: "exceeds_available" });
    expect(await memberBalance(t, k.koperasiId, member.memberAccountId)).toBe(710_000);
  });

  it("eight at once, each within the available balance: exactly as many are paid as it covers", async () => {
    const member = await memberWithAccount(t, k, { balance: 1_010_000 });
    await hold(member.memberAccountId, 300_000);
    // 700.000 available: three withdrawals of 200.000 fit, a fourth does not.
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => withdraw(i % 2 === 0 ? kasir : kasir2, member.memberAccountId, 200_000)));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.statusCode === 422)).toHaveLength(5);
    expect(await memberBalance(t, k.koperasiId, member.memberAccountId)).toBe(410_000);
    await expectBooksBalanced(t, k.koperasiId);
  });
});
