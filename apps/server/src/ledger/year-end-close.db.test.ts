import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, type TestApp } from "../testing/harness";
import { auditOf, pendingJournal, postAs, postedJournal } from "./books-test-support";
import { expectBooksBalanced, journalCounts, ledgerKoperasi, type LedgerKoperasi } from "./test-support";

// Tutup buku over HTTP: the closing entry's exact lines per GL account, the
// months it closes, idempotency, and what it refuses.

let t: TestApp;
let k: LedgerKoperasi;
let now = new Date("2027-01-15T03:00:00.000Z"); // 10.00 WIB, 15 January 2027
const base = (koperasi: LedgerKoperasi = k) => `/api/v1/koperasi/${koperasi.koperasiId}`;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
});
afterAll(async () => {
  await t?.close();
});

const closeYear = (year: number, koperasi: LedgerKoperasi = k, key: string = uuidv7(), who = koperasi.bendahara) =>
  postAs(t, who, `${base(koperasi)}/book-years/${year}/close`, undefined, key);

interface Line {
  accountCode: string;
  debit: number;
  credit: number;
}

function lines(entry: { lines: Line[] }): [string, number, number][] {
  return entry.lines.map((line) => [line.accountCode, line.debit, line.credit]);
}

async function trialBalanceRow(koperasi: LedgerKoperasi, asOf: string, code: string) {
  const res = await t.app.inject({ url: `${base(koperasi)}/trial-balance?asOf=${asOf}`, headers: { cookie: koperasi.ketua.cookie } });
  expect(res.statusCode).toBe(200);
  const rows = (res.json() as { rows: { code: string; debit: number; credit: number }[] }).rows;
  const row = rows.find((r) => r.code === code);
  return row ? { debit: row.debit, credit: row.credit } : { debit: 0, credit: 0 };
}

/** A KSP's 2026: income Rp13.700.000 (a denda partly refunded), expenses Rp8.500.000 → SHU Rp5.200.000. */
async function bookYear2026(koperasi: LedgerKoperasi): Promise<void> {
  await postedJournal(t, koperasi, "2026-03-31", "Jasa pinjaman triwulan I", [
    { code: "1-1100", debit: 12_000_000 },
    { code: "4-1100", credit: 12_000_000 },
  ]);
  await postedJournal(t, koperasi, "2026-04-30", "Provisi dan administrasi", [
    { code: "1-1200", debit: 1_500_000 },
    { code: "4-1200", credit: 1_500_000 },
  ]);
  await postedJournal(t, koperasi, "2026-05-15", "Denda keterlambatan", [
    { code: "1-1100", debit: 250_000 },
    { code: "4-1300", credit: 250_000 },
  ]);
  await postedJournal(t, koperasi, "2026-05-20", "Pengembalian denda", [
    { code: "4-1300", debit: 50_000 },
    { code: "1-1100", credit: 50_000 },
  ]);
  await postedJournal(t, koperasi, "2026-06-30", "Beban semester I", [
    { code: "5-1100", debit: 3_000_000 },
    { code: "5-2100", debit: 4_000_000 },
    { code: "5-2200", debit: 1_000_000 },
    { code: "1-1100", credit: 8_000_000 },
  ]);
  await postedJournal(t, koperasi, "2026-12-31", "Penyusutan aset tetap", [
    { code: "5-2300", debit: 500_000 },
    { code: "1-2210", credit: 500_000 },
  ]);
}

