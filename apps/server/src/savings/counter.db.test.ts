import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { expectBooksBalanced, headers, journalCounts, ledgerKoperasi, memberBalance, memberWithAccount, type LedgerKoperasi, type Person } from "../ledger/test-support";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { blindIndex, seal } from "../members/member-pii";
import { pdfText } from "../testing/pdf-text";

// The counter over HTTP: a kasir takes a deposit and pays a withdrawal in
// cash; the exact journal lines on Kas and the savings control account; every
// bad request refused with nothing posted; a retried request posted once; a
// large withdrawal waiting for a second person; holds; the receipt PDF.

let t: TestApp;
let k: LedgerKoperasi;
let kasir: Person;
let now = new Date("2026-04-01T02:00:00.000Z");
const base = () => `/api/v1/koperasi/${k.koperasiId}`;
let siti: Awaited<ReturnType<typeof memberWithAccount>>;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  siti = await memberWithAccount(t, k, { balance: 1_000_000 });
});
afterAll(async () => {
  await t?.close();
});

function tick(): void {
  now = new Date(now.getTime() + 1000);
}

function counter(kind: "deposits" | "withdrawals", body: Record<string, unknown>, key: string = uuidv7(), person: Person = kasir) {
  tick();
  return t.app.inject({ method: "POST", url: `${base()}/savings/${kind}`, headers: headers(person, key), payload: body });
}

type Line = { accountCode: string; memberAccountId: string | null; debit: number; credit: number };
const lineTuples = (lines: Line[]) => lines.map((l) => [l.accountCode, l.memberAccountId, l.debit, l.credit]);

describe("a cash deposit at the counter", () => {
  it("debits Kas and credits the member's Simpanan Sukarela, voucher BKM", async () => {
    const res = await counter("deposits", { memberAccountId: siti.memberAccountId, amount: 1_250_000 });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.entry).toMatchObject({ status: "posted", source: "deposit", voucherNo: "BKM/2026/000001", createdBy: kasir.userId, businessDate: "2026-04-01" });
    expect(lineTuples(body.entry.lines)).toEqual([
      ["1-1100", null, 1_250_000, 0],
      ["2-1100", siti.memberAccountId, 0, 1_250_000],
    ]);
    // Default sukarela terms keep Rp10.000 in the account.
    expect(body).toMatchObject({ balanceAfter: 2_250_000, availableAfter: 2_240_000, whatsappUrl: null });
    expect(body.receiptPdfUrl).toBe(`/api/v1/koperasi/${k.koperasiId}/savings/receipts/${body.entry.id}/receipt.pdf`);
    expect(await memberBalance(t, k.koperasiId, siti.memberAccountId)).toBe(2_250_000);
  });

  it("posts once when retried with the same Idempotency-Key, answering the same", async () => {
    const key = uuidv7();
    const before = await journalCounts(t, k.koperasiId);
    const first = await counter("deposits", { memberAccountId: siti.memberAccountId, amount: 50_000 }, key);
    const again = await counter("deposits", { memberAccountId: siti.memberAccountId, amount: 50_000 }, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().entry.id).toBe(first.json().entry.id);
    expect((await journalCounts(t, k.koperasiId)).posted).toBe(before.posted + 1);
    expect(await memberBalance(t, k.koperasiId, siti.memberAccountId)).toBe(2_300_000);
  });

  it("is the kasir's: a pengawas is refused", async () => {
    const pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k.koperasiId });
    const res = await counter("deposits", { memberAccountId: siti.memberAccountId, amount: 1_000 }, uuidv7(), pengawas);
    expect(res.statusCode).toBe(403);
  });
});

