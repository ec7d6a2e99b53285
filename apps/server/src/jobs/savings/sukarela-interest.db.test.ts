import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, type TestApp } from "../../testing/harness";
import type { Koperasi } from "../../command/command-context";
import { openMemberAccount } from "../../ledger/member-accounts";
import { expectBooksBalanced, journalCounts, memberWithAccount, type LedgerKoperasi } from "../../ledger/test-support";
import { payIn, savingsKoperasi } from "./test-support";
import { postEntry } from "../../ledger/post-entry";
import { END_OF_DAY_JOBS } from "../registry";
import { runKoperasiJobs } from "../run-jobs";

// Sukarela interest through the end-of-day jobs, on the default product (3% a
// year, daily balance, Rp10.000 minimum that earns): each day accrued, June
// posted on the 30th with the final tax, to the Rupiah.

let t: TestApp;
let k: LedgerKoperasi;
let koperasi: Koperasi;
const now = () => new Date("2026-07-02T05:00:00.000Z");

beforeAll(async () => {
  t = await createTestApp({ now });
  ({ k, koperasi } = await savingsKoperasi(t, "2026-05-20T01:00:00Z"));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const deposit = (memberAccountId: string, businessDate: string, amount: number) => payIn(t, k, memberAccountId, businessDate, amount);

async function sukarelaAccount(memberId?: string): Promise<{ memberId: string; memberAccountId: string }> {
  let account: { memberId: string; memberAccountId: string };
  if (memberId) {
    const memberAccountId = uuidv7();
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      openMemberAccount(trx, { koperasiId: k.koperasiId, id: memberAccountId, memberId, controlAccountId: k.account("2-1100"), now: now() }),
    );
    account = { memberId, memberAccountId };
  } else {
    account = await memberWithAccount(t, k);
  }
  // Opened before the cooperative's first June.
  await t.db.superuser.query(`UPDATE member_account SET created_at = '2026-05-25T01:00:00Z' WHERE id = $1`, [account.memberAccountId]);
  return account;
}

interface Line {
  code: string;
  memberAccountId: string | null;
  debit: number;
  credit: number;
}

/** The lines of the interest entries posted to a member account's entries, by voucher. */
async function interestLines(memberAccountId: string): Promise<Line[][]> {
  const rows = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
    const { rows } = await sql<{ voucher_no: string; code: string; member_account_id: string | null; debit: string; credit: string }>`
      SELECT e.voucher_no, a.code, l.member_account_id, l.debit::text, l.credit::text
        FROM journal_entry e
        JOIN journal_line l ON l.koperasi_id = e.koperasi_id AND l.entry_id = e.id
        JOIN gl_account a ON a.koperasi_id = l.koperasi_id AND a.id = l.account_id
       WHERE e.source = 'savings_interest'
         AND e.id IN (SELECT entry_id FROM journal_line WHERE member_account_id = ${memberAccountId}::uuid)
       ORDER BY e.voucher_no, l.line_no`.execute(trx);
    return rows;
  });
  const entries = new Map<string, Line[]>();
  for (const row of rows) {
    entries.set(row.voucher_no, [...(entries.get(row.voucher_no) ?? []), { code: row.code, memberAccountId: row.member_account_id, debit: Number(row.debit), credit: Number(row.credit) }]);
  }
  return [...entries.values()];
}

