import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { savingsKoperasi, payIn } from "../jobs/savings/test-support";
import { postAs, postedJournal } from "../ledger/books-test-support";
import { openMemberAccount } from "../ledger/member-accounts";
import { postEntry } from "../ledger/post-entry";
import { expectBooksBalanced, journalCounts, memberBalance, memberWithAccount, type LedgerKoperasi, type Person } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// SHU over HTTP on the real books: DOMAIN.md's second worked example
// (SHU 100 jt; simpanan A/B/C 2/3/5 jt; jasa 0,6/0,3/0,1 jt → 16/12/12 jt)
// from balances and interest actually posted in 2026 and a real year-end
// close; the flow calculated → reviewed → approved at the RAT → distributed
// with the distribution's journal lines exactly; the daily weighted average;
// and every refusal as problem+json in Bahasa Indonesia.

const JT = 1_000_000;
let t: TestApp;
let k: LedgerKoperasi;
let pengawas: Person;
let anggota: Person;
const now = new Date("2027-02-15T03:00:00.000Z");
const base = (koperasi: LedgerKoperasi = k) => `/api/v1/koperasi/${koperasi.koperasiId}/shu`;

interface Member {
  memberId: string;
  memberNumber: string;
  wajib: string;
  sukarela: string;
}

/** A member with a wajib and a sukarela account (the default products), optionally signed in as her own login. */
async function member(koperasi: LedgerKoperasi, userId?: string): Promise<Member> {
  const made = await memberWithAccount(t, koperasi, { controlCode: "3-1200", ...(userId ? { userId } : {}) });
  const sukarela = uuidv7();
  await t.ctx.database.tenant({ koperasiId: koperasi.koperasiId }, (trx) =>
    openMemberAccount(trx, { koperasiId: koperasi.koperasiId, id: sukarela, memberId: made.memberId, controlAccountId: koperasi.account("2-1100"), now: t.ctx.now() }),
  );
  return { memberId: made.memberId, memberNumber: made.memberNumber, wajib: made.memberAccountId, sukarela };
}

/** Loan interest the member pays from her sukarela account: her jasa usaha basis. */
async function interestPaid(koperasi: LedgerKoperasi, m: Member, businessDate: string, amount: number): Promise<void> {
  await t.ctx.database.tenant({ koperasiId: koperasi.koperasiId }, (trx) =>
    postEntry(trx, {
      koperasiId: koperasi.koperasiId,
      source: "transfer",
      businessDate,
      description: "Jasa pinjaman dibayar dari simpanan sukarela",
      createdBy: null,
      lines: [
        { accountId: koperasi.account("2-1100"), memberAccountId: m.sukarela, debit: amount },
        { accountId: koperasi.account("4-1100"), credit: amount },
      ],
      postedAt: t.ctx.now(),
      newId: uuidv7,
    }),
  );
}

type Line = { accountCode: string; memberAccountId: string | null; debit: number; credit: number };
const lineTuples = (entry: { lines: Line[] }) => entry.lines.map((l) => [l.accountCode, l.memberAccountId, l.debit, l.credit]);

/** An account's balance (credit − debit) on the trial balance as of the test's today. */
async function trialBalance(koperasi: LedgerKoperasi, code: string): Promise<number> {
  const res = await t.app.inject({ url: `/api/v1/koperasi/${koperasi.koperasiId}/trial-balance?asOf=2027-02-15`, headers: { cookie: koperasi.ketua.cookie } });
  const row = (res.json() as { rows: { code: string; debit: number; credit: number }[] }).rows.find((r) => r.code === code);
  return row ? row.credit - row.debit : 0;
}

const get = (person: Person, url: string) => t.app.inject({ url, headers: { cookie: person.cookie } });
const post = (person: Person, url: string, body?: unknown, key?: string) => postAs(t, person, url, body, key);

