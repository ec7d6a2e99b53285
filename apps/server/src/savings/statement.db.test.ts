import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { headers, ledgerKoperasi, memberWithAccount, type LedgerKoperasi, type Person } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { pdfText } from "../testing/pdf-text";

// A member's own savings: her balance and what she may withdraw, her
// rekening koran as PDF (opening balance, each line with its voucher and
// running balance, closing), and nothing of anyone else's.

let t: TestApp;
let k: LedgerKoperasi;
let kasir: Person;
let anggota: Person;
let now = new Date("2026-04-01T02:00:00.000Z");
let own: Awaited<ReturnType<typeof memberWithAccount>>;
let other: Awaited<ReturnType<typeof memberWithAccount>>;
const base = () => `/api/v1/koperasi/${k.koperasiId}`;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
  own = await memberWithAccount(t, k, { balance: 400_000, userId: anggota.userId });
  other = await memberWithAccount(t, k, { balance: 900_000 });
  for (const [path, amount] of [
    ["deposits", 250_000],
    ["withdrawals", 150_000],
  ] as const) {
    now = new Date(now.getTime() + 86_400_000);
    const res = await t.app.inject({ method: "POST", url: `${base()}/savings/${path}`, headers: headers(kasir, uuidv7()), payload: { memberAccountId: own.memberAccountId, amount } });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
});

describe("a member's own savings", () => {
  it("shows her balance and what she may withdraw", async () => {
    const res = await t.app.inject({ url: `${base()}/savings/accounts/${own.memberAccountId}`, headers: headers(anggota) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ balance: 500_000, held: 0, minBalance: 10_000, available: 490_000, kind: "sukarela", lastMovementOn: "2026-04-03" });
  });

  it("prints her rekening koran with opening balance, vouchers, running balance and closing", async () => {
    const res = await t.app.inject({ url: `${base()}/member-accounts/${own.memberAccountId}/statement.pdf?from=2026-04-01&to=2026-04-30`, headers: headers(anggota) });
    expect(res.statusCode, res.body).toBe(200);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain("Rekening Koran Simpanan");
    expect(text).toContain("1 April 2026 s.d. 30 April 2026");
    expect(text).toContain(own.memberNumber);
    expect(text).toMatch(/Saldo awal\s+Rp400\.000/);
    expect(text).toMatch(/Saldo akhir\s+Rp500\.000/);
    // Each line in order: date, voucher, amount, running balance (a narrow cell may wrap).
    const flat = text.replace(/\s+/g, "");
    expect(flat).toContain("2April2026BKM/2026/000001");
    expect(flat).toMatch(/BKM\/2026\/000001.*Rp250\.000Rp650\.000.*BKK\/2026\/000001.*Rp150\.000Rp500\.000/);
  });

  it("keeps everyone else's from her", async () => {
    expect((await t.app.inject({ url: `${base()}/savings/accounts/${other.memberAccountId}`, headers: headers(anggota) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `${base()}/member-accounts/${other.memberAccountId}/statement.pdf`, headers: headers(anggota) })).statusCode).toBe(404);
    const receipts = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => trx.selectFrom("journal_entry").select("id").where("source", "=", "deposit").execute());
    const otherDeposit = await t.app.inject({ method: "POST", url: `${base()}/savings/deposits`, headers: headers(kasir, uuidv7()), payload: { memberAccountId: other.memberAccountId, amount: 1_000 } });
    expect((await t.app.inject({ url: otherDeposit.json().receiptPdfUrl, headers: headers(anggota) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `${base()}/savings/receipts/${receipts[0]?.id}/receipt.pdf`, headers: headers(anggota) })).statusCode).toBe(200);
  });
});
