import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { auditOf, pendingJournal, postAs, postedJournal } from "./books-test-support";
import { postEntry } from "./post-entry";
import { expectBooksBalanced, journalCounts, ledgerKoperasi, type LedgerKoperasi, type Person } from "./test-support";

// Month close and reopen over HTTP: who may, when a month may close, what a
// closed month refuses, and the audit trail of both.

let t: TestApp;
let k: LedgerKoperasi;
let pengawas: Person;
const now = new Date("2026-03-16T03:00:00.000Z"); // 10.00 WIB, 16 March 2026
const base = () => `/api/v1/koperasi/${k.koperasiId}`;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
  pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k.koperasiId });
});
afterAll(async () => {
  await t?.close();
});

const close = (period: string, who: Person = k.bendahara) => postAs(t, who, `${base()}/periods/${period}/close`);
const reopen = (period: string, body: unknown = { reason: "Koreksi temuan pengawas" }, who: Person = k.ketua) =>
  postAs(t, who, `${base()}/periods/${period}/reopen`, body);
const listClosed = (who: Person, query = "") => t.app.inject({ url: `${base()}/periods/closed${query}`, headers: { cookie: who.cookie } });
const fee = [
  { code: "1-1100", debit: 25_000 },
  { code: "4-1200", credit: 25_000 },
];

describe("closing a month", () => {
  it("is the bendahara's: the month closes, audited, and shows in the list the pengawas reads", async () => {
    await postedJournal(t, k, "2026-02-10", "Provisi Februari", fee);
    const res = await close("2026-02");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ period: "2026-02", closedBy: k.bendahara.userId, closedAt: now.toISOString(), bookYearClosed: false });

    const audit = await auditOf(t, k.koperasiId, "ledger.period_close");
    expect(audit).toEqual([expect.objectContaining({ actor_user_id: k.bendahara.userId, target_id: "2026-02" })]);
    const list = await listClosed(pengawas);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([res.json()]);
    expect((await listClosed(pengawas, "?year=2025")).json()).toEqual([]);
  });

  it("then refuses every posting dated in it: a new journal, an approval, any command through postEntry", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const created = await postAs(t, k.bendahara, `${base()}/journals`, {
      businessDate: "2026-02-27",
      description: "Terlambat dicatat",
      lines: fee.map((line) => ({ accountId: k.account(line.code), debit: line.debit, credit: line.credit })),
    });
    expect(created.statusCode).toBe(422);
    expect(created.json()).toMatchObject({ code: "period_closed", errors: [{ path: "body.businessDate" }] });

    const direct = t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      postEntry(trx, {
        koperasiId: k.koperasiId,
        source: "opening_balance",
        businessDate: "2026-02-01",
        description: "Saldo awal",
        createdBy: null,
        lines: [
          { accountId: k.account("1-1100"), debit: 1 },
          { accountId: k.account("3-2100"), credit: 1 },
        ],
        postedAt: now,
        newId: uuidv7,
      }),
    );
    await expect(direct).rejects.toMatchObject({ code: "period_closed" });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("refuses a month not yet over, one already closed, a malformed period, and anyone but the bendahara", async () => {
    expect((await close("2026-03")).json()).toMatchObject({ status: 422, code: "period_not_ended" });
    expect((await close("2026-04")).json()).toMatchObject({ status: 422, code: "period_not_ended" });
    expect((await close("2026-02")).json()).toMatchObject({ status: 409, code: "period_already_closed" });
    const malformed = await close("2026-13");
    expect(malformed.statusCode).toBe(400);
    for (const who of [k.ketua, pengawas]) {
      const res = await close("2025-11", who);
      expect(res.statusCode).toBe(403);
    }
    expect((await listClosed(pengawas)).json()).toHaveLength(1);
  });

  it("waits until no journal dated in it awaits approval (it could never be posted afterwards)", async () => {
    const pending = await pendingJournal(t, k, "2026-01-20", "Menunggu persetujuan", fee);
    const refused = await close("2026-01");
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: "period_has_pending",
      detail: "Masih ada jurnal bertanggal di periode ini yang menunggu persetujuan. Setujui atau tolak dulu, lalu tutup periodenya.",
    });
    const rejected = await postAs(t, k.ketua, `${base()}/journals/${pending}/reject`, { reason: "Salah akun" });
    expect(rejected.statusCode).toBe(200);
    expect((await close("2026-01")).statusCode).toBe(201);
  });
});

describe("reopening a month", () => {
  it("is the ketua's alone, with a reason; audited with who closed it; postings dated there go through again", async () => {
    expect((await reopen("2026-02", { reason: "Koreksi" }, k.bendahara)).statusCode).toBe(403);
    expect((await reopen("2026-02", { reason: "Koreksi" }, pengawas)).statusCode).toBe(403);
    expect((await reopen("2026-02", {})).json()).toMatchObject({ status: 400, errors: [{ path: "body.reason" }] });

    const res = await reopen("2026-02");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ period: "2026-02", closedBy: k.bendahara.userId, closedAt: now.toISOString(), bookYearClosed: false });
    const audit = await auditOf(t, k.koperasiId, "ledger.period_reopen");
    expect(audit).toEqual([
      expect.objectContaining({
        actor_user_id: k.ketua.userId,
        target_id: "2026-02",
        details: { reason: "Koreksi temuan pengawas", closedBy: k.bendahara.userId, closedAt: now.toISOString() },
      }),
    ]);
    expect(((await listClosed(pengawas)).json() as { period: string }[]).map((p) => p.period)).toEqual(["2026-01"]);

    const late = await postedJournal(t, k, "2026-02-27", "Provisi terlambat dicatat", fee);
    expect(late.voucherNo).toMatch(/^JU\/2026\/\d{6}$/);
  });

  it("refuses a month that is not closed", async () => {
    expect((await reopen("2026-02")).json()).toMatchObject({ status: 409, code: "period_not_closed" });
    expect((await reopen("2025-07")).json()).toMatchObject({ status: 409, code: "period_not_closed" });
  });

  it("leaves the books balanced", async () => {
    await expectBooksBalanced(t, k.koperasiId);
  });
});
