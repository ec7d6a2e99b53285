import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { expectBooksBalanced, headers, journalCounts, ledgerKoperasi, memberBalance, memberWithAccount, type LedgerKoperasi } from "./test-support";

// Transfers between member accounts (pemindahbukuan) through HTTP: the exact
// lines on the control account, the member statements, idempotency, and the
// refusals — each leaving nothing posted.

let t: TestApp;
let k: LedgerKoperasi;
let now = new Date("2026-04-01T02:00:00.000Z");
const base = () => `/api/v1/koperasi/${k.koperasiId}`;
let a: Awaited<ReturnType<typeof memberWithAccount>>;
let b: Awaited<ReturnType<typeof memberWithAccount>>;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
  a = await memberWithAccount(t, k, { balance: 1_000_000 });
  b = await memberWithAccount(t, k, { balance: 50_000 });
});
afterAll(async () => {
  await t?.close();
});

function transfer(body: Record<string, unknown>, key: string | null = uuidv7(), person = k.bendahara) {
  return t.app.inject({ method: "POST", url: `${base()}/transfers`, headers: headers(person, key ?? undefined), payload: body });
}

function tick(): void {
  now = new Date(now.getTime() + 1000);
}

describe("a transfer between two members' savings", () => {
  it("posts two lines on Simpanan Sukarela, one per sub-ledger, with voucher TRF/2026/000001", async () => {
    const res = await transfer({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 250_000 });
    expect(res.statusCode).toBe(201);
    const entry = res.json();
    expect(entry).toMatchObject({
      status: "posted",
      voucherNo: "TRF/2026/000001",
      source: "transfer",
      businessDate: "2026-04-01",
      createdBy: k.bendahara.userId,
      approvedBy: null,
      description: `Pemindahbukuan dari ${a.memberNumber} ke ${b.memberNumber}`,
    });
    expect(entry.lines.map((l: { accountCode: string; memberAccountId: string; debit: number; credit: number }) => [l.accountCode, l.memberAccountId, l.debit, l.credit])).toEqual([
      ["2-1100", a.memberAccountId, 250_000, 0],
      ["2-1100", b.memberAccountId, 0, 250_000],
    ]);
    expect(await memberBalance(t, k.koperasiId, a.memberAccountId)).toBe(750_000);
    expect(await memberBalance(t, k.koperasiId, b.memberAccountId)).toBe(300_000);

    // Fineract style: Simpanan Sukarela holds exactly these lines after the two opening balances; Kas is untouched by the transfer.
    const ledger = (await t.app.inject({ url: `${base()}/accounts/${k.account("2-1100")}/ledger?from=2026-04-01`, headers: { cookie: k.ketua.cookie } })).json();
    expect(ledger).toMatchObject({ openingBalance: 1_050_000, closingBalance: 1_050_000, total: 2 });
    expect(ledger.items.map((i: { voucherNo: string; memberAccountId: string; debit: number; credit: number; balance: number }) => [i.voucherNo, i.memberAccountId, i.debit, i.credit, i.balance])).toEqual([
      ["TRF/2026/000001", a.memberAccountId, 250_000, 0, 800_000],
      ["TRF/2026/000001", b.memberAccountId, 0, 250_000, 1_050_000],
    ]);
    const kas = (await t.app.inject({ url: `${base()}/accounts/${k.account("1-1100")}/ledger?from=2026-04-01`, headers: { cookie: k.ketua.cookie } })).json();
    expect(kas).toMatchObject({ total: 0, openingBalance: 1_050_000 });
    await expectBooksBalanced(t, k.koperasiId);
  });

  it("shows in each member's statement with a running balance", async () => {
    tick();
    await transfer({ fromMemberAccountId: b.memberAccountId, toMemberAccountId: a.memberAccountId, amount: 100_000, description: "Bayar arisan" });
    const statement = (await t.app.inject({ url: `${base()}/member-accounts/${a.memberAccountId}/statement`, headers: { cookie: k.ketua.cookie } })).json();
    expect(statement.memberAccount).toMatchObject({ id: a.memberAccountId, memberNumber: a.memberNumber, accountCode: "2-1100", balance: 850_000, status: "open" });
    expect(statement.items.map((i: { voucherNo: string; description: string; debit: number; credit: number; balance: number }) => [i.voucherNo, i.debit, i.credit, i.balance])).toEqual([
      [expect.stringMatching(/^SA\/2026\/\d{6}$/), 0, 1_000_000, 1_000_000],
      ["TRF/2026/000001", 250_000, 0, 750_000],
      ["TRF/2026/000002", 0, 100_000, 850_000],
    ]);
    expect(statement.items[2].description).toBe("Bayar arisan");
    expect(statement).toMatchObject({ from: "2026-01-01", to: "2026-04-01", openingBalance: 0, closingBalance: 850_000 });

    // A later page runs its balance on from the earlier lines; a page past the end still has the period's totals.
    const page = (n: number, from = "2026-01-01") =>
      t.app.inject({ url: `${base()}/member-accounts/${a.memberAccountId}/statement?pageSize=2&page=${n}&from=${from}`, headers: { cookie: k.ketua.cookie } });
    expect((await page(2)).json()).toMatchObject({ total: 3, items: [{ voucherNo: "TRF/2026/000002", balance: 850_000 }] });
    expect((await page(9)).json()).toMatchObject({ total: 3, items: [], openingBalance: 0, closingBalance: 850_000 });
    // BEGIN, the gate, the account, the totals with the page, COMMIT.
    const before = t.ctx.database.statements.count;
    expect((await page(1)).statusCode).toBe(200);
    expect(t.ctx.database.statements.count - before).toBe(5);
  });

  it("lets a member read her own statement, and no one else's", async () => {
    const member = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
    const own = await memberWithAccount(t, k, { balance: 10_000, userId: member.userId });
    const mine = await t.app.inject({ url: `${base()}/member-accounts/${own.memberAccountId}/statement`, headers: { cookie: member.cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().memberAccount.balance).toBe(10_000);
    const theirs = await t.app.inject({ url: `${base()}/member-accounts/${a.memberAccountId}/statement`, headers: { cookie: member.cookie } });
    expect(theirs.statusCode).toBe(404);
    const transferByMember = await transfer({ fromMemberAccountId: own.memberAccountId, toMemberAccountId: a.memberAccountId, amount: 1 }, uuidv7(), member);
    expect(transferByMember.statusCode).toBe(403);
  });
});

describe("idempotency", () => {
  it("a retry gets the stored response and posts nothing more", async () => {
    tick();
    const key = uuidv7();
    const body = { fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 10_000 };
    const first = await transfer(body, key);
    expect(first.statusCode).toBe(201);
    const before = await journalCounts(t, k.koperasiId);
    const balance = await memberBalance(t, k.koperasiId, a.memberAccountId);
    for (let i = 0; i < 3; i++) {
      const retry = await transfer({ amount: 10_000, toMemberAccountId: b.memberAccountId, fromMemberAccountId: a.memberAccountId }, key);
      expect(retry.statusCode).toBe(201);
      expect(retry.headers["idempotent-replayed"]).toBe("true");
      expect(retry.json()).toEqual(first.json());
    }
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
    expect(await memberBalance(t, k.koperasiId, a.memberAccountId)).toBe(balance);
    // The response is built from the posting, not read back: it must be the entry exactly as the journal shows it.
    const read = await t.app.inject({ url: `${base()}/journals/${first.json().id}`, headers: { cookie: k.ketua.cookie } });
    expect(read.json()).toEqual(first.json());
  });

  it("the same key with another body is refused with 422", async () => {
    const key = uuidv7();
    await transfer({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 1_000 }, key);
    const before = await journalCounts(t, k.koperasiId);
    const res = await transfer({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 2_000 }, key);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "idempotency_key_reused" });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("a stored refusal stays a refusal, even once the money is there", async () => {
    const poor = await memberWithAccount(t, k, { balance: 5_000 });
    const key = uuidv7();
    const body = { fromMemberAccountId: poor.memberAccountId, toMemberAccountId: a.memberAccountId, amount: 20_000 };
    const refused = await transfer(body, key);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "insufficient_balance", detail: "Saldo tidak mencukupi." });
    // Money arrives…
    expect((await transfer({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: poor.memberAccountId, amount: 50_000 })).statusCode).toBe(201);
    // …but the retry of the refused request is still the refusal (Stripe semantics); a new key would succeed.
    const retry = await transfer(body, key);
    expect(retry.statusCode).toBe(409);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json()).toMatchObject({ code: "insufficient_balance" });
    expect(await memberBalance(t, k.koperasiId, poor.memberAccountId)).toBe(55_000);
    expect((await transfer(body)).statusCode).toBe(201);
  });

  it("is checked after the cooperative's approval: no money moves before the operator approves", async () => {
    await t.ctx.database.db.updateTable("koperasi").set({ status: "pending" }).where("id", "=", k.koperasiId).execute();
    try {
      const before = await journalCounts(t, k.koperasiId);
      const res = await transfer({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 1 });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: "koperasi_not_approved" });
      expect(await journalCounts(t, k.koperasiId)).toEqual(before);
    } finally {
      await t.ctx.database.db.updateTable("koperasi").set({ status: "approved" }).where("id", "=", k.koperasiId).execute();
    }
  });

  it("is required", async () => {
    const res = await transfer({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 1 }, null);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "idempotency_key_required" });
  });
});

