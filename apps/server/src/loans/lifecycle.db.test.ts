import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { expectBooksBalanced, headers, journalCounts, ledgerKoperasi, memberBalance, memberWithAccount, type LedgerKoperasi, type Person } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { pdfText } from "../testing/pdf-text";
import { productTerms } from "./test-support";

// A loan's whole life over HTTP, as Apache Fineract's integration tests
// check it: apply → approve → disburse with charges → three repayments (one
// late, one from savings) → payoff, with the exact journal lines per GL
// account after every step; principal repaid + outstanding = disbursed; the
// loans' sub-ledger equal to the receivable control account; maker–checker;
// every refusal leaving nothing posted; a retried request posted once.

let t: TestApp;
let k: LedgerKoperasi;
let kasir: Person;
let now = new Date("2026-01-15T02:00:00.000Z");
const base = () => `/api/v1/koperasi/${k.koperasiId}`;
let productId = "";
let siti: Awaited<ReturnType<typeof memberWithAccount>>;

/** 09:00 in Jakarta on that day. */
function on(date: string): void {
  now = new Date(`${date}T02:00:00.000Z`);
}
function tick(): void {
  now = new Date(now.getTime() + 1000);
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  const product = await t.app.inject({ method: "POST", url: `${base()}/loans/products`, headers: headers(k.bendahara), payload: { code: "PU", name: "Pinjaman Umum", terms: productTerms } });
  expect(product.statusCode, product.body).toBe(201);
  productId = product.json().id;
  siti = await memberWithAccount(t, k, { balance: 2_000_000 });
});
afterAll(async () => {
  await t?.close();
});

type Line = { accountCode: string; memberAccountId: string | null; debit: number; credit: number };
const lineTuples = (lines: Line[]) => lines.map((l) => [l.accountCode, l.memberAccountId, l.debit, l.credit]);

function post(path: string, body: Record<string, unknown> | undefined, person: Person, key?: string) {
  tick();
  return t.app.inject({ method: "POST", url: `${base()}${path}`, headers: headers(person, key), ...(body ? { payload: body } : {}) });
}

function apply(body: Record<string, unknown>, person: Person = kasir) {
  return post("/loans", { productId, tenor: 12, purpose: "Modal warung", ...body }, person);
}

async function approvedLoan(memberId: string, principal = 10_000_000): Promise<string> {
  const applied = await apply({ memberId, principal });
  expect(applied.statusCode, applied.body).toBe(201);
  const approved = await post(`/loans/${applied.json().id}/approve`, undefined, k.ketua);
  expect(approved.statusCode, approved.body).toBe(200);
  return applied.json().id;
}

/** The receivable control account's balance and the loans' outstanding principal, from the books and from the schedules. */
async function receivableAndSchedules(): Promise<{ control: number; subLedger: number; scheduled: number }> {
  return t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
    const { rows } = await sql<{ control: string; sub_ledger: string; scheduled: string }>`
      SELECT (SELECT coalesce(sum(l.debit - l.credit), 0) FROM journal_line l JOIN gl_account a ON a.koperasi_id = l.koperasi_id AND a.id = l.account_id
               JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id WHERE a.code = '1-1300' AND e.status = 'posted')::text AS control,
             (SELECT coalesce(sum(ma.balance), 0) FROM member_account ma JOIN gl_account a ON a.koperasi_id = ma.koperasi_id AND a.id = ma.account_id WHERE a.code = '1-1300')::text AS sub_ledger,
             (SELECT coalesce(sum(i.principal_due - i.principal_paid), 0) FROM loan_installment i)::text AS scheduled`.execute(trx);
    const row = rows[0];
    return { control: Number(row?.control), subLedger: Number(row?.sub_ledger), scheduled: Number(row?.scheduled) };
  });
}