describe("a cash withdrawal at the counter", () => {
  it("debits the member's account and credits Kas, voucher BKK", async () => {
    const res = await counter("withdrawals", { memberAccountId: siti.memberAccountId, amount: 300_000 });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.entry).toMatchObject({ status: "posted", source: "withdrawal", voucherNo: "BKK/2026/000001", approvedBy: null });
    expect(lineTuples(body.entry.lines)).toEqual([
      ["2-1100", siti.memberAccountId, 300_000, 0],
      ["1-1100", null, 0, 300_000],
    ]);
    expect(body).toMatchObject({ balanceAfter: 2_000_000, availableAfter: 1_990_000 });
    await expectBooksBalanced(t, k.koperasiId);
  });

  it("can take exactly the available balance, and not a rupiah more", async () => {
    const member = await memberWithAccount(t, k, { balance: 110_000 });
    const over = await counter("withdrawals", { memberAccountId: member.memberAccountId, amount: 100_001 });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: "exceeds_available", errors: [{ path: "body.amount", code: "exceeds_available" }] });
    expect(over.json().detail).toContain("Rp100.000");
    const exact = await counter("withdrawals", { memberAccountId: member.memberAccountId, amount: 100_000 });
    expect(exact.statusCode, exact.body).toBe(201);
    expect(exact.json()).toMatchObject({ balanceAfter: 10_000, availableAfter: 0 });
  });

  it("leaves held money in the account until the hold is released", async () => {
    const member = await memberWithAccount(t, k, { balance: 510_000 });
    const hold = await t.app.inject({
      method: "POST",
      url: `${base()}/savings/holds`,
      headers: headers(k.bendahara),
      payload: { memberAccountId: member.memberAccountId, amount: 400_000, reason: "Jaminan pinjaman" },
    });
    expect(hold.statusCode, hold.body).toBe(201);
    const standing = await t.app.inject({ url: `${base()}/savings/accounts/${member.memberAccountId}`, headers: headers(kasir) });
    expect(standing.json()).toMatchObject({ kind: "sukarela", productCode: "SS", balance: 510_000, held: 400_000, minBalance: 10_000, available: 100_000, dormant: false });
    expect((await counter("withdrawals", { memberAccountId: member.memberAccountId, amount: 100_001 })).json().code).toBe("exceeds_available");
    // A kasir may not release it.
    expect((await t.app.inject({ method: "POST", url: `${base()}/savings/holds/${hold.json().id}/release`, headers: headers(kasir) })).statusCode).toBe(403);
    const released = await t.app.inject({ method: "POST", url: `${base()}/savings/holds/${hold.json().id}/release`, headers: headers(k.bendahara) });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().releasedBy).toBe(k.bendahara.userId);
    expect((await counter("withdrawals", { memberAccountId: member.memberAccountId, amount: 500_000 })).statusCode).toBe(201);
  });
});

describe("refusals, each leaving nothing posted", () => {
  let pokok: Awaited<ReturnType<typeof memberWithAccount>>;
  let wajib: Awaited<ReturnType<typeof memberWithAccount>>;
  let leaver: Awaited<ReturnType<typeof memberWithAccount>>;
  let closed: Awaited<ReturnType<typeof memberWithAccount>>;
  let loan: Awaited<ReturnType<typeof memberWithAccount>>;
  let berjangka: Awaited<ReturnType<typeof memberWithAccount>>;

  beforeAll(async () => {
    pokok = await memberWithAccount(t, k, { balance: 100_000, controlCode: "3-1100" });
    wajib = await memberWithAccount(t, k, { balance: 300_000, controlCode: "3-1200" });
    leaver = await memberWithAccount(t, k, { balance: 200_000, status: "keluar" });
    closed = await memberWithAccount(t, k, {});
    loan = await memberWithAccount(t, k, { controlCode: "1-1300" });
    berjangka = await memberWithAccount(t, k, { controlCode: "2-1200" });
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.updateTable("member_account").set({ status: "closed", closed_at: now }).where("id", "=", closed.memberAccountId).execute(),
    );
  });

  const cases: [string, () => ["deposits" | "withdrawals", Record<string, unknown>], number, string, string][] = [
    ["a zero amount", () => ["deposits", { memberAccountId: siti.memberAccountId, amount: 0 }], 400, "amount_not_positive", "body.amount"],
    ["a negative amount", () => ["withdrawals", { memberAccountId: siti.memberAccountId, amount: -5_000 }], 400, "amount_not_positive", "body.amount"],
    ["a fractional amount", () => ["deposits", { memberAccountId: siti.memberAccountId, amount: 1_000.5 }], 400, "amount_not_integer", "body.amount"],
    ["an absurd amount", () => ["deposits", { memberAccountId: siti.memberAccountId, amount: 1_000_000_000_000 }], 400, "amount_too_large", "body.amount"],
    ["an amount beyond safe integers", () => ["deposits", { memberAccountId: siti.memberAccountId, amount: 2 ** 60 }], 400, "amount_too_large", "body.amount"],
    ["pokok while a member", () => ["withdrawals", { memberAccountId: pokok.memberAccountId, amount: 1_000 }], 422, "kind_not_withdrawable", "body.memberAccountId"],
    ["wajib while a member", () => ["withdrawals", { memberAccountId: wajib.memberAccountId, amount: 1_000 }], 422, "kind_not_withdrawable", "body.memberAccountId"],
    ["a deposit for a former member", () => ["deposits", { memberAccountId: leaver.memberAccountId, amount: 1_000 }], 422, "not_a_member", "body.memberAccountId"],
    ["a withdrawal by a former member", () => ["withdrawals", { memberAccountId: leaver.memberAccountId, amount: 1_000 }], 422, "not_a_member", "body.memberAccountId"],
    ["a deposit into a closed account", () => ["deposits", { memberAccountId: closed.memberAccountId, amount: 1_000 }], 422, "account_closed", "body.memberAccountId"],
    ["a deposit into a loan account", () => ["deposits", { memberAccountId: loan.memberAccountId, amount: 1_000 }], 422, "not_savings_account", "body.memberAccountId"],
    ["more simpanan pokok than is owed", () => ["deposits", { memberAccountId: pokok.memberAccountId, amount: 1 }], 422, "pokok_exceeded", "body.amount"],
    ["a deposit into a term deposit", () => ["deposits", { memberAccountId: berjangka.memberAccountId, amount: 1_000 }], 422, "kind_not_depositable", "body.memberAccountId"],
    ["an unknown account", () => ["deposits", { memberAccountId: uuidv7(), amount: 1_000 }], 422, "member_account_unknown", "body.memberAccountId"],
  ];

  it.each(cases)("refuses %s", async (_label, make, status, code, path) => {
    const before = await journalCounts(t, k.koperasiId);
    const [kind, body] = make();
    const res = await counter(kind, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code, errors: [expect.objectContaining({ path, code })] });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("refuses a string amount and a missing Idempotency-Key at validation", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const text = await counter("deposits", { memberAccountId: siti.memberAccountId, amount: "1000" });
    expect(text.statusCode).toBe(400);
    const keyless = await t.app.inject({ method: "POST", url: `${base()}/savings/deposits`, headers: headers(kasir), payload: { memberAccountId: siti.memberAccountId, amount: 1_000 } });
    expect(keyless.statusCode).toBe(400);
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("answers in English when asked", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `${base()}/savings/withdrawals`,
      headers: { ...headers(kasir, uuidv7()), "accept-language": "en" },
      payload: { memberAccountId: pokok.memberAccountId, amount: 1_000 },
    });
    expect(res.json().detail).toContain("cannot be withdrawn while a member");
  });
});