describe("sukarela interest and its tax through the end-of-day jobs", () => {
  let example: string;
  let atThreshold: string;
  let oneAbove: string;
  let twoAccounts: { first: string; second: string };
  let catchUp: string;

  beforeAll(async () => {
    // DOMAIN.md's worked example: Rp1.000.000 on days 1–10, Rp3.000.000 on days 11–30.
    example = (await sukarelaAccount()).memberAccountId;
    await deposit(example, "2026-06-01", 1_000_000);
    await deposit(example, "2026-06-11", 2_000_000);
    // 97.333.333 × 3% × 30/365 = 239.999,999 → Rp240.000 exactly.
    atThreshold = (await sukarelaAccount()).memberAccountId;
    await deposit(atThreshold, "2026-06-01", 97_333_333);
    // 97.333.739 × 3% × 30/365 = 240.001,0003 → Rp240.001.
    oneAbove = (await sukarelaAccount()).memberAccountId;
    await deposit(oneAbove, "2026-06-01", 97_333_739);
    // Rp150.000 and Rp100.000 in two accounts of one member: Rp250.000 in the month.
    const first = await sukarelaAccount();
    const second = await sukarelaAccount(first.memberId);
    twoAccounts = { first: first.memberAccountId, second: second.memberAccountId };
    await deposit(twoAccounts.first, "2026-06-01", 60_833_333);
    await deposit(twoAccounts.second, "2026-06-01", 40_555_555);

    // Rp239.000 posted to one account on 15 June (as a term deposit's interest would be), then
    // 811.111 × 3% × 30/365 = 1.999,999 → Rp2.000 on another at month-end: Rp241.000 in the month.
    const early = await sukarelaAccount();
    const late = await sukarelaAccount(early.memberId);
    catchUp = late.memberAccountId;
    await deposit(catchUp, "2026-06-01", 811_111);
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
      const posted = await postEntry(trx, {
        koperasiId: k.koperasiId,
        source: "savings_interest",
        businessDate: "2026-06-15",
        description: "Jasa simpanan",
        createdBy: null,
        lines: [
          { accountId: k.account("5-1100"), debit: 239_000 },
          { accountId: k.account("2-1100"), memberAccountId: early.memberAccountId, credit: 239_000 },
        ],
        postedAt: now(),
        newId: uuidv7,
      });
      await trx
        .insertInto("savings_interest_posting")
        .values({ koperasi_id: k.koperasiId, id: uuidv7(), member_id: early.memberId, member_account_id: early.memberAccountId, period: "2026-06", kind: "sukarela_interest", business_date: "2026-06-15", interest: 239_000, tax: 0, journal_entry_id: posted.id })
        .execute();
    });

    const report = await runKoperasiJobs(t.ctx.database, koperasi, { through: "2026-06-30", jobs: END_OF_DAY_JOBS, now });
    expect(report.failure).toBeUndefined();
  }, 120_000);

  it("a month-end posting that crosses the threshold withholds all it pays, and the catch-up takes the rest from her account", async () => {
    // Rp241.000 → Rp24.100 owed: the Rp2.000 posting goes wholly to tax, Rp22.100 more is debited.
    const postings = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.selectFrom("savings_interest_posting").select(["kind", "interest", "tax", "journal_entry_id"]).where("member_account_id", "=", catchUp).orderBy("kind").execute(),
    );
    expect(postings.map((row) => [row.kind, Number(row.interest), Number(row.tax)])).toEqual([
      ["sukarela_interest", 2_000, 2_000],
      ["tax_catch_up", 0, 22_100],
    ]);
    // Nothing left to credit her: the interest entry is expense against utang pajak alone.
    const interestEntry = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
      const { rows } = await sql<{ code: string; debit: string; credit: string }>`
        SELECT a.code, l.debit::text, l.credit::text FROM journal_line l JOIN gl_account a ON a.koperasi_id = l.koperasi_id AND a.id = l.account_id
         WHERE l.entry_id = ${postings[0]?.journal_entry_id ?? ""}::uuid ORDER BY l.line_no`.execute(trx);
      return rows.map((row) => [row.code, Number(row.debit), Number(row.credit)]);
    });
    expect(interestEntry).toEqual([
      ["5-1100", 2_000, 0],
      ["2-1300", 0, 2_000],
    ]);
    expect(await interestLines(catchUp)).toEqual([
      [
        { code: "2-1100", memberAccountId: catchUp, debit: 22_100, credit: 0 },
        { code: "2-1300", memberAccountId: null, debit: 0, credit: 22_100 },
      ],
    ]);
  });

  it("posts the worked example's Rp5.753 on 30 June: jasa simpanan expense debited, the member's account credited", async () => {
    expect(await interestLines(example)).toEqual([
      [
        { code: "5-1100", memberAccountId: null, debit: 5_753, credit: 0 },
        { code: "2-1100", memberAccountId: example, debit: 0, credit: 5_753 },
      ],
    ]);
  });

  it("withholds nothing on exactly Rp240.000", async () => {
    expect(await interestLines(atThreshold)).toEqual([
      [
        { code: "5-1100", memberAccountId: null, debit: 240_000, credit: 0 },
        { code: "2-1100", memberAccountId: atThreshold, debit: 0, credit: 240_000 },
      ],
    ]);
  });

  it("withholds 10% of the whole on Rp240.001: Rp24.000 to utang pajak", async () => {
    expect(await interestLines(oneAbove)).toEqual([
      [
        { code: "5-1100", memberAccountId: null, debit: 240_001, credit: 0 },
        { code: "2-1100", memberAccountId: oneAbove, debit: 0, credit: 216_001 },
        { code: "2-1300", memberAccountId: null, debit: 0, credit: 24_000 },
      ],
    ]);
  });

  it("two accounts adding past the threshold: the larger posting, made last, withholds the tax on both", async () => {
    expect(await interestLines(twoAccounts.second)).toEqual([
      [
        { code: "5-1100", memberAccountId: null, debit: 100_000, credit: 0 },
        { code: "2-1100", memberAccountId: twoAccounts.second, debit: 0, credit: 100_000 },
      ],
    ]);
    expect(await interestLines(twoAccounts.first)).toEqual([
      [
        { code: "5-1100", memberAccountId: null, debit: 150_000, credit: 0 },
        { code: "2-1100", memberAccountId: twoAccounts.first, debit: 0, credit: 125_000 },
        { code: "2-1300", memberAccountId: null, debit: 0, credit: 25_000 },
      ],
    ]);
    const withheld = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.selectFrom("savings_interest_posting").select(["interest", "tax", "period", "kind"]).where("member_account_id", "in", [twoAccounts.first, twoAccounts.second]).orderBy("interest", "desc").execute(),
    );
    expect(withheld.map((row) => [Number(row.interest), Number(row.tax), row.period, row.kind])).toEqual([
      [150_000, 25_000, "2026-06", "sukarela_interest"],
      [100_000, 0, "2026-06", "sukarela_interest"],
    ]);
  });

  it("lists the month's tax withheld per member for the tax office, as JSON and as Excel", async () => {
    const base = `/api/v1/koperasi/${k.koperasiId}/savings/tax-withholding`;
    const res = await t.app.inject({ method: "GET", url: `${base}?period=2026-06`, headers: { cookie: k.bendahara.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{ rows: { memberNumber: string; interest: number; tax: number }[]; totalInterest: number; totalTax: number }>();
    // The member at the threshold had nothing withheld and is not on the list.
    expect(report.rows.map((row) => [row.interest, row.tax])).toEqual([
      [240_001, 24_000],
      [250_000, 25_000],
      [241_000, 24_100],
    ]);
    expect([report.totalInterest, report.totalTax]).toEqual([731_001, 73_100]);

    const file = await t.app.inject({ method: "GET", url: `${base}.xlsx?period=2026-06`, headers: { cookie: k.bendahara.cookie } });
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const values = workbook.worksheets[0]?.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1)] : [])) ?? [];
    expect(values).toContainEqual(["", "", "Jumlah", "", 731_001, 73_100]);
    expect(values.filter((row) => typeof row[0] === "number").map((row) => [row[1], row[4], row[5]])).toEqual(report.rows.map((row) => [row.memberNumber, row.interest, row.tax]));

    const bad = await t.app.inject({ method: "GET", url: `${base}?period=2026-13`, headers: { cookie: k.bendahara.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
  });

  it("a run twice posts once; the books hold together", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const again = await runKoperasiJobs(t.ctx.database, koperasi, { through: "2026-06-30", jobs: END_OF_DAY_JOBS, now });
    expect(again).toMatchObject({ ran: 0 });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
    await expectBooksBalanced(t, k.koperasiId);
  });
});
