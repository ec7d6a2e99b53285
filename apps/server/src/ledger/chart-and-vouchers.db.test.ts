import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { postAs, postedJournal } from "./books-test-support";
import { ledgerKoperasi, type LedgerKoperasi, type Person } from "./test-support";

// Two rules of the chart and the journal that the other suites touch only in
// part: an account that has had postings closes once it is back at zero (its
// history stays, and it is never deleted), and voucher numbers count per
// cooperative and per book year.

let t: TestApp;
let k: LedgerKoperasi;
let admin: Person;
const base = (koperasi: LedgerKoperasi = k) => `/api/v1/koperasi/${koperasi.koperasiId}`;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date("2027-01-04T03:00:00.000Z") });
  k = await ledgerKoperasi(t);
  admin = await signedInAs(t.ctx, ["admin"], { koperasiId: k.koperasiId });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe("an account with postings", () => {
  it("closes once its balance is back at zero, keeps its history, takes nothing more, and is never deleted", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: `${base()}/accounts`,
      headers: { cookie: admin.cookie },
      payload: { code: "1-1210", name: "Bank Titipan Sementara", type: "aset", parentId: k.account("1-1000") },
    });
    expect(created.statusCode).toBe(201);
    const account = created.json() as { id: string };
    // The helper resolves codes through the seeded chart; the new account joins it.
    const withNew = { ...k, account: (code: string) => (code === "1-1210" ? account.id : k.account(code)) };
    await postedJournal(t, withNew, "2026-12-01", "Kas dititipkan ke bank", [
      { code: "1-1210", debit: 300_000 },
      { code: "1-1100", credit: 300_000 },
    ]);

    const early = await t.app.inject({ method: "POST", url: `${base()}/accounts/${account.id}/close`, headers: { cookie: admin.cookie } });
    expect(early.json()).toMatchObject({ status: 409, code: "account_not_empty" });

    await postedJournal(t, withNew, "2026-12-02", "Titipan masuk ke rekening bank", [
      { code: "1-1200", debit: 300_000 },
      { code: "1-1210", credit: 300_000 },
    ]);
    const closed = await t.app.inject({ method: "POST", url: `${base()}/accounts/${account.id}/close`, headers: { cookie: admin.cookie } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ code: "1-1210", status: "closed" });

    const ledger = await t.app.inject({ url: `${base()}/accounts/${account.id}/ledger?from=2026-12-01&to=2026-12-31`, headers: { cookie: k.ketua.cookie } });
    expect(ledger.json()).toMatchObject({
      account: { code: "1-1210", status: "closed" },
      closingBalance: 0,
      items: [
        { debit: 300_000, credit: 0, balance: 300_000 },
        { debit: 0, credit: 300_000, balance: 0 },
      ],
    });
    const again = await postAs(t, k.bendahara, `${base()}/journals`, {
      businessDate: "2026-12-03",
      description: "Titipan lagi",
      lines: [
        { accountId: account.id, debit: 1 },
        { accountId: k.account("1-1100"), credit: 1 },
      ],
    });
    expect(again.json()).toMatchObject({ status: 422, code: "account_closed" });

    await expect(
      t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => trx.deleteFrom("gl_account").where("id", "=", account.id).execute()),
    ).rejects.toThrow(/permission denied/);
    // Even the owner cannot: its journal lines refer to it.
    await expect(t.db.superuser.query(`DELETE FROM gl_account WHERE koperasi_id = $1 AND id = $2`, [k.koperasiId, account.id])).rejects.toThrow(/foreign key/);
  });
});

describe("voucher numbers", () => {
  const fee = [
    { code: "1-1100", debit: 10_000 },
    { code: "4-1200", credit: 10_000 },
  ];

  it("count per cooperative, per prefix and per book year, from 1 without gaps", async () => {
    const a = await ledgerKoperasi(t);
    const b = await ledgerKoperasi(t);
    const numbers: string[] = [];
    for (const [koperasi, date] of [
      [a, "2026-12-30"],
      [b, "2026-12-30"],
      [a, "2026-12-31"],
      [a, "2027-01-01"],
      [b, "2027-01-02"],
      [a, "2027-01-03"],
    ] as const) {
      numbers.push((await postedJournal(t, koperasi, date, "Administrasi", fee)).voucherNo);
    }
    expect(numbers).toEqual(["JU/2026/000001", "JU/2026/000001", "JU/2026/000002", "JU/2027/000001", "JU/2027/000001", "JU/2027/000002"]);
  });
});