async function expectLedgerHolds(): Promise<void> {
  await expectBooksBalanced(t, k.koperasiId);
  const { control, subLedger, scheduled } = await receivableAndSchedules();
  expect(subLedger).toBe(control);
  expect(scheduled).toBe(control);
}

describe("a loan's whole life", () => {
  let loanId = "";
  let loanAccount = "";

  it("a kasir enters the application; it waits for a pengurus, nothing posted", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const res = await apply({ memberId: siti.memberId, principal: 10_000_000 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: "applied", channel: "staff", approvalsRequired: 1, principal: 10_000_000, tenor: 12, productCode: "PU", schedule: [] });
    loanId = res.json().id;
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("may not be disbursed before approval, nor approved by whoever entered it", async () => {
    const borrower = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k.koperasiId });
    const hers = await memberWithAccount(t, k, { balance: 1_000_000, userId: borrower.userId });
    const before = await journalCounts(t, k.koperasiId);
    const early = await post(`/loans/${loanId}/disbursement`, { to: "cash" }, kasir, uuidv7());
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("not_approved");
    const pengurus = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k.koperasiId });
    const own = await apply({ memberId: siti.memberId, principal: 5_000_000 }, pengurus);
    expect(own.statusCode, own.body).toBe(201);
    const self = await post(`/loans/${own.json().id}/approve`, undefined, pengurus);
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe("maker_cannot_approve");
    // A pengurus who borrows may not decide her own loan, whoever entered it.
    const forHer = await apply({ memberId: hers.memberId, principal: 5_000_000 }, kasir);
    expect(forHer.statusCode, forHer.body).toBe(201);
    const ownDecision = await post(`/loans/${forHer.json().id}/approve`, undefined, borrower);
    expect(ownDecision.statusCode).toBe(403);
    expect(ownDecision.json().code).toBe("borrower_cannot_decide");
    // A kasir approves nothing.
    expect((await post(`/loans/${loanId}/approve`, undefined, kasir)).statusCode).toBe(403);
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("a pengurus approves it", async () => {
    const res = await post(`/loans/${loanId}/approve`, undefined, k.ketua);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "approved", approvals: [{ step: 1, approvedBy: k.ketua.userId }] });
  });

  it("disbursed in cash: the receivable debited, Kas credited with what she receives less the charge paid in cash, charges income with both charges", async () => {
    const res = await post(`/loans/${loanId}/disbursement`, { to: "cash" }, kasir, uuidv7());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    loanAccount = body.loan.memberAccountId;
    expect(body.entry).toMatchObject({ source: "loan_disbursement", voucherNo: "PCR/2026/000001", businessDate: "2026-01-15" });
    // Provisi 1% = 100.000 deducted, administrasi 25.000 paid in cash: 9.900.000 paid out, 25.000 taken in.
    expect(lineTuples(body.entry.lines)).toEqual([
      ["1-1300", loanAccount, 10_000_000, 0],
      ["1-1100", null, 0, 9_875_000],
      ["4-1200", null, 0, 125_000],
    ]);
    expect(body.loan).toMatchObject({ status: "disbursed", disbursedOn: "2026-01-15", outstandingPrincipal: 10_000_000, nextDue: { period: 1, dueDate: "2026-02-15", amount: 983_333 } });
    expect(body.loan.schedule).toHaveLength(12);
    expect(body.loan.schedule[0]).toMatchObject({ dueDate: "2026-02-15", principal: 833_333, interest: 150_000, installment: 983_333 });
    expect(body.loan.schedule[11]).toMatchObject({ dueDate: "2027-01-15", principal: 833_337, interest: 150_000 });
    expect(await memberBalance(t, k.koperasiId, loanAccount)).toBe(10_000_000);
    // The entry is in the transparency log: its proof is one request away, for the counter and for her.
    expect(body.proofUrl).toBe(`/api/v1/koperasi/${k.koperasiId}/journals/${body.entry.id}/receipt`);
    expect((await t.app.inject({ url: body.proofUrl, headers: headers(kasir) })).statusCode).not.toBe(404);
    // 10% of the loan is held in her sukarela.
    const standing = await t.app.inject({ url: `${base()}/savings/accounts/${siti.memberAccountId}`, headers: headers(kasir) });
    expect(standing.json()).toMatchObject({ balance: 2_000_000, held: 1_000_000 });
    await expectLedgerHolds();
  });

  it("a second disbursement is refused, nothing posted", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const res = await post(`/loans/${loanId}/disbursement`, { to: "cash" }, kasir, uuidv7());
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "not_approved" });
    expect(res.json().detail).toContain("disbursed");
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("repayment 1 on its due date, in cash: interest then principal", async () => {
    on("2026-02-15");
    const res = await post(`/loans/${loanId}/repayments`, { amount: 983_333, from: "cash" }, kasir, uuidv7());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().entry).toMatchObject({ source: "loan_repayment", voucherNo: "ANG/2026/000001" });
    expect(lineTuples(res.json().entry.lines)).toEqual([
      ["1-1100", null, 983_333, 0],
      ["1-1300", loanAccount, 0, 833_333],
      ["4-1100", null, 0, 150_000],
    ]);
    expect(res.json().allocation).toEqual([{ period: 1, denda: 0, interest: 150_000, principal: 833_333 }]);
    expect(res.json().loan).toMatchObject({ outstandingPrincipal: 9_166_667, nextDue: { period: 2, dueDate: "2026-03-15", amount: 983_333 } });
    await expectLedgerHolds();
  });

  it("repayment 2, ten days late: denda 0,1% a day from the due date (983.333 × 0,1% × 10 = 9.833) is taken first", async () => {
    on("2026-03-25");
    const quote = await t.app.inject({ url: `${base()}/loans/${loanId}`, headers: headers(kasir) });
    expect(quote.json().payoff).toEqual({ asOf: "2026-03-25", denda: 9_833, interest: 150_000, principal: 9_166_667, total: 9_326_500 });
    const res = await post(`/loans/${loanId}/repayments`, { amount: 993_166, from: "cash" }, kasir, uuidv7());
    expect(res.statusCode, res.body).toBe(201);
    expect(lineTuples(res.json().entry.lines)).toEqual([
      ["1-1100", null, 993_166, 0],
      ["1-1300", loanAccount, 0, 833_333],
      ["4-1100", null, 0, 150_000],
      ["4-1300", null, 0, 9_833],
    ]);
    expect(res.json().allocation).toEqual([{ period: 2, denda: 9_833, interest: 150_000, principal: 833_333 }]);
    await expectLedgerHolds();
  });

  it("repayment 3 from her sukarela, posted once when retried with the same Idempotency-Key", async () => {
    on("2026-04-15");
    const key = uuidv7();
    const before = await journalCounts(t, k.koperasiId);
    const body = { amount: 983_333, from: "savings", savingsAccountId: siti.memberAccountId };
    const first = await post(`/loans/${loanId}/repayments`, body, kasir, key);
    const again = await post(`/loans/${loanId}/repayments`, body, kasir, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().entry.id).toBe(first.json().entry.id);
    expect((await journalCounts(t, k.koperasiId)).posted).toBe(before.posted + 1);
    expect(lineTuples(first.json().entry.lines)).toEqual([
      ["2-1100", siti.memberAccountId, 983_333, 0],
      ["1-1300", loanAccount, 0, 833_333],
      ["4-1100", null, 0, 150_000],
    ]);
    expect(await memberBalance(t, k.koperasiId, siti.memberAccountId)).toBe(1_016_667);
    await expectLedgerHolds();
  });

  it("a payment above the payoff is refused on its field, nothing posted", async () => {
    on("2026-04-20");
    const before = await journalCounts(t, k.koperasiId);
    const res = await post(`/loans/${loanId}/repayments`, { amount: 7_500_002, from: "cash" }, kasir, uuidv7());
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "exceeds_payoff", errors: [{ path: "body.amount", code: "exceeds_payoff" }] });
    expect(res.json().detail).toContain("Rp7.500.001");
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("from savings, no more than she may withdraw (the savings held for this loan count as hers to pay it with), nothing posted", async () => {
    const before = await journalCounts(t, k.koperasiId);
    // 1.016.667 in the account, less the Rp10.000 minimum balance; the loan's own hold of 1.000.000 may pay it.
    const res = await post(`/loans/${loanId}/repayments`, { amount: 1_006_668, from: "savings", savingsAccountId: siti.memberAccountId }, kasir, uuidv7());
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "exceeds_available", errors: [{ path: "body.amount" }] });
    expect(res.json().detail).toContain("Rp1.006.667");
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("the payoff: all principal left, no interest of installments not yet due; the loan closes and the held savings go free", async () => {
    const quote = await t.app.inject({ url: `${base()}/loans/${loanId}`, headers: headers(kasir) });
    expect(quote.json().payoff).toEqual({ asOf: "2026-04-20", denda: 0, interest: 0, principal: 7_500_001, total: 7_500_001 });
    const res = await post(`/loans/${loanId}/repayments`, { amount: 7_500_001, from: "cash" }, kasir, uuidv7());
    expect(res.statusCode, res.body).toBe(201);
    expect(lineTuples(res.json().entry.lines)).toEqual([
      ["1-1100", null, 7_500_001, 0],
      ["1-1300", loanAccount, 0, 7_500_001],
    ]);
    const loan = res.json().loan;
    expect(loan).toMatchObject({ status: "paid_off", paidOffOn: "2026-04-20", outstandingPrincipal: 0, nextDue: null, payoff: null });
    expect(loan.schedule.reduce((sum: number, i: { interestWaived: number }) => sum + i.interestWaived, 0)).toBe(9 * 150_000);
    // Principal repaid + outstanding = disbursed.
    expect(loan.schedule.reduce((sum: number, i: { principalPaid: number }) => sum + i.principalPaid, 0) + loan.outstandingPrincipal).toBe(10_000_000);
    expect(await memberBalance(t, k.koperasiId, loanAccount)).toBe(0);
    const standing = await t.app.inject({ url: `${base()}/savings/accounts/${siti.memberAccountId}`, headers: headers(kasir) });
    expect(standing.json()).toMatchObject({ held: 0 });
    await expectLedgerHolds();
    const after = await post(`/loans/${loanId}/repayments`, { amount: 1, from: "cash" }, kasir, uuidv7());
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe("not_disbursed");
  });

  it("prints the payoff's receipt, a copy the second time", async () => {
    const [repayment] = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.selectFrom("loan_repayment").select("entry_id").where("loan_id", "=", loanId).where("payoff", "=", true).execute(),
    );
    const url = `${base()}/loans/receipts/${repayment?.entry_id}/receipt.pdf`;
    const first = await t.app.inject({ url, headers: headers(kasir) });
    expect(first.statusCode, first.body).toBe(200);
    const text = await pdfText(first.rawPayload);
    expect(text).toContain("Bukti Pelunasan Pinjaman");
    expect(text).toContain("Rp7.500.001");
    const second = await t.app.inject({ url, headers: headers(kasir) });
    expect(await pdfText(second.rawPayload)).toContain("SALINAN");
  });
});