let a: Member;
let b: Member;
let c: Member;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  ({ k } = await savingsKoperasi(t, "2025-06-01T00:00:00.000Z"));
  pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k.koperasiId });
  anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
  a = await member(k, anggota.userId);
  b = await member(k);
  c = await member(k);
  // Simpanan wajib held all year (counted for jasa modal), sukarela to pay interest from (not counted by default).
  for (const [m, wajib] of [[a, 2 * JT], [b, 3 * JT], [c, 5 * JT]] as const) {
    await payIn(t, k, m.wajib, "2025-12-31", wajib, "3-1200");
    await payIn(t, k, m.sukarela, "2025-12-31", 1 * JT);
  }
  await interestPaid(k, a, "2026-03-31", 600_000);
  await interestPaid(k, b, "2026-06-30", 300_000);
  await interestPaid(k, c, "2026-09-30", 100_000);
  // Other income nobody's: provisi and administrasi. SHU = 1 jt + 99 jt = 100 jt.
  await postedJournal(t, k, "2026-10-31", "Provisi dan administrasi", [
    { code: "1-1100", debit: 99 * JT },
    { code: "4-1200", credit: 99 * JT },
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe("before the year is closed", () => {
  it("refuses to calculate an open year, in Indonesian, naming the year", async () => {
    const res = await post(k.bendahara, `${base()}/2026/calculate`);
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "year_not_closed", errors: [{ path: "params.year", code: "year_not_closed" }] });
    expect(res.json().detail).toContain("Tahun 2026 belum ditutup");
  });

  it("refuses a split that does not total 100%, and percentages that are not percentages", async () => {
    const percentages = { cadangan: "40", jasa_modal: "20", jasa_usaha: "20", dana_pengurus: "5", dana_karyawan: "5", dana_pendidikan: "5", dana_sosial: "4,5" };
    const res = await post(k.bendahara, `${base()}/settings`, { percentages });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "percentages_not_100", errors: [{ path: "body.percentages" }] });
    expect(res.json().detail).toContain("99,5%");
    const over = await post(k.bendahara, `${base()}/settings`, { percentages: { ...percentages, dana_sosial: "101" } });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0].path).toBe("body.percentages.dana_sosial");
    const past = await post(k.bendahara, `${base()}/settings`, { percentages: { ...percentages, dana_sosial: "5" }, effectiveFrom: "2027-01-01" });
    expect(past.statusCode).toBe(422);
    expect(past.json().code).toBe("setting_date_past");
  });

  it("keeps the split as a dated history; the ketua reads it but may not set it", async () => {
    const percentages = { cadangan: "40", jasa_modal: "20", jasa_usaha: "20", dana_pengurus: "5", dana_karyawan: "5", dana_pendidikan: "5", dana_sosial: "5" };
    expect((await post(k.ketua, `${base()}/settings`, { percentages })).statusCode).toBe(403);
    const res = await post(k.bendahara, `${base()}/settings`, { percentages });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().current).toMatchObject({ effectiveFrom: "2027-02-15", percentages, jasaModalMeasure: "daily_average", countedProductIds: null });
    expect(res.json().current.countedProducts.map((p: { kind: string }) => p.kind).sort()).toEqual(["pokok", "wajib"]);
    const again = await post(k.bendahara, `${base()}/settings`, { percentages });
    expect(again.statusCode).toBe(409);
    const read = await get(pengawas, `${base()}/settings`);
    expect(read.json().history).toHaveLength(1);
  });
});

