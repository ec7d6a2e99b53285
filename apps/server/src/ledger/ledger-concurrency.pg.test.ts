import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, type TestApp } from "../testing/harness";
import { expectBooksBalanced, headers, ledgerKoperasi, memberBalance, memberWithAccount, type LedgerKoperasi } from "./test-support";

// PostgreSQL only: PGlite is one connection, so nothing there runs at once.
// Truly concurrent HTTP requests against the real pool.

let t: TestApp;
let k: LedgerKoperasi;
const base = () => `/api/v1/koperasi/${k.koperasiId}`;

beforeAll(async () => {
  t = await createTestApp();
  k = await ledgerKoperasi(t);
});
afterAll(async () => {
  await t?.close();
});

function transfer(body: Record<string, unknown>, key: string) {
  return t.app.inject({ method: "POST", url: `${base()}/transfers`, headers: headers(k.bendahara, key), payload: body });
}

async function postedTransfers(): Promise<{ id: string; voucher_no: string | null }[]> {
  return t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
    trx.selectFrom("journal_entry").select(["id", "voucher_no"]).where("source", "=", "transfer").where("status", "=", "posted").orderBy("voucher_no").execute(),
  );
}

describe("the same Idempotency-Key, concurrently", () => {
  it("8 concurrent transfers with one key post exactly once; the others replay it or answer 409", async () => {
    const a = await memberWithAccount(t, k, { balance: 1_000_000 });
    const b = await memberWithAccount(t, k, { balance: 0 });
    const before = (await postedTransfers()).length;
    const key = uuidv7();
    const body = { fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 100_000 };
    const responses = await Promise.all(Array.from({ length: 8 }, () => transfer(body, key)));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = responses.filter((r) => r.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.json().id)).size).toBe(1);
    for (const r of responses.filter((r) => r.statusCode === 409)) expect(r.json()).toMatchObject({ code: "idempotency_in_progress" });
    expect((await postedTransfers()).length).toBe(before + 1);
    expect(await memberBalance(t, k.koperasiId, a.memberAccountId)).toBe(900_000);
    expect(await memberBalance(t, k.koperasiId, b.memberAccountId)).toBe(100_000);
    // Once the first has finished, every retry gets its response.
    const retry = await transfer(body, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(created[0]?.json().id);
  });

  it("a duplicate arriving while the first is still running gets 409 at once; afterwards, the stored response", async () => {
    const a = await memberWithAccount(t, k, { balance: 300_000 });
    const b = await memberWithAccount(t, k, { balance: 0 });
    const key = uuidv7();
    const body = { fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 1_000 };
    // Someone (a teller's withdrawal, say) holds A's row: the first transfer waits inside its posting.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
      await trx.selectFrom("member_account").select("id").where("id", "=", a.memberAccountId).forUpdate().execute();
      locked();
      await released;
    });
    await isLocked;
    const first = transfer(body, key);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the first request is now blocked on A's row
    const duplicate = await transfer(body, key);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: "idempotency_in_progress", detail: "Permintaan dengan Idempotency-Key ini masih diproses. Coba lagi sebentar lagi." });
    release();
    await holder;
    const done = await first;
    expect(done.statusCode).toBe(201);
    const after = await transfer(body, key);
    expect(after.statusCode).toBe(201);
    expect(after.headers["idempotent-replayed"]).toBe("true");
    expect(after.json()).toEqual(done.json());
    expect(await memberBalance(t, k.koperasiId, a.memberAccountId)).toBe(299_000);
  });
});

describe("many transfers at once", () => {
  it("50 concurrent random transfers among 5 accounts (some sent twice): sum unchanged, none negative, sub-ledgers equal control, debits equal credits", async () => {
    const accounts = await Promise.all([200_000, 150_000, 100_000, 50_000, 10_000].map((balance) => memberWithAccount(t, k, { balance })));
    const ids = accounts.map((a) => a.memberAccountId);
    const balances = async () => Promise.all(ids.map((id) => memberBalance(t, k.koperasiId, id)));
    const sumBefore = (await balances()).reduce((s, v) => s + v, 0);
    const before = await postedTransfers();

    let seed = 50;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const requests = Array.from({ length: 50 }, (_, i) => {
      const from = Math.floor(random() * 5);
      const to = (from + 1 + Math.floor(random() * 4)) % 5;
      return { key: `jepsen-${i}-${uuidv7()}`, body: { fromMemberAccountId: ids[from], toMemberAccountId: ids[to], amount: 1 + Math.floor(random() * 60_000) } };
    });
    // Every fifth request is also sent a second time at once, as a client retrying after a timeout would.
    const sends = [...requests, ...requests.filter((_, i) => i % 5 === 0)].sort(() => random() - 0.5);
    const responses = await Promise.all(sends.map((r) => transfer(r.body, r.key).then((res) => ({ key: r.key, res }))));

    for (const { res } of responses) {
      expect([201, 409]).toContain(res.statusCode);
      if (res.statusCode === 409) expect(["insufficient_balance", "idempotency_in_progress"]).toContain(res.json().code);
    }
    const acknowledged = new Map<string, string>();
    for (const { key, res } of responses) {
      if (res.statusCode !== 201) continue;
      const id = res.json().id as string;
      // Both copies of a retried request, if both were answered 201, name the same entry.
      expect(acknowledged.get(key) ?? id).toBe(id);
      acknowledged.set(key, id);
    }
    const after = await postedTransfers();
    const newEntries = after.filter((e) => !before.some((b) => b.id === e.id));
    // Every acknowledged transfer posted exactly once, and nothing else was posted.
    expect(new Set(newEntries.map((e) => e.id))).toEqual(new Set(acknowledged.values()));
    expect(acknowledged.size).toBeGreaterThan(10);

    const final = await balances();
    expect(final.reduce((s, v) => s + v, 0)).toBe(sumBefore);
    expect(final.every((v) => v >= 0)).toBe(true);
    await expectBooksBalanced(t, k.koperasiId);
    // Voucher numbers stayed gap-free under concurrency.
    const numbers = after.map((e) => Number(e.voucher_no?.split("/")[2])).sort((x, y) => x - y);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});