describe("a withdrawal above the product's threshold", () => {
  let rich: Awaited<ReturnType<typeof memberWithAccount>>;
  beforeAll(async () => {
    rich = await memberWithAccount(t, k, { balance: 20_000_000 });
  });

  it("waits for a second person, posting nothing until approved", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const res = await counter("withdrawals", { memberAccountId: rich.memberAccountId, amount: 6_000_000 });
    expect(res.statusCode, res.body).toBe(202);
    const request = res.json().request;
    expect(res.json()).toMatchObject({ status: "pending_approval", request: { amount: 6_000_000, status: "pending", requestedBy: kasir.userId } });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);

    // The kasir may not approve at all; someone holding both roles may not approve her own.
    expect((await t.app.inject({ method: "POST", url: `${base()}/savings/withdrawal-requests/${request.id}/approve`, headers: headers(kasir, uuidv7()) })).statusCode).toBe(403);
    const both = await signedInAs(t.ctx, ["kasir", "pengurus"], { koperasiId: k.koperasiId, positions: ["bendahara"] });
    const own = (await counter("withdrawals", { memberAccountId: rich.memberAccountId, amount: 5_500_000 }, uuidv7(), both)).json().request;
    const selfApproval = await t.app.inject({ method: "POST", url: `${base()}/savings/withdrawal-requests/${own.id}/approve`, headers: headers(both, uuidv7()) });
    expect(selfApproval.statusCode).toBe(403);
    expect(selfApproval.json().code).toBe("maker_cannot_approve");
    // Nor turn it down herself: a clear refusal, the request still waiting.
    const selfRejection = await t.app.inject({ method: "POST", url: `${base()}/savings/withdrawal-requests/${own.id}/reject`, headers: headers(both) });
    expect([selfRejection.statusCode, selfRejection.json().code]).toEqual([403, "maker_cannot_approve"]);

    const approved = await t.app.inject({ method: "POST", url: `${base()}/savings/withdrawal-requests/${request.id}/approve`, headers: headers(k.ketua, uuidv7()) });
    expect(approved.statusCode, approved.body).toBe(201);
    expect(approved.json().entry).toMatchObject({ source: "withdrawal", createdBy: kasir.userId, approvedBy: k.ketua.userId });
    expect(lineTuples(approved.json().entry.lines)).toEqual([
      ["2-1100", rich.memberAccountId, 6_000_000, 0],
      ["1-1100", null, 0, 6_000_000],
    ]);
    const again = await t.app.inject({ method: "POST", url: `${base()}/savings/withdrawal-requests/${request.id}/approve`, headers: headers(k.bendahara, uuidv7()) });
    expect(again.json().code).toBe("request_not_pending");

    const rejected = await t.app.inject({ method: "POST", url: `${base()}/savings/withdrawal-requests/${own.id}/reject`, headers: headers(k.ketua) });
    expect(rejected.json()).toMatchObject({ status: "rejected", decidedBy: k.ketua.userId, journalEntryId: null });
    expect(await memberBalance(t, k.koperasiId, rich.memberAccountId)).toBe(14_000_000);
  });

  it("is checked again at approval: money spent meanwhile refuses it", async () => {
    const member = await memberWithAccount(t, k, { balance: 6_010_000 });
    const request = (await counter("withdrawals", { memberAccountId: member.memberAccountId, amount: 6_000_000 })).json().request;
    expect((await counter("withdrawals", { memberAccountId: member.memberAccountId, amount: 100_000 })).statusCode).toBe(201);
    const before = await journalCounts(t, k.koperasiId);
    const approval = await t.app.inject({ method: "POST", url: `${base()}/savings/withdrawal-requests/${request.id}/approve`, headers: headers(k.ketua, uuidv7()) });
    expect(approval.statusCode).toBe(422);
    expect(approval.json().code).toBe("exceeds_available");
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });
});

