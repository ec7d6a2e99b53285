import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "./test-support";

// Listing member accounts with their balances: staff with savings.view see
// every member's (searchable, per member), an anggota only her own — what the
// web app's account pickers and the member's home read.

let t: TestApp;
let k: LedgerKoperasi;
const base = () => `/api/v1/koperasi/${k.koperasiId}`;
let member: Awaited<ReturnType<typeof signedInAs>>;
let own: Awaited<ReturnType<typeof memberWithAccount>>;
let other: Awaited<ReturnType<typeof memberWithAccount>>;

beforeAll(async () => {
  t = await createTestApp();
  k = await ledgerKoperasi(t);
  member = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
  own = await memberWithAccount(t, k, { balance: 125_000, userId: member.userId });
  other = await memberWithAccount(t, k, { balance: 40_000 });
});
afterAll(async () => {
  await t?.close();
});

type Listed = { id: string; memberNumber: string; accountCode: string; balance: number; status: string };

describe("GET /member-accounts", () => {
  it("shows staff every member's accounts with balances, by member number", async () => {
    const res = await t.app.inject({ url: `${base()}/member-accounts`, headers: { cookie: k.bendahara.cookie } });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ page: 1, pageSize: 50, total: 2 });
    expect(page.items.map((a: Listed) => [a.id, a.memberNumber, a.accountCode, a.balance, a.status])).toEqual([
      [own.memberAccountId, own.memberNumber, "2-1100", 125_000, "open"],
      [other.memberAccountId, other.memberNumber, "2-1100", 40_000, "open"],
    ]);
    expect(page.items[0]).not.toHaveProperty("memberUserId");
  });

  it("counts the whole list on a page of one, and on a page past the end, in as few statements as a page allows", async () => {
    const statements = t.ctx.database.statements.count;
    const second = (await t.app.inject({ url: `${base()}/member-accounts?pageSize=1&page=2`, headers: { cookie: k.bendahara.cookie } })).json();
    // BEGIN, the gate, the page with its count, COMMIT.
    expect(t.ctx.database.statements.count - statements).toBe(4);
    expect(second).toMatchObject({ page: 2, pageSize: 1, total: 2, items: [{ id: other.memberAccountId }] });
    const beyond = (await t.app.inject({ url: `${base()}/member-accounts?pageSize=1&page=5`, headers: { cookie: k.bendahara.cookie } })).json();
    expect(beyond).toMatchObject({ page: 5, items: [], total: 2 });
  });

  it("filters by member and by number or name", async () => {
    const byMember = (await t.app.inject({ url: `${base()}/member-accounts?memberId=${other.memberId}`, headers: { cookie: k.ketua.cookie } })).json();
    expect(byMember.items.map((a: Listed) => a.id)).toEqual([other.memberAccountId]);
    const byNumber = (await t.app.inject({ url: `${base()}/member-accounts?q=${own.memberNumber.toLowerCase()}`, headers: { cookie: k.ketua.cookie } })).json();
    expect(byNumber.items.map((a: Listed) => a.id)).toEqual([own.memberAccountId]);
    const none = (await t.app.inject({ url: `${base()}/member-accounts?q=${encodeURIComponent("100%_")}`, headers: { cookie: k.ketua.cookie } })).json();
    expect(none.total).toBe(0);
  });

  it("shows an anggota her own accounts only, whatever she asks for", async () => {
    const mine = (await t.app.inject({ url: `${base()}/member-accounts`, headers: { cookie: member.cookie } })).json();
    expect(mine.items.map((a: Listed) => [a.id, a.balance])).toEqual([[own.memberAccountId, 125_000]]);
    const theirs = (await t.app.inject({ url: `${base()}/member-accounts?memberId=${other.memberId}`, headers: { cookie: member.cookie } })).json();
    expect(theirs).toMatchObject({ items: [], total: 0 });
  });

  it("refuses bad input with a problem, and roles without savings access with 403", async () => {
    const bad = await t.app.inject({ url: `${base()}/member-accounts?pageSize=1000`, headers: { cookie: k.ketua.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toMatch(/problem\+json/);
    const admin = await signedInAs(t.ctx, ["admin"], { koperasiId: k.koperasiId });
    const refused = await t.app.inject({ url: `${base()}/member-accounts`, headers: { cookie: admin.cookie } });
    expect(refused.statusCode).toBe(403);
  });
});
