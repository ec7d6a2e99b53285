import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, type TestApp } from "../../testing/harness";
import { commandFor } from "../../command/test-command";
import type { Koperasi } from "../../command/command-context";
import { openMemberAccount } from "../../ledger/member-accounts";
import { expectBooksBalanced, journalCounts, memberBalance, memberWithAccount, type LedgerKoperasi } from "../../ledger/test-support";
import { payIn, savingsKoperasi } from "./test-support";
import { runKoperasiJobs } from "../run-jobs";
import { arrearsOf, wajibBilling, wajibPositions } from "./wajib-billing";

// Wajib billing on the default product (Rp25.000 a month) from May to July,
// with a member who pays at the counter and one whose arrears are
// auto-debited from her sukarela (Rp10.000 must stay in it).

let t: TestApp;
let k: LedgerKoperasi;
let koperasi: Koperasi;
const now = () => new Date("2026-08-02T05:00:00.000Z");
let counterPayer: { memberId: string; wajib: string };
let autoDebited: { memberId: string; wajib: string; sukarela: string };

const pay = (memberAccountId: string, control: string, businessDate: string, amount: number) => payIn(t, k, memberAccountId, businessDate, amount, control);

beforeAll(async () => {
  t = await createTestApp({ now });
  ({ k, koperasi } = await savingsKoperasi(t, "2026-05-20T01:00:00Z"));

  const a = await memberWithAccount(t, k, { controlCode: "3-1200" });
  counterPayer = { memberId: a.memberId, wajib: a.memberAccountId };
  await pay(a.memberAccountId, "3-1200", "2026-06-15", 30_000);

  const b = await memberWithAccount(t, k, { controlCode: "3-1200" });
  const sukarela = uuidv7();
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
    await openMemberAccount(trx, { koperasiId: k.koperasiId, id: sukarela, memberId: b.memberId, controlAccountId: k.account("2-1100"), now: now() });
    await trx.insertInto("wajib_auto_debit").values({ koperasi_id: k.koperasiId, member_id: b.memberId, from_member_account_id: sukarela }).execute();
  });
  await pay(sukarela, "2-1100", "2026-05-25", 40_000);
  autoDebited = { memberId: b.memberId, wajib: b.memberAccountId, sukarela };

  const report = await runKoperasiJobs(t.ctx.database, koperasi, { through: "2026-07-31", jobs: [wajibBilling], now });
  expect(report.failure).toBeUndefined();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function arrears(memberId: string) {
  return t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
    const cmd = await commandFor(trx, { koperasiId: k.koperasiId, userId: "" }, { now: now(), today: "2026-07-31" });
    const [position] = await wajibPositions(cmd, [memberId]);
    if (!position) throw new Error("no wajib account");
    return arrearsOf(position);
  });
}

describe("wajib billing and auto-debit", () => {
  it("bills every active member at each month-end from the cooperative's first month", async () => {
    const bills = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.selectFrom("wajib_bill").select(["period", "amount"]).where("member_id", "=", counterPayer.memberId).orderBy("period").execute(),
    );
    expect(bills.map((bill) => [bill.period, Number(bill.amount)])).toEqual([
      ["2026-05", 25_000],
      ["2026-06", 25_000],
      ["2026-07", 25_000],
    ]);
  });

  it("counts what was paid at the counter against the oldest months: Rp75.000 billed less Rp30.000 leaves June's Rp20.000 and July", async () => {
    expect(await arrears(counterPayer.memberId)).toEqual({ total: 45_000, periods: ["2026-06", "2026-07"] });
  });

  it("auto-debits the arrears from sukarela as far as its available balance reaches", async () => {
    // May: Rp25.000 of the Rp30.000 available; June: the Rp5.000 left above the minimum; July: nothing.
    const entries = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
      const { rows } = await sql<{ date: string; code: string; member_account_id: string; debit: string; credit: string }>`
        SELECT to_char(e.business_date, 'YYYY-MM-DD') AS date, a.code, l.member_account_id, l.debit::text, l.credit::text
          FROM journal_entry e
          JOIN journal_line l ON l.koperasi_id = e.koperasi_id AND l.entry_id = e.id
          JOIN gl_account a ON a.koperasi_id = l.koperasi_id AND a.id = l.account_id
         WHERE e.source = 'wajib_auto_debit' ORDER BY e.business_date, l.line_no`.execute(trx);
      return rows.map((row) => [row.date, row.code, row.member_account_id, Number(row.debit), Number(row.credit)]);
    });
    expect(entries).toEqual([
      ["2026-05-31", "2-1100", autoDebited.sukarela, 25_000, 0],
      ["2026-05-31", "3-1200", autoDebited.wajib, 0, 25_000],
      ["2026-06-30", "2-1100", autoDebited.sukarela, 5_000, 0],
      ["2026-06-30", "3-1200", autoDebited.wajib, 0, 5_000],
    ]);
    expect(await memberBalance(t, k.koperasiId, autoDebited.sukarela)).toBe(10_000);
    expect(await arrears(autoDebited.memberId)).toEqual({ total: 45_000, periods: ["2026-06", "2026-07"] });
  });

  it("a run twice bills and debits once; the books hold together", async () => {
    const before = await journalCounts(t, k.koperasiId);
    await t.db.superuser.query(`DELETE FROM job_run WHERE koperasi_id = $1`, [k.koperasiId]);
    // Even with its record gone, the month's bills exist and the arrears are paid as far as they can be.
    const again = await runKoperasiJobs(t.ctx.database, koperasi, { through: "2026-07-31", jobs: [wajibBilling], now });
    expect(again.failure).toBeUndefined();
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
    await expectBooksBalanced(t, k.koperasiId);
  });
});