describe("refused transfers: a clear problem, nothing posted", () => {
  const cases: [string, () => Promise<Record<string, unknown>>, number, string, string?][] = [
    ["insufficient balance", async () => ({ fromMemberAccountId: b.memberAccountId, toMemberAccountId: a.memberAccountId, amount: 999_999_999 }), 409, "insufficient_balance"],
    ["an amount of zero", async () => ({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 0 }), 400, "amount_not_positive", "body.amount"],
    ["a negative amount", async () => ({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: -100 }), 400, "amount_not_positive", "body.amount"],
    ["a fraction of a Rupiah", async () => ({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 99.5 }), 400, "amount_not_integer", "body.amount"],
    ["an unsafe amount", async () => ({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 2 ** 60 }), 400, "amount_unsafe", "body.amount"],
    ["to the same account", async () => ({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: a.memberAccountId, amount: 1 }), 400, "transfer_same_account"],
    [
      "to an account that is not a member account (a GL account id)",
      async () => ({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: k.account("1-1100"), amount: 1 }),
      422,
      "member_account_unknown",
      "body.toMemberAccountId",
    ],
    [
      "to a person who is no longer a member",
      async () => ({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: (await memberWithAccount(t, k, { status: "keluar" })).memberAccountId, amount: 1 }),
      422,
      "not_an_active_member",
      "body.toMemberAccountId",
    ],
    [
      "from a prospective member (calon)",
      async () => ({ fromMemberAccountId: (await memberWithAccount(t, k, { status: "calon", balance: 100 })).memberAccountId, toMemberAccountId: a.memberAccountId, amount: 1 }),
      422,
      "not_an_active_member",
      "body.fromMemberAccountId",
    ],
    [
      "between different kinds of savings",
      async () => ({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: (await memberWithAccount(t, k, { controlCode: "3-1200" })).memberAccountId, amount: 1 }),
      422,
      "transfer_accounts_differ",
    ],
    [
      "out of a loan account",
      async () => {
        const loanA = await memberWithAccount(t, k, { controlCode: "1-1300" });
        const loanB = await memberWithAccount(t, k, { controlCode: "1-1300" });
        return { fromMemberAccountId: loanA.memberAccountId, toMemberAccountId: loanB.memberAccountId, amount: 1 };
      },
      422,
      "transfer_accounts_differ",
    ],
  ];

  it.each(cases)("%s", async (_name, body, status, code, path) => {
    const payload = await body();
    const before = await journalCounts(t, k.koperasiId);
    const balances = [await memberBalance(t, k.koperasiId, a.memberAccountId), await memberBalance(t, k.koperasiId, b.memberAccountId)];
    const res = await transfer(payload);
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status, code });
    if (path) expect(res.json().errors).toContainEqual(expect.objectContaining({ path }));
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
    expect([await memberBalance(t, k.koperasiId, a.memberAccountId), await memberBalance(t, k.koperasiId, b.memberAccountId)]).toEqual(balances);
  });

  it("in a closed period", async () => {
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.insertInto("closed_period").values({ koperasi_id: k.koperasiId, period_start: "2026-04-01", closed_by: k.ketua.userId }).execute(),
    );
    const before = await journalCounts(t, k.koperasiId);
    const res = await transfer({ fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "period_closed" });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => trx.deleteFrom("closed_period").where("koperasi_id", "=", k.koperasiId).execute());
  });

  it("the books still balance and every control account equals its sub-ledgers", async () => {
    await expectBooksBalanced(t, k.koperasiId);
  });
});