describe("the receipt", () => {
  it("prints the amount in figures and words, the voucher and the teller; a reprint says SALINAN", async () => {
    const member = await memberWithAccount(t, k, {});
    const deposit = (await counter("deposits", { memberAccountId: member.memberAccountId, amount: 1_250_000 })).json();
    const first = await t.app.inject({ url: deposit.receiptPdfUrl, headers: headers(kasir) });
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(first.rawPayload);
    expect(text).toContain("Bukti Setoran Simpanan");
    expect(text).toContain("Rp1.250.000");
    expect(text).toContain("satu juta dua ratus lima puluh ribu rupiah");
    expect(text).toContain(deposit.entry.voucherNo);
    const teller = await t.ctx.database.db.selectFrom("user").select("name").where("id", "=", kasir.userId).executeTakeFirstOrThrow();
    expect(text).toContain(`Kasir ${teller.name}`);
    // The verification link, printed under its QR code (a long line may wrap).
    expect(text.replace(/\s+/g, "")).toContain(`/rekening/${member.memberAccountId}/transaksi/${deposit.entry.id}`);
    expect(text).not.toContain("SALINAN");
    const reprint = await t.app.inject({ url: deposit.receiptPdfUrl, headers: headers(k.ketua) });
    expect(await pdfText(reprint.rawPayload)).toContain("SALINAN");
  });

  it("comes with a WhatsApp link to the member's own number, the amount and the verification link in its text", async () => {
    const member = await memberWithAccount(t, k, {});
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx
        .updateTable("member")
        .set({
          phone_sealed: seal(t.ctx.secrets.memberDataKeys, { koperasiId: k.koperasiId, rowId: member.memberId, field: "phone" }, "+6281234567890"),
          phone_index: blindIndex(t.ctx.secrets.memberDataKeys, k.koperasiId, "phone", "+6281234567890"),
          pii_key_id: t.ctx.secrets.memberDataKeys.current.id,
        })
        .where("id", "=", member.memberId)
        .execute(),
    );
    const deposit = (await counter("deposits", { memberAccountId: member.memberAccountId, amount: 75_000 })).json();
    const link = new URL(deposit.whatsappUrl);
    expect(`${link.origin}${link.pathname}`).toBe("https://wa.me/6281234567890");
    const text = link.searchParams.get("text") ?? "";
    expect(text).toContain("Bukti Setoran Simpanan");
    expect(text).toContain("Jumlah Rp75.000 (tujuh puluh lima ribu rupiah)");
    expect(text).toContain(deposit.entry.voucherNo);
    expect(text).toContain(`/rekening/${member.memberAccountId}/transaksi/${deposit.entry.id}`);
  });

  it("is not given for an entry that is no counter transaction", async () => {
    const entryId = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) =>
      (await trx.selectFrom("journal_entry").select("id").where("source", "=", "opening_balance").executeTakeFirstOrThrow()).id,
    );
    const res = await t.app.inject({ url: `${base()}/savings/receipts/${entryId}/receipt.pdf`, headers: headers(kasir) });
    expect(res.statusCode).toBe(404);
  });
});

describe("dormant accounts", () => {
  it("refuse withdrawals after twelve months without movement, until a deposit wakes them", async () => {
    const member = await memberWithAccount(t, k, { balance: 500_000 });
    now = new Date("2027-01-05T02:00:00.000Z");
    const standing = await t.app.inject({ url: `${base()}/savings/accounts/${member.memberAccountId}`, headers: headers(kasir) });
    expect(standing.json()).toMatchObject({ dormant: true, lastMovementOn: "2026-01-02" });
    const refused = await counter("withdrawals", { memberAccountId: member.memberAccountId, amount: 1_000 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("account_dormant");
    expect((await counter("deposits", { memberAccountId: member.memberAccountId, amount: 1_000 })).statusCode).toBe(201);
    expect((await counter("withdrawals", { memberAccountId: member.memberAccountId, amount: 1_000 })).statusCode).toBe(201);
  });

  it("leave every sub-ledger equal to its control account", async () => {
    await expectBooksBalanced(t, k.koperasiId);
  });
});
