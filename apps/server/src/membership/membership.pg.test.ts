import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { postEntry } from "../ledger/post-entry";
import { headers, ledgerKoperasi, type LedgerKoperasi, type Person } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// PostgreSQL only: two pengurus approving the same application at once open
// her accounts once; two settlements under different keys at once pay her
// out once. Both rest on a row lock taken before anything is checked.

let t: TestApp;
let k: LedgerKoperasi;
let kasir: Person;
let wakil: Person;

beforeAll(async () => {
  t = await createTestApp();
  k = await ledgerKoperasi(t);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  wakil = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k.koperasiId, positions: ["wakil_ketua"] });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const api = (path: string) => `/api/v1/koperasi/${k.koperasiId}${path}`;

async function enterApplication(name: string): Promise<{ id: string; memberId: string }> {
  const res = await t.app.inject({ method: "POST", url: api("/membership/applications"), headers: headers(kasir), payload: { fullName: name } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe("joining and leaving, concurrently", () => {
  it("two approvals at once: one accepts and opens three accounts, the other is told it is decided", async () => {
    const application = await enterApplication("Dewi Serentak Setuju");
    const responses = await Promise.all(
      [k.ketua, wakil].map((who) => t.app.inject({ method: "POST", url: api(`/membership/applications/${application.id}/approve`), headers: headers(who) })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.db.superuser.query(`SELECT account_id FROM member_account WHERE koperasi_id = $1 AND member_id = $2`, [k.koperasiId, application.memberId]);
    expect(rows).toHaveLength(3);
    const history = await t.db.superuser.query(`SELECT to_status FROM member_status_change WHERE koperasi_id = $1 AND member_id = $2`, [k.koperasiId, application.memberId]);
    expect(history).toHaveLength(2);
  });

  it("two settlements at once under different keys post once", async () => {
    const application = await enterApplication("Rina Serentak Keluar");
    expect((await t.app.inject({ method: "POST", url: api(`/membership/applications/${application.id}/approve`), headers: headers(wakil) })).statusCode).toBe(200);
    const [pokok] = (await t.db.superuser.query(
      `SELECT ma.id FROM member_account ma JOIN gl_account a ON a.koperasi_id = ma.koperasi_id AND a.id = ma.account_id WHERE ma.koperasi_id = $1 AND ma.member_id = $2 AND a.code = '3-1100'`,
      [k.koperasiId, application.memberId],
    )) as { id: string }[];
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      postEntry(trx, {
        koperasiId: k.koperasiId,
        source: "deposit",
        businessDate: "2026-03-16",
        description: "Setoran simpanan pokok",
        createdBy: null,
        lines: [
          { accountId: k.account("1-1100"), debit: 75_000 },
          { accountId: k.account("3-1100"), memberAccountId: pokok!.id, credit: 75_000 },
        ],
        postedAt: new Date(),
        newId: uuidv7,
      }),
    );
    const responses = await Promise.all(
      ["a", "b", "c"].map((suffix) =>
        t.app.inject({
          method: "POST",
          url: api(`/members/${application.memberId}/settlement`),
          headers: headers(k.ketua, `settle-${application.memberId}-${suffix}`),
          payload: { leavingAs: "keluar", creditAccountId: k.account("1-1100") },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of responses.filter((r) => r.statusCode === 409)) expect(r.json()).toMatchObject({ code: "settlement_nothing_due" });
    const settlements = await t.db.superuser.query(`SELECT id FROM member_settlement WHERE koperasi_id = $1 AND member_id = $2`, [k.koperasiId, application.memberId]);
    expect(settlements).toHaveLength(1);
    const [balance] = (await t.db.superuser.query(`SELECT balance FROM member_account WHERE koperasi_id = $1 AND id = $2`, [k.koperasiId, pokok!.id])) as { balance: string }[];
    expect(Number(balance!.balance)).toBe(0);
  });
});
