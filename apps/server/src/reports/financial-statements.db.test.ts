import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FinancialStatementsReport } from "@koperasi/contracts";
import { uuidv7 } from "@koperasi/domain";
import { postAs, postedJournal } from "../ledger/books-test-support";
import { ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "../ledger/test-support";
import { signedInAs, type TestApp, createTestApp } from "../testing/harness";
import { pdfPages } from "../testing/pdf-text";
import { expectStatementsTieToTrialBalance } from "./statements-test-support";
import { RUPIAH_FORMAT } from "./financial-statements-xlsx";

// The statements over HTTP for a KSP whose 2026 is closed: what each shows,
// that they tie to the trial balance, that the closing entry stays out of
// the income statement, the PDF on the letterhead with its signatures, the
// workbook, back-dated entries, and what is refused.

let t: TestApp;
let k: LedgerKoperasi;
let now = new Date("2026-10-31T05:00:00.000Z"); // 12.00 WIB
const url = (query: string, suffix = "", koperasi: LedgerKoperasi = k) => `/api/v1/koperasi/${koperasi.koperasiId}/reports/financial-statements${suffix}?${query}`;
const get = (query: string, suffix = "", cookie = k.ketua.cookie) => t.app.inject({ url: url(query, suffix), headers: { cookie } });

async function report(query: string): Promise<FinancialStatementsReport> {
  const res = await get(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as FinancialStatementsReport;
}

const lineOf = (set: FinancialStatementsReport["current"], key: string) =>
  [...set.balanceSheet.sections, set.incomeStatement.income, set.incomeStatement.expenses].flatMap((s) => s.lines).find((l) => l.key === key)?.amount;

let knownBeforeBackdating: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
  await t.ctx.database.db
    .updateTable("koperasi")
    .set({ name: "Koperasi Sumber Rejeki", nomor_badan_hukum: "AHU-0001234.AH.01.29.TAHUN 2024", city: "Malang" })
    .where("id", "=", k.koperasiId)
    .execute();
  // Registered on 1 December 2025 (WIB): its books begin then.
  await sql`UPDATE koperasi SET created_at = '2025-11-30T17:00:00Z' WHERE id = ${k.koperasiId}::uuid`.execute(t.ctx.database.db);
  // The structure in office: ketua, bendahara, ketua pengawas.
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
    for (const [name, body, position] of [
      ["Siti Rahmawati", "pengurus", "ketua"],
      ["Budi Santoso", "pengurus", "bendahara"],
      ["Hendra Wijaya", "pengawas", "ketua_pengawas"],
    ] as const) {
      const memberId = uuidv7();
      await trx.insertInto("member").values({ koperasi_id: k.koperasiId, id: memberId, member_number: `SR-${position}`, full_name: name, status: "aktif", joined_on: "2025-12-01" }).execute();
      await trx.insertInto("structure_term").values({ koperasi_id: k.koperasiId, id: uuidv7(), member_id: memberId, body, position, start_on: "2026-01-01", end_on: "2028-12-31" }).execute();
    }
  });
  // Simpanan pokok of the founders (an opening balance on 2 January: Kas to Simpanan Pokok).
  await memberWithAccount(t, k, { balance: 20_000_000, controlCode: "3-1100" });
  await postedJournal(t, k, "2026-02-10", "Penempatan dana pada koperasi sekunder", [
    { code: "1-2100", debit: 15_000_000 },
    { code: "1-1100", credit: 15_000_000 },
  ]);
  await postedJournal(t, k, "2026-03-31", "Jasa pinjaman triwulan I", [
    { code: "1-1100", debit: 1_250_000 },
    { code: "4-1100", credit: 1_250_000 },
  ]);
  await postedJournal(t, k, "2026-06-30", "Gaji semester I", [
    { code: "5-2100", debit: 600_000 },
    { code: "1-1100", credit: 600_000 },
  ]);
  await postedJournal(t, k, "2026-09-15", "Pembelian komputer", [
    { code: "1-2200", debit: 4_000_000 },
    { code: "1-1200", credit: 4_000_000 },
  ]);
  await postedJournal(t, k, "2026-09-16", "Setoran kas ke bank", [
    { code: "1-1200", debit: 5_000_000 },
    { code: "1-1100", credit: 5_000_000 },
  ]);
  await postedJournal(t, k, "2026-10-20", "Jasa pinjaman Oktober", [
    { code: "1-1100", debit: 300_000 },
    { code: "4-1100", credit: 300_000 },
  ]);
  knownBeforeBackdating = now.toISOString();
});
afterAll(async () => {
  await t?.close();
});