describe("applying", () => {
  const cases: [string, () => Record<string, unknown>, number, string, string][] = [
    ["an amount below the product's", () => ({ memberId: siti.memberId, principal: 999_999 }), 422, "amount_outside_product", "body.principal"],
    ["an amount above the product's", () => ({ memberId: siti.memberId, principal: 50_000_001 }), 422, "amount_outside_product", "body.principal"],
    ["a tenor outside the product's", () => ({ memberId: siti.memberId, principal: 5_000_000, tenor: 36 }), 422, "tenor_outside_product", "body.tenor"],
    ["a principal of 0", () => ({ memberId: siti.memberId, principal: 0 }), 400, "amount_not_positive", "body.principal"],
    ["a fractional principal", () => ({ memberId: siti.memberId, principal: 1_000_000.5 }), 400, "amount_not_integer", "body.principal"],
    ["no member", () => ({ principal: 5_000_000 }), 400, "member_required", "body.memberId"],
  ];
  it.each(cases)("refuses %s on its field", async (_name, body, status, code, path) => {
    const res = await apply(body());
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject({ code, errors: [{ path, code }] });
  });

  it("refuses an applicant (calon), a member who has left, and a member leaving", async () => {
    const calon = await memberWithAccount(t, k, { balance: 2_000_000, status: "calon" });
    const keluar = await memberWithAccount(t, k, { balance: 2_000_000, status: "keluar" });
    const leaving = await memberWithAccount(t, k, { balance: 2_000_000 });
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      sql`INSERT INTO member_settlement (koperasi_id, id, member_id, step, journal_entry_id, recipient, created_by)
          SELECT ${k.koperasiId}::uuid, ${uuidv7()}::uuid, ${leaving.memberId}::uuid, 'simpanan', e.id, 'Anggota', ${k.bendahara.userId} FROM journal_entry e LIMIT 1`.execute(trx),
    );
    for (const member of [calon, keluar, leaving]) {
      const res = await apply({ memberId: member.memberId, principal: 5_000_000 });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({ code: "not_a_member", errors: [{ path: "body.memberId" }] });
    }
  });

  it("refuses a member without the product's required savings", async () => {
    const poor = await memberWithAccount(t, k, { balance: 100_000 });
    const res = await apply({ memberId: poor.memberId, principal: 5_000_000 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "required_savings_short", errors: [{ path: "body.principal" }] });
    expect(res.json().detail).toContain("Rp500.000");
  });

  it("a member applies herself; above the threshold two different pengurus approve", async () => {
    const anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
    await memberWithAccount(t, k, { balance: 5_000_000, userId: anggota.userId });
    const res = await post("/loans", { productId, principal: 25_000_000, tenor: 24, purpose: "Renovasi rumah" }, anggota);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: "member", approvalsRequired: 2, status: "applied" });
    const id = res.json().id;
    const first = await post(`/loans/${id}/approve`, undefined, k.ketua);
    expect(first.json()).toMatchObject({ status: "applied", approvals: [{ step: 1 }] });
    const twice = await post(`/loans/${id}/approve`, undefined, k.ketua);
    expect(twice.statusCode).toBe(403);
    expect(twice.json().code).toBe("already_approved_by_you");
    const second = await post(`/loans/${id}/approve`, undefined, k.bendahara);
    expect(second.json()).toMatchObject({ status: "approved", approvals: [{ step: 1 }, { step: 2, approvedBy: k.bendahara.userId }] });
    const home = async () => (await t.app.inject({ url: `${base()}/home`, headers: headers(anggota) })).json().mine.loans;
    expect(await home()).toEqual([{ id, productName: "Pinjaman Umum", status: "approved", principal: 25_000_000, outstandingPrincipal: 25_000_000, nextDue: null }]);
    on("2026-01-31");
    expect((await post(`/loans/${id}/disbursement`, { to: "cash" }, kasir, uuidv7())).statusCode).toBe(201);
    // Her home shows the first installment: flat 1,5% of 25.000.000 over 24 months, due on the last day of February.
    expect(await home()).toEqual([
      { id, productName: "Pinjaman Umum", status: "disbursed", principal: 25_000_000, outstandingPrincipal: 25_000_000, nextDue: { dueDate: "2026-02-28", amount: 1_041_667 + 375_000 } },
    ]);
    // She sees her own loans only.
    const own = await t.app.inject({ url: `${base()}/loans`, headers: headers(anggota) });
    expect(own.json().map((l: { id: string }) => l.id)).toEqual([id]);
    const sitis = await apply({ memberId: siti.memberId, principal: 2_000_000 });
    const other = await t.app.inject({ url: `${base()}/loans/${sitis.json().id}`, headers: headers(anggota) });
    expect(other.statusCode).toBe(404);
    expect((await t.app.inject({ url: `${base()}/loans/${id}`, headers: headers(anggota) })).json()).toMatchObject({ id, purpose: "Renovasi rumah" });
  });

  it("a rejection needs a reason and ends the application; it is then neither approved nor disbursed", async () => {
    const res = await apply({ memberId: siti.memberId, principal: 3_000_000 }, k.bendahara);
    const bendaharaLoan = res.json().id;
    expect((await post(`/loans/${bendaharaLoan}/reject`, { reason: "" }, k.ketua)).statusCode).toBe(400);
    const rejected = await post(`/loans/${bendaharaLoan}/reject`, { reason: "Usaha belum berjalan" }, k.ketua);
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: "rejected", rejection: { by: k.ketua.userId, reason: "Usaha belum berjalan" } });
    expect((await post(`/loans/${bendaharaLoan}/approve`, undefined, k.ketua)).json().code).toBe("not_awaiting_decision");
    expect((await post(`/loans/${bendaharaLoan}/disbursement`, { to: "cash" }, kasir, uuidv7())).statusCode).toBe(409);
  });
});