describe("tutup buku 2026", () => {
  let closing: { bookYear: number; netResult: number; entry: { id: string; voucherNo: string; businessDate: string; source: string; sourceRef: string; lines: Line[] }; closedPeriods: { period: string; bookYearClosed: boolean }[] };
  let key: string;

  beforeAll(async () => {
    await bookYear2026(k);
    // January 2027 has begun: its income is not 2026's.
    await postedJournal(t, k, "2027-01-05", "Jasa pinjaman Januari 2027", [
      { code: "1-1100", debit: 100_000 },
      { code: "4-1100", credit: 100_000 },
    ]);
  });

  it("is refused to the ketua, who does not keep the books", async () => {
    expect((await closeYear(2026, k, uuidv7(), k.ketua)).statusCode).toBe(403);
  });

  it("posts TB/2026/000001 on 31 December: every income and expense account to zero, the SHU into SHU Tahun Berjalan", async () => {
    key = uuidv7();
    const res = await closeYear(2026, k, key);
    expect(res.statusCode, res.body).toBe(200);
    closing = res.json();
    expect(closing).toMatchObject({ bookYear: 2026, netResult: 5_200_000 });
    expect(closing.entry).toMatchObject({ voucherNo: "TB/2026/000001", businessDate: "2026-12-31", source: "year_end_close", sourceRef: "2026", status: "posted" });
    expect(lines(closing.entry)).toEqual([
      ["4-1100", 12_000_000, 0],
      ["4-1200", 1_500_000, 0],
      ["4-1300", 200_000, 0],
      ["5-1100", 0, 3_000_000],
      ["5-2100", 0, 4_000_000],
      ["5-2200", 0, 1_000_000],
      ["5-2300", 0, 500_000],
      ["3-4100", 0, 5_200_000],
    ]);
    const audit = await auditOf(t, k.koperasiId, "ledger.year_close");
    expect(audit).toEqual([expect.objectContaining({ actor_user_id: k.bendahara.userId, target_id: "2026", details: { voucherNo: "TB/2026/000001", netResult: 5_200_000 } })]);
  });

  it("leaves the trial balance at 31 December with no income or expense, and the SHU in equity; 2027 starts afresh", async () => {
    for (const code of ["4-1100", "4-1200", "4-1300", "5-1100", "5-2100", "5-2200", "5-2300"]) {
      expect(await trialBalanceRow(k, "2026-12-31", code), code).toEqual({ debit: 0, credit: 0 });
    }
    expect(await trialBalanceRow(k, "2026-12-31", "3-4100")).toEqual({ debit: 0, credit: 5_200_000 });
    expect(await trialBalanceRow(k, "2026-12-31", "1-1100")).toEqual({ debit: 4_200_000, credit: 0 });
    expect(await trialBalanceRow(k, "2027-01-31", "4-1100")).toEqual({ debit: 0, credit: 100_000 });
    const ledger = await t.app.inject({ url: `${base()}/accounts/${k.account("3-4100")}/ledger?from=2026-01-01&to=2026-12-31`, headers: { cookie: k.ketua.cookie } });
    expect(ledger.json()).toMatchObject({ openingBalance: 0, closingBalance: 5_200_000, items: [{ voucherNo: "TB/2026/000001", credit: 5_200_000, balance: 5_200_000 }] });
    await expectBooksBalanced(t, k.koperasiId);
  });

  it("closes every month of 2026, for good", async () => {
    expect(closing.closedPeriods.map((p) => [p.period, p.bookYearClosed])).toEqual(
      Array.from({ length: 12 }, (_, i) => [`2026-${String(i + 1).padStart(2, "0")}`, true]),
    );
    const reopen = await postAs(t, k.ketua, `${base()}/periods/2026-06/reopen`, { reason: "Koreksi audit" });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json()).toMatchObject({ code: "book_year_closed" });
    // The database holds the line too, for whoever asks.
    const del = t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => sql`DELETE FROM closed_period WHERE period_start = '2026-06-01'`.execute(trx));
    await expect(del).rejects.toThrow(/book year 2026 is closed/);
    await expect(t.db.superuser.query(`DELETE FROM closed_period WHERE koperasi_id = $1 AND period_start = '2026-12-01'`, [k.koperasiId])).rejects.toThrow(/book year 2026 is closed/);
    const late = await postAs(t, k.bendahara, `${base()}/journals`, {
      businessDate: "2026-07-01",
      description: "Terlambat",
      lines: [
        { accountId: k.account("5-2100"), debit: 1 },
        { accountId: k.account("1-1100"), credit: 1 },
      ],
    });
    expect(late.json()).toMatchObject({ status: 422, code: "period_closed" });
  });

  it("is idempotent: the same key replays the response; another key is refused; nothing posts twice", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const replay = await closeYear(2026, k, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json()).toEqual(closing);
    const again = await closeYear(2026);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "year_already_closed", detail: "Tahun buku ini sudah ditutup." });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("waits for the year to end", async () => {
    const res = await closeYear(2027);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "year_not_ended", errors: [{ path: "params.year" }] });
  });
});