describe("financial statements of a KSP", () => {
  it("gives October 2026 beside September, balanced and tied to the trial balance", async () => {
    const r = await report("period=2026-10");
    expect(r.period).toEqual({ kind: "month", label: "2026-10", from: "2026-10-01", to: "2026-10-31" });
    expect(r.priorPeriod.label).toBe("2026-09");
    expect(r.current.incomeStatement.shu).toBe(300_000);
    expect(r.prior.incomeStatement.shu).toBe(0);
    expect(lineOf(r.current, "kas_setara_kas")).toBe(20_000_000 - 15_000_000 + 1_250_000 - 600_000 - 4_000_000 + 300_000);
    expect(lineOf(r.current, "shu_tahun_berjalan")).toBe(950_000);
    expect(r.current.balanceSheet.totalAssets).toBe(20_950_000);
    // The purchase of the computer is investing; the transfer to the bank is no flow at all.
    const september = Object.fromEntries(r.prior.cashFlow.activities.flatMap((a) => a.lines).map((l) => [l.key, l.amount]));
    expect(september["aset_tetap.pembayaran"]).toBe(-4_000_000);
    expect(r.prior.cashFlow.netChange).toBe(-4_000_000);
    expect(r.latePostings).toEqual([]);
    await expectStatementsTieToTrialBalance(t, k.koperasiId, r);
  });

  it("gives a quarter and a year too, and an empty month as a valid report of zeros", async () => {
    const quarter = await report("period=2026-Q1");
    expect(quarter.current.incomeStatement.shu).toBe(1_250_000);
    expect(quarter.priorPeriod.label).toBe("2025-Q4");
    await expectStatementsTieToTrialBalance(t, k.koperasiId, quarter);
    const empty = await report("period=2026-05");
    expect(empty.current.incomeStatement.shu).toBe(0);
    expect(empty.current.cashFlow.netChange).toBe(0);
    await expectStatementsTieToTrialBalance(t, k.koperasiId, empty);
    const december2025 = await report("period=2025-12");
    expect(december2025.current.balanceSheet.totalAssets).toBe(0);
    const xlsx = await get("period=2025-12", ".xlsx");
    expect(xlsx.statusCode).toBe(200);
  });

  it("names an entry dated in October but posted in November, and reproduces October as it was known before it", async () => {
    now = new Date("2026-11-05T03:00:00.000Z");
    await postedJournal(t, k, "2026-10-25", "Beban RAT yang terlambat dicatat", [
      { code: "5-2200", debit: 100_000 },
      { code: "1-1100", credit: 100_000 },
    ]);
    const later = await report("period=2026-10");
    expect(later.current.incomeStatement.shu).toBe(200_000);
    expect(later.latePostings).toEqual([expect.objectContaining({ businessDate: "2026-10-25", description: "Beban RAT yang terlambat dicatat" })]);
    expect(later.latePostingCount).toBe(1);
    const asKnown = await report(`period=2026-10&knownAt=${encodeURIComponent(knownBeforeBackdating)}`);
    expect(asKnown.current.incomeStatement.shu).toBe(300_000);
    expect(asKnown.latePostings).toEqual([]);
    const pdf = await get("period=2026-10", ".pdf");
    const text = (await pdfPages(pdf.rawPayload)).pages.join("\n");
    expect(text).toContain("Beban RAT yang terlambat dicatat");
  });

  it("keeps the year-end closing entry out of the income statement of 2026", async () => {
    now = new Date("2027-01-15T03:00:00.000Z");
    const closed = await postAs(t, k.bendahara, `/api/v1/koperasi/${k.koperasiId}/book-years/2026/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ netResult: 850_000 });
    const year = await report("period=2026");
    expect(year.current.incomeStatement.income.total).toBe(1_550_000);
    expect(year.current.incomeStatement.expenses.total).toBe(700_000);
    expect(year.current.incomeStatement.shu).toBe(850_000);
    expect(year.current.equityChanges.rows.find((row) => row.key === "shu_tahun_berjalan")).toMatchObject({ opening: 0, shu: 850_000, closing: 850_000 });
    const december = await report("period=2026-12");
    expect(december.current.incomeStatement.shu).toBe(0);
    // The closing entry, posted in January, is no back-dated entry to footnote.
    expect(december.latePostings).toEqual([]);
    await expectStatementsTieToTrialBalance(t, k.koperasiId, year);
    await expectStatementsTieToTrialBalance(t, k.koperasiId, december);
  });

  it("prints the PDF on the letterhead: totals right as Rupiah, signatures of those in office, page numbers, who printed it", async () => {
    const res = await get("period=2026", ".pdf");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain("laporan-keuangan-2026.pdf");
    const { pages, info } = await pdfPages(res.rawPayload);
    const text = pages.join("\n");
    expect(info.Title).toBe("Laporan Keuangan");
    expect(pages[0]).toContain("Koperasi Sumber Rejeki");
    expect(pages[0]).toContain("Badan Hukum No. AHU-0001234.AH.01.29.TAHUN 2024");
    for (const title of ["Laporan Posisi Keuangan", "Laporan Perhitungan Hasil Usaha", "Laporan Perubahan Ekuitas", "Laporan Arus Kas"]) expect(text).toContain(title);
    expect(text).toMatch(/JUMLAH ASET\s+Rp20\.850\.000\s+Rp0/);
    expect(text).toMatch(/JUMLAH LIABILITAS DAN EKUITAS\s+Rp20\.850\.000/);
    expect(text).toMatch(/SISA HASIL USAHA \(DEFISIT\)\s+Rp850\.000/);
    // Cash paid out shows in parentheses.
    expect(text).toContain("(Rp15.000.000)");
    for (const name of ["Siti Rahmawati", "Budi Santoso", "Hendra Wijaya"]) expect(text).toContain(name);
    pages.forEach((page, index) => expect(page).toContain(`Halaman ${index + 1} dari ${pages.length}`));
    // The notes: policies from the savings products' terms, and each line's accounts.
    expect(text).toContain("Catatan atas Laporan Keuangan");
    expect(text).toContain("Standar Akuntansi Keuangan Entitas Privat");
    expect(text).toMatch(/akun 3-1100\)/);
    expect(text).toMatch(/1-2100 Penempatan pada Koperasi Lain\s+Rp15\.000\.000/);
    expect(text).toMatch(/Dicetak \d+ Januari 2027 \d\d\.\d\d WIB oleh Pengguna \d+/);
  });

  it("exports a workbook with one sheet per statement and the notes, amounts as numbers in Rupiah", async () => {
    const res = await get("period=2026", ".xlsx");
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Posisi Keuangan", "Hasil Usaha", "Perubahan Ekuitas", "Arus Kas", "Catatan"]);
    const find = (sheet: string, label: string) => {
      let found: ExcelJS.Row | undefined;
      workbook.getWorksheet(sheet)?.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      return found;
    };
    const assets = find("Posisi Keuangan", "JUMLAH ASET");
    expect(find("Catatan", "  1-2100 Penempatan pada Koperasi Lain")?.getCell(2).value).toBe(15_000_000);
    expect(find("Catatan", "2. Ikhtisar Kebijakan Akuntansi")).toBeDefined();
    expect(assets?.getCell(2).value).toBe(20_850_000);
    expect(assets?.getCell(2).numFmt).toBe(RUPIAH_FORMAT);
    expect(find("Hasil Usaha", "SISA HASIL USAHA (DEFISIT)")?.getCell(2).value).toBe(850_000);
    expect(workbook.getWorksheet("Posisi Keuangan")?.getCell("A1").value).toBe("Koperasi Sumber Rejeki");
  });
});

describe("what the statements refuse", () => {
  it("answers bad periods with problem+json in Indonesian", async () => {
    const malformed = await get("period=2026-13");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers["content-type"]).toContain("application/problem+json");
    expect(malformed.json()).toMatchObject({ errors: [expect.objectContaining({ path: expect.stringContaining("period") })] });
    expect(JSON.stringify(malformed.json())).toMatch(/Periode/);
    const future = await get("period=2027-06");
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ code: "period_in_future", errors: [expect.objectContaining({ path: "query.period" })] });
    const before = await get("period=2024");
    expect(before.statusCode).toBe(422);
    expect(before.json()).toMatchObject({ code: "period_before_koperasi" });
    expect(before.json().detail).toContain("2025-12-01");
    expect((await get("period=2026&knownAt=2030-01-01T00:00:00Z")).json()).toMatchObject({ code: "known_at_in_future" });
    expect((await get("")).statusCode).toBe(400);
    expect((await get("period=2026-13", ".pdf")).statusCode).toBe(400);
  });

  it("is for the pengurus and pengawas, not the kasir or another cooperative's board", async () => {
    const pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k.koperasiId });
    expect((await get("period=2026", "", pengawas.cookie)).statusCode).toBe(200);
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
    expect((await get("period=2026", "", kasir.cookie)).statusCode).toBe(403);
    expect((await get("period=2026", ".pdf", kasir.cookie)).statusCode).toBe(403);
    const other = await signedInAs(t.ctx, ["pengurus"]);
    expect((await get("period=2026", "", other.cookie)).statusCode).toBe(403);
  });
});