describe("disbursing into sukarela", () => {
  it("credits her sukarela with the principal less the deducted charge, the cash charge into Kas", async () => {
    on("2026-05-04");
    const member = await memberWithAccount(t, k, { balance: 1_000_000 });
    const loanId = await approvedLoan(member.memberId, 6_000_000);
    const key = uuidv7();
    const before = await journalCounts(t, k.koperasiId);
    const res = await post(`/loans/${loanId}/disbursement`, { to: "savings", savingsAccountId: member.memberAccountId }, kasir, key);
    expect(res.statusCode, res.body).toBe(201);
    // Retried with the same key: the same answer, posted once.
    const again = await post(`/loans/${loanId}/disbursement`, { to: "savings", savingsAccountId: member.memberAccountId }, kasir, key);
    expect(again.json().entry.id).toBe(res.json().entry.id);
    expect((await journalCounts(t, k.koperasiId)).posted).toBe(before.posted + 1);
    const account = res.json().loan.memberAccountId;
    expect(lineTuples(res.json().entry.lines)).toEqual([
      ["1-1300", account, 6_000_000, 0],
      ["1-1100", null, 25_000, 0],
      ["2-1100", member.memberAccountId, 0, 5_940_000],
      ["4-1200", null, 0, 85_000],
    ]);
    expect(await memberBalance(t, k.koperasiId, member.memberAccountId)).toBe(6_940_000);
    await expectLedgerHolds();
    const receipt = await pdfText((await t.app.inject({ url: res.json().receiptPdfUrl, headers: headers(kasir) })).rawPayload);
    expect(receipt).toContain("Bukti Pencairan Pinjaman");
    // Net of every charge: Rp5.940.000 into her sukarela less the Rp25.000 she paid in cash.
    expect(receipt).toContain("Rp5.915.000");
    expect(receipt).not.toContain("Rp5.940.000");
    expect(receipt).toContain("Rp85.000");
  });

  it("refuses another member's account, nothing posted", async () => {
    const member = await memberWithAccount(t, k, { balance: 1_000_000 });
    const loanId = await approvedLoan(member.memberId, 2_000_000);
    const before = await journalCounts(t, k.koperasiId);
    const res = await post(`/loans/${loanId}/disbursement`, { to: "savings", savingsAccountId: siti.memberAccountId }, kasir, uuidv7());
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "savings_account_invalid", errors: [{ path: "body.savingsAccountId" }] });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });
});