describe("tutup buku in order, with what a year may hold", () => {
  let j: LedgerKoperasi;

  beforeAll(async () => {
    j = await ledgerKoperasi(t);
    // 2025: a loss. December 2025 is closed by month close before the year is.
    await postedJournal(t, j, "2025-11-30", "Jasa pinjaman 2025", [
      { code: "1-1100", debit: 1_000_000 },
      { code: "4-1100", credit: 1_000_000 },
    ]);
    await postedJournal(t, j, "2025-12-20", "Biaya RAT 2025", [
      { code: "5-2200", debit: 1_750_000 },
      { code: "1-1100", credit: 1_750_000 },
    ]);
    await bookYear2026(j);
  });

  it("refuses 2026 while 2025, which has income and expenses, is open", async () => {
    const res = await closeYear(2026, j);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "earlier_year_open" });
  });

  it("refuses a year with a journal still awaiting approval", async () => {
    const pending = await pendingJournal(t, j, "2025-06-01", "Menunggu", [
      { code: "5-2100", debit: 10 },
      { code: "1-1100", credit: 10 },
    ]);
    expect((await closeYear(2025, j)).json()).toMatchObject({ status: 409, code: "year_has_pending" });
    expect((await postAs(t, j.ketua, `${base(j)}/journals/${pending}/reject`, {})).statusCode).toBe(200);
  });

  it("closes 2025 with its loss debited to SHU Tahun Berjalan, through a December already closed, which keeps its record", async () => {
    const december = await postAs(t, j.bendahara, `${base(j)}/periods/2025-12/close`);
    expect(december.statusCode).toBe(201);
    now = new Date(now.getTime() + 60_000);
    const res = await closeYear(2025, j);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ bookYear: 2025, netResult: -750_000, entry: { voucherNo: "TB/2025/000001", businessDate: "2025-12-31" } });
    expect(lines(body.entry)).toEqual([
      ["4-1100", 1_000_000, 0],
      ["5-2200", 0, 1_750_000],
      ["3-4100", 750_000, 0],
    ]);
    const dec = (body.closedPeriods as { period: string; closedAt: string }[]).find((p) => p.period === "2025-12");
    expect(dec).toEqual({ period: "2025-12", closedBy: j.bendahara.userId, closedAt: december.json().closedAt, bookYearClosed: true });
  });

  it("then closes 2026 with 2026's result alone", async () => {
    const res = await closeYear(2026, j);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ netResult: 5_200_000, entry: { voucherNo: "TB/2026/000001" } });
    // SHU tahun berjalan holds both years until the RAT decides on them.
    expect(await trialBalanceRow(j, "2026-12-31", "3-4100")).toEqual({ debit: 0, credit: 4_450_000 });
    await expectBooksBalanced(t, j.koperasiId);
  });

  it("closes a year without income or expenses without an entry", async () => {
    const empty = await ledgerKoperasi(t);
    await postedJournal(t, empty, "2026-08-01", "Setoran modal hibah", [
      { code: "1-1200", debit: 5_000_000 },
      { code: "3-3100", credit: 5_000_000 },
    ]);
    const before = await journalCounts(t, empty.koperasiId);
    const res = await closeYear(2026, empty);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ bookYear: 2026, netResult: 0, entry: null });
    expect(res.json().closedPeriods).toHaveLength(12);
    expect(await journalCounts(t, empty.koperasiId)).toEqual(before);
  });

  it("needs SHU Tahun Berjalan open", async () => {
    const noShu = await ledgerKoperasi(t);
    await t.db.superuser.query(`UPDATE gl_account SET status = 'closed', closed_at = now() WHERE koperasi_id = $1 AND code = '3-4100'`, [noShu.koperasiId]);
    await postedJournal(t, noShu, "2026-08-01", "Jasa", [
      { code: "1-1100", debit: 1 },
      { code: "4-1100", credit: 1 },
    ]);
    expect((await closeYear(2026, noShu)).json()).toMatchObject({ status: 422, code: "shu_account_missing" });
  });
});