describe("SHU 2026: DOMAIN.md's second worked example from the books", () => {
  beforeAll(async () => {
    const closed = await post(k.bendahara, `/api/v1/koperasi/${k.koperasiId}/book-years/2026/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().netResult).toBe(100 * JT);
  });

  it("calculates the pools and each member's share: A 4+12 = 16 jt, B 6+6 = 12 jt, C 10+2 = 12 jt", async () => {
    const res = await post(k.bendahara, `${base()}/2026/calculate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      bookYear: 2026,
      status: "calculated",
      shu: 100 * JT,
      pools: { cadangan: 40 * JT, jasa_modal: 20 * JT, jasa_usaha: 20 * JT, dana_pengurus: 5 * JT, dana_karyawan: 5 * JT, dana_pendidikan: 5 * JT, dana_sosial: 5 * JT },
      unshared: { jasa_modal: 0, jasa_usaha: 0 },
      totalBasis: { jasa_modal: 10 * JT * 365, jasa_usaha: 1 * JT },
      yearDays: 365,
      membersTotal: 40 * JT,
      memberCount: 3,
      calculatedBy: k.bendahara.userId,
    });
    const members = await get(pengawas, `${base()}/2026/members`);
    expect(members.statusCode, members.body).toBe(200);
    expect(members.json().items.map((m: Record<string, unknown>) => [m.memberNumber, m.jasaModalBasis, m.jasaModalAverage, m.jasaModalExact, m.jasaModal, m.jasaUsahaBasis, m.jasaUsaha, m.total])).toEqual([
      [a.memberNumber, 2 * JT * 365, "2000000.00", "4000000", 4 * JT, 600_000, 12 * JT, 16 * JT],
      [b.memberNumber, 3 * JT * 365, "3000000.00", "6000000", 6 * JT, 300_000, 6 * JT, 12 * JT],
      [c.memberNumber, 5 * JT * 365, "5000000.00", "10000000", 10 * JT, 100_000, 2 * JT, 12 * JT],
    ]);
  });

  it("exports the calculation per member as Excel, with the pools and totals", async () => {
    const file = await get(pengawas, `${base()}/2026/members.xlsx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = (index: number) => workbook.worksheets[index]?.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1)] : [])) ?? [];
    expect(rows(0)).toContainEqual(["Cadangan", "40%", 40 * JT]);
    expect(rows(0)).toContainEqual(["Jumlah", "100%", 100 * JT]);
    expect(rows(1).filter((row) => typeof row[0] === "number").map((row) => [row[1], row[6], row[9], row[10]])).toEqual([
      [a.memberNumber, 4 * JT, 12 * JT, 16 * JT],
      [b.memberNumber, 6 * JT, 6 * JT, 12 * JT],
      [c.memberNumber, 10 * JT, 2 * JT, 12 * JT],
    ]);
    expect(rows(1)).toContainEqual(["", "", "Jumlah", 10 * JT * 365, "", "", 20 * JT, 1 * JT, "", 20 * JT, 40 * JT]);
  });

  it("is not distributed before the RAT approved it", async () => {
    const res = await post(k.bendahara, `${base()}/2026/distribute`, { method: "sukarela" });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "wrong_status" });
    expect(res.json().detail).toBe("SHU tahun 2026 berstatus dihitung; langkah ini hanya untuk SHU yang berstatus disetujui RAT.");
  });

  it("is reviewed by the ketua, then fixed: not calculated again", async () => {
    expect((await post(pengawas, `${base()}/2026/review`, {})).statusCode).toBe(403);
    const res = await post(k.ketua, `${base()}/2026/review`, { note: "Sesuai neraca saldo" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "reviewed", reviewedBy: k.ketua.userId, reviewNote: "Sesuai neraca saldo" });
    const again = await post(k.bendahara, `${base()}/2026/calculate`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("already_reviewed");
  });

  it("records the RAT's approval: its date, who and when", async () => {
    const early = await post(k.ketua, `${base()}/2026/approve`, { ratDate: "2026-12-20" });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].path).toBe("body.ratDate");
    const future = await post(k.ketua, `${base()}/2026/approve`, { ratDate: "2027-03-01" });
    expect(future.statusCode).toBe(422);
    const res = await post(k.ketua, `${base()}/2026/approve`, { ratDate: "2027-02-10", note: "RAT ke-5" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "approved", ratDate: "2027-02-10", ratNote: "RAT ke-5", approvedBy: k.ketua.userId, approvedAt: now.toISOString() });
  });

  it("distributes once, into each member's sukarela, with exactly these journal lines", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const key = uuidv7();
    const res = await post(k.bendahara, `${base()}/2026/distribute`, { method: "sukarela" }, key);
    expect(res.statusCode, res.body).toBe(201);
    const { entries, calculation } = res.json();
    const [split, paid] = entries;
    expect(entries).toHaveLength(2);
    expect(split).toMatchObject({
      status: "posted",
      source: "shu_distribution",
      sourceRef: "2026",
      voucherNo: "SHU/2027/000001",
      businessDate: "2027-02-15",
      description: "Pembagian SHU tahun buku 2026 sesuai keputusan RAT tanggal 2027-02-10",
      approvedBy: k.ketua.userId,
    });
    expect(lineTuples(split)).toEqual([
      ["3-4100", null, 100 * JT, 0],
      ["3-2100", null, 0, 40 * JT],
      ["2-1420", null, 0, 5 * JT],
      ["2-1430", null, 0, 5 * JT],
      ["2-1440", null, 0, 5 * JT],
      ["2-1450", null, 0, 5 * JT],
      ["2-1410", null, 0, 40 * JT],
    ]);
    expect(paid).toMatchObject({ voucherNo: "SHU/2027/000002", description: "Pembagian SHU tahun buku 2026 sesuai keputusan RAT tanggal 2027-02-10: ke simpanan sukarela anggota" });
    expect(lineTuples(paid)).toEqual([
      ["2-1410", null, 40 * JT, 0],
      ["2-1100", a.sukarela, 0, 16 * JT],
      ["2-1100", b.sukarela, 0, 12 * JT],
      ["2-1100", c.sukarela, 0, 12 * JT],
    ]);
    expect(calculation).toMatchObject({ status: "distributed", distributedBy: k.bendahara.userId, distributionMethod: "sukarela", distributionEntryId: split.id });
    // Sukarela was 1 jt less the interest paid from it.
    expect(await memberBalance(t, k.koperasiId, a.sukarela)).toBe(400_000 + 16 * JT);
    expect(await memberBalance(t, k.koperasiId, c.sukarela)).toBe(900_000 + 12 * JT);

    const retried = await post(k.bendahara, `${base()}/2026/distribute`, { method: "sukarela" }, key);
    expect(retried.statusCode).toBe(201);
    expect(retried.json().entries.map((e: { id: string }) => e.id)).toEqual([split.id, paid.id]);
    const twice = await post(k.bendahara, `${base()}/2026/distribute`, { method: "cash" });
    expect(twice.statusCode).toBe(409);
    expect(twice.headers["content-type"]).toContain("application/problem+json");
    expect(twice.json()).toMatchObject({ code: "already_distributed" });
    expect(twice.json().detail).toContain("sudah dibagikan");
    expect((await journalCounts(t, k.koperasiId)).posted).toBe(before.posted + 2);
    expect(await trialBalance(k, "2-1410")).toBe(0);
    await expectBooksBalanced(t, k.koperasiId);
  });

  it("shows a member her own SHU and how it was computed, and no one else's", async () => {
    const res = await get(anggota, `${base()}/2026/me`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().share).toMatchObject({ memberNumber: a.memberNumber, jasaModal: 4 * JT, jasaUsaha: 12 * JT, total: 16 * JT, paidToMemberAccountId: a.sukarela });
    expect(res.json().explanation.join("\n")).toContain("SHU Anda: Rp4.000.000 + Rp12.000.000 = Rp16.000.000.");
    expect((await get(k.bendahara, `${base()}/2026/me`)).statusCode).toBe(403);
    expect((await get(anggota, `${base()}/2026/members`)).statusCode).toBe(403);
    expect((await get(anggota, `${base()}/2026`)).statusCode).toBe(403);
  });
});

describe("a cooperative whose members saved part of the year", () => {
  let k2: LedgerKoperasi;
  let early: Member;
  let late: Member;

  beforeAll(async () => {
    ({ k: k2 } = await savingsKoperasi(t, "2025-06-01T00:00:00.000Z"));
    early = await member(k2);
    late = await member(k2);
    await payIn(t, k2, early.wajib, "2026-01-01", 1 * JT, "3-1200");
    // Paid in on 2 July: 183 days of the 365.
    await payIn(t, k2, late.wajib, "2026-07-02", 3_650_000, "3-1200");
    await postedJournal(t, k2, "2026-12-31", "Provisi", [
      { code: "1-1100", debit: 1_000_001 },
      { code: "4-1200", credit: 1_000_001 },
    ]);
    expect((await post(k2.bendahara, `/api/v1/koperasi/${k2.koperasiId}/book-years/2026/close`)).statusCode).toBe(200);
  });

  it("shares jasa modal by the daily weighted average, keeps a jasa usaha pool nobody earned in cadangan, and sums exactly to the pools", async () => {
    const res = await post(k2.bendahara, `${base(k2)}/2026/calculate`);
    expect(res.statusCode, res.body).toBe(200);
    // Default split of Rp1.000.001: the Rupiah left over goes to cadangan (ties to the earlier pool).
    expect(res.json().pools).toEqual({ cadangan: 400_001, jasa_modal: 200_000, jasa_usaha: 200_000, dana_pengurus: 50_000, dana_karyawan: 50_000, dana_pendidikan: 50_000, dana_sosial: 50_000 });
    expect(res.json().unshared).toEqual({ jasa_modal: 0, jasa_usaha: 200_000 });
    const members = (await get(k2.ketua, `${base(k2)}/2026/members`)).json().items;
    // Balance-days 365.000.000 and 667.950.000: averages 1.000.000 and 1.830.000.
    expect(members.map((m: Record<string, unknown>) => [m.jasaModalBasis, m.jasaModalAverage, m.jasaModalExact, m.jasaModal])).toEqual([
      [365 * JT, "1000000.00", "70671.378092", 70_671],
      [3_650_000 * 183, "1830000.00", "129328.621908", 129_329],
    ]);
  });

  it("refuses a review by whoever calculated, a year not closed, a year not calculated and a year that is not a year", async () => {
    const both = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k2.koperasiId, positions: ["ketua", "bendahara"] });
    expect((await post(both, `${base(k2)}/2026/calculate`)).statusCode).toBe(200);
    const res = await post(both, `${base(k2)}/2026/review`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("calculator_cannot_review");
    expect((await post(k2.bendahara, `${base(k2)}/2025/calculate`)).json().code).toBe("year_not_closed");
    expect((await get(k2.ketua, `${base(k2)}/2024`)).statusCode).toBe(404);
    const notYear = await get(k2.ketua, `${base(k2)}/dua-ribu`);
    expect(notYear.statusCode).toBe(400);
    expect(notYear.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("a year that closed at a loss", () => {
  it("has no SHU to share", async () => {
    const { k: k3 } = await savingsKoperasi(t, "2025-06-01T00:00:00.000Z");
    await postedJournal(t, k3, "2026-06-30", "Beban personalia", [
      { code: "5-2100", debit: 250_000 },
      { code: "1-1100", credit: 250_000 },
    ]);
    expect((await post(k3.bendahara, `/api/v1/koperasi/${k3.koperasiId}/book-years/2026/close`)).statusCode).toBe(200);
    const res = await post(k3.bendahara, `${base(k3)}/2026/calculate`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "no_surplus" });
    expect(res.json().detail).toContain("-Rp250.000");
  });
});

describe("paid in cash, and asked twice at once", () => {
  let k4: LedgerKoperasi;
  let saver: Member;
  let noSukarela: { memberId: string; memberAccountId: string };

  beforeAll(async () => {
    ({ k: k4 } = await savingsKoperasi(t, "2025-06-01T00:00:00.000Z"));
    saver = await member(k4);
    // A member with wajib only: no sukarela account to pay into.
    noSukarela = await memberWithAccount(t, k4, { controlCode: "3-1200" });
    await payIn(t, k4, saver.wajib, "2025-12-31", 1 * JT, "3-1200");
    await payIn(t, k4, noSukarela.memberAccountId, "2025-12-31", 1 * JT, "3-1200");
    await postedJournal(t, k4, "2026-12-31", "Provisi", [
      { code: "1-1100", debit: 10 * JT },
      { code: "4-1200", credit: 10 * JT },
    ]);
    expect((await post(k4.bendahara, `/api/v1/koperasi/${k4.koperasiId}/book-years/2026/close`)).statusCode).toBe(200);
    expect((await post(k4.bendahara, `${base(k4)}/2026/calculate`)).statusCode).toBe(200);
    expect((await post(k4.ketua, `${base(k4)}/2026/review`, {})).statusCode).toBe(200);
    expect((await post(k4.ketua, `${base(k4)}/2026/approve`, { ratDate: "2027-01-30" })).statusCode).toBe(200);
  });

  it("posts one distribution of two concurrent requests; a member without sukarela is owed her share in cash", async () => {
    const before = await journalCounts(t, k4.koperasiId);
    const answers = await Promise.all([post(k4.bendahara, `${base(k4)}/2026/distribute`, { method: "sukarela" }), post(k4.bendahara, `${base(k4)}/2026/distribute`, { method: "sukarela" })]);
    expect(answers.map((res) => res.statusCode).sort()).toEqual([201, 409]);
    const [split, paid] = answers.find((res) => res.statusCode === 201)!.json().entries;
    // Jasa modal 20% of 10 jt = 2 jt, halved; jasa usaha (nobody paid interest) 2 jt into cadangan with its 4 jt.
    expect(lineTuples(split)).toEqual([
      ["3-4100", null, 10 * JT, 0],
      ["3-2100", null, 0, 6 * JT],
      ["2-1420", null, 0, 500_000],
      ["2-1430", null, 0, 500_000],
      ["2-1440", null, 0, 500_000],
      ["2-1450", null, 0, 500_000],
      ["2-1410", null, 0, 2 * JT],
    ]);
    expect(lineTuples(paid)).toEqual([
      ["2-1410", null, 1 * JT, 0],
      ["2-1100", saver.sukarela, 0, 1 * JT],
    ]);
    // What stays in 2-1410 is owed in cash to the member without sukarela.
    expect(await trialBalance(k4, "2-1410")).toBe(1 * JT);
    expect((await journalCounts(t, k4.koperasiId)).posted).toBe(before.posted + 2);
    const members = (await get(k4.ketua, `${base(k4)}/2026/members`)).json().items;
    expect(members.map((m: { memberId: string; paidToMemberAccountId: string | null }) => [m.memberId, m.paidToMemberAccountId])).toEqual([
      [saver.memberId, saver.sukarela],
      [noSukarela.memberId, null],
    ]);
    await expectBooksBalanced(t, k4.koperasiId);
  });
});

describe("a cooperative that counts sukarela at its year-end balance", () => {
  it("reads the basis the setting names: the products it counts and the measure", async () => {
    const { k: k5 } = await savingsKoperasi(t, "2025-06-01T00:00:00.000Z");
    const one = await member(k5);
    const two = await member(k5);
    // A member who left in June: no share of the year's SHU, whatever she held.
    const left = await member(k5);
    await payIn(t, k5, left.sukarela, "2026-01-01", 7 * JT);
    await t.db.superuser.query(
      `INSERT INTO member_status_change (koperasi_id, id, member_id, from_status, to_status, effective_on, reason) VALUES ($1, $2, $3, 'aktif', 'keluar', '2026-06-30', 'Mengundurkan diri')`,
      [k5.koperasiId, uuidv7(), left.memberId],
    );
    await payIn(t, k5, one.wajib, "2025-12-31", 5 * JT, "3-1200");
    await payIn(t, k5, one.sukarela, "2026-12-31", 1 * JT);
    await payIn(t, k5, two.sukarela, "2026-01-01", 3 * JT);
    // Paid in after the year: not counted.
    await payIn(t, k5, two.sukarela, "2027-01-05", 50 * JT);
    await postedJournal(t, k5, "2026-12-31", "Provisi", [
      { code: "1-1100", debit: 4 * JT },
      { code: "4-1200", credit: 4 * JT },
    ]);
    expect((await post(k5.bendahara, `/api/v1/koperasi/${k5.koperasiId}/book-years/2026/close`)).statusCode).toBe(200);
    const products = (await get(k5.bendahara, `/api/v1/koperasi/${k5.koperasiId}/savings/products`)).json() as { id: string; kind: string }[];
    const sukarela = products.find((p) => p.kind === "sukarela")?.id;
    const percentages = { cadangan: "50", jasa_modal: "50", jasa_usaha: "0", dana_pengurus: "0", dana_karyawan: "0", dana_pendidikan: "0", dana_sosial: "0" };
    const set = await post(k5.bendahara, `${base(k5)}/settings`, { percentages, jasaModalMeasure: "year_end_balance", countedProductIds: [sukarela] });
    expect(set.statusCode, set.body).toBe(201);
    expect(set.json().current.countedProducts.map((p: { kind: string }) => p.kind)).toEqual(["sukarela"]);
    const res = await post(k5.bendahara, `${base(k5)}/2026/calculate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ jasaModalMeasure: "year_end_balance", countedProductIds: [sukarela], totalBasis: { jasa_modal: 4 * JT, jasa_usaha: 0 }, pools: { jasa_modal: 2 * JT } });
    const members = (await get(k5.ketua, `${base(k5)}/2026/members`)).json().items;
    expect(members.map((m: Record<string, unknown>) => [m.memberId, m.jasaModalBasis, m.jasaModalAverage, m.jasaModal])).toEqual([
      [one.memberId, 1 * JT, "1000000.00", 500_000],
      [two.memberId, 3 * JT, "3000000.00", 1_500_000],
    ]);
  });
});
