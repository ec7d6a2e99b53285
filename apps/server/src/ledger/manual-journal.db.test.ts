import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { seedChartOfAccounts } from "./chart";
import { expectBooksBalanced, headers, journalCounts, ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "./test-support";

// Manual journals (jurnal umum) through HTTP: maker–checker, exact lines per
// GL account after posting, the views, and every refusal leaving nothing
// posted.

let t: TestApp;
let k: LedgerKoperasi;
let now = new Date("2026-03-16T03:00:00.000Z"); // 10.00 WIB, 16 March 2026
const base = () => `/api/v1/koperasi/${k.koperasiId}`;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
});
afterAll(async () => {
  await t?.close();
});

/** POSTs with a fresh Idempotency-Key, the one given, or none (null). */
function post(path: string, person: { cookie: string }, body: unknown, key: string | null = uuidv7()) {
  return t.app.inject({ method: "POST", url: `${base()}${path}`, headers: headers(person as never, key ?? undefined), payload: body as object });
}

function tick(): void {
  now = new Date(now.getTime() + 1000);
}

function get(path: string, person: { cookie: string }) {
  return t.app.inject({ url: `${base()}${path}`, headers: { cookie: person.cookie } });
}

const salaries = () => ({
  businessDate: "2026-03-14",
  description: "Gaji karyawan Maret 2026",
  lines: [
    { accountId: k.account("5-2100"), debit: 1_500_000 },
    { accountId: k.account("1-1100"), credit: 1_000_000 },
    { accountId: k.account("1-1200"), credit: 500_000 },
  ],
});

describe("the chart of accounts", () => {
  it("is the KSP template, seeded once", async () => {
    const res = await get("/accounts", k.bendahara);
    expect(res.statusCode).toBe(200);
    const accounts = res.json() as { code: string; name: string; isControl: boolean; isGroup: boolean; type: string; normalBalance: string }[];
    expect(accounts.find((a) => a.code === "2-1100")).toMatchObject({ name: "Simpanan Sukarela", isControl: true, type: "liabilitas", normalBalance: "credit" });
    expect(accounts.find((a) => a.code === "1-0000")).toMatchObject({ isGroup: true });
    expect(accounts.map((a) => a.code)).toEqual([...accounts.map((a) => a.code)].sort());
    // Seeding again changes nothing (a retried registration cannot double the chart).
    expect(await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => seedChartOfAccounts(trx, k.koperasiId, "ksp"))).toBe(0);
    expect(((await get("/accounts", k.bendahara)).json() as unknown[]).length).toBe(accounts.length);
  });

  it("follows the cooperative's type: a KSU also gets inventory, sales and cost of goods sold", async () => {
    const ksu = await signedInAs(t.ctx, ["pengurus"], { positions: ["bendahara"] });
    const created = await t.ctx.database.tenant({ koperasiId: ksu.koperasiId }, (trx) => seedChartOfAccounts(trx, ksu.koperasiId, "ksu"));
    const res = await t.app.inject({ url: `/api/v1/koperasi/${ksu.koperasiId}/accounts`, headers: { cookie: ksu.cookie } });
    const codes = (res.json() as { code: string; name: string }[]).map((a) => `${a.code} ${a.name}`);
    expect(codes).toHaveLength(created);
    expect(codes).toEqual(expect.arrayContaining(["1-1500 Persediaan Barang Dagangan", "4-2100 Penjualan", "5-3100 Harga Pokok Penjualan"]));
  });

  it("lets the admin add an account under a group, audited; refuses a taken code, a wrong type digit, a bad parent", async () => {
    const admin = await signedInAs(t.ctx, ["admin"], { koperasiId: k.koperasiId });
    const created = await t.app.inject({
      method: "POST",
      url: `${base()}/accounts`,
      headers: { cookie: admin.cookie },
      payload: { code: "5-2400", name: "Beban Listrik dan Air", type: "beban", parentId: k.account("5-0000") },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: "5-2400", normalBalance: "debit", isGroup: false, isControl: false, status: "open" });

    const again = await t.app.inject({
      method: "POST",
      url: `${base()}/accounts`,
      headers: { cookie: admin.cookie },
      payload: { code: "5-2400", name: "Duplikat", type: "beban" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "account_code_taken", errors: [{ path: "body.code" }] });

    const digit = await t.app.inject({ method: "POST", url: `${base()}/accounts`, headers: { cookie: admin.cookie }, payload: { code: "4-9000", name: "Beban Salah", type: "beban" } });
    expect(digit.statusCode).toBe(400);
    expect(digit.json()).toMatchObject({ code: "account_code_type_mismatch", errors: [{ path: "body.code" }] });

    const parent = await t.app.inject({
      method: "POST",
      url: `${base()}/accounts`,
      headers: { cookie: admin.cookie },
      payload: { code: "5-2500", name: "Beban Lain", type: "beban", parentId: k.account("1-1100") },
    });
    expect(parent.statusCode).toBe(422);
    expect(parent.json()).toMatchObject({ code: "account_parent_invalid" });

    const audit = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.selectFrom("audit_log").select(["action", "details"]).where("action", "=", "ledger.account_create").execute(),
    );
    expect(audit).toEqual([{ action: "ledger.account_create", details: { code: "5-2400", name: "Beban Listrik dan Air", type: "beban" } }]);
  });

  it("refuses people without the permission", async () => {
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
    expect((await get("/accounts", kasir)).statusCode).toBe(403);
    const res = await t.app.inject({ method: "POST", url: `${base()}/accounts`, headers: { cookie: k.ketua.cookie }, payload: { code: "5-9000", name: "X Y", type: "beban" } });
    expect(res.statusCode).toBe(403);
  });
});

describe("a manual journal", () => {
  let entryId: string;

  it("is created PENDING by the bendahara, without a voucher number, nothing posted", async () => {
    const before = await journalCounts(t, k.koperasiId);
    const res = await post("/journals", k.bendahara, salaries());
    expect(res.statusCode).toBe(201);
    const entry = res.json();
    entryId = entry.id;
    expect(entry).toMatchObject({ status: "pending", voucherNo: null, postedAt: null, source: "manual", createdBy: k.bendahara.userId, totalDebit: 1_500_000, totalCredit: 1_500_000 });
    expect(entry.lines).toHaveLength(3);
    const after = await journalCounts(t, k.koperasiId);
    expect(after).toEqual({ entries: before.entries + 1, lines: before.lines + 3, leaves: before.leaves, posted: before.posted });
    const trial = (await get("/trial-balance?asOf=2026-03-31", k.ketua)).json();
    expect(trial.rows.find((r: { code: string }) => r.code === "5-2100")).toMatchObject({ debit: 0, credit: 0 });
  });

  it("cannot be approved by its maker", async () => {
    // A pengurus holding both positions may make and approve journals, but never the same one.
    const both = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k.koperasiId, positions: ["bendahara", "ketua"] });
    const made = await post("/journals", both, salaries());
    expect(made.statusCode).toBe(201);
    const res = await post(`/journals/${made.json().id}/approve`, both, undefined);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: "maker_cannot_approve", detail: "Jurnal harus disetujui oleh orang lain, bukan oleh pembuatnya." });
    const entry = (await get(`/journals/${made.json().id}`, k.ketua)).json();
    expect(entry).toMatchObject({ status: "pending", voucherNo: null });
    // …and a checker may reject it instead.
    const rejected = await post(`/journals/${made.json().id}/reject`, k.ketua, { reason: "Dobel" }, null);
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: "rejected", voucherNo: null });
    expect((await post(`/journals/${made.json().id}/approve`, k.ketua, undefined)).json()).toMatchObject({ code: "journal_not_pending" });
  });

  it("is posted by the ketua with voucher JU/2026/000001 and exactly its lines on each GL account", async () => {
    const res = await post(`/journals/${entryId}/approve`, k.ketua, undefined);
    expect(res.statusCode).toBe(200);
    const entry = res.json();
    expect(entry).toMatchObject({ status: "posted", voucherNo: "JU/2026/000001", approvedBy: k.ketua.userId, postedAt: now.toISOString(), businessDate: "2026-03-14" });
    expect(entry.lines.map((l: { accountCode: string; debit: number; credit: number; memberAccountId: string | null }) => [l.accountCode, l.debit, l.credit, l.memberAccountId])).toEqual([
      ["5-2100", 1_500_000, 0, null],
      ["1-1100", 0, 1_000_000, null],
      ["1-1200", 0, 500_000, null],
    ]);

    // Per GL account, Fineract style: the general ledger of each shows exactly this entry's line.
    const ledgerOf = async (code: string) => (await get(`/accounts/${k.account(code)}/ledger?from=2026-03-01&to=2026-03-31`, k.ketua)).json();
    const beban = await ledgerOf("5-2100");
    expect(beban.items.map((i: { voucherNo: string; debit: number; credit: number; balance: number }) => [i.voucherNo, i.debit, i.credit, i.balance])).toEqual([
      ["JU/2026/000001", 1_500_000, 0, 1_500_000],
    ]);
    const kas = await ledgerOf("1-1100");
    expect(kas.items.map((i: { voucherNo: string; debit: number; credit: number }) => [i.voucherNo, i.debit, i.credit])).toEqual([["JU/2026/000001", 0, 1_000_000]]);
    const bank = await ledgerOf("1-1200");
    expect(bank.items.map((i: { voucherNo: string; debit: number; credit: number }) => [i.voucherNo, i.debit, i.credit])).toEqual([["JU/2026/000001", 0, 500_000]]);

    const leaves = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.selectFrom("log_leaf").select(["entry_id", "seq"]).where("entry_id", "=", entryId).execute(),
    );
    expect(leaves).toEqual([{ entry_id: entryId, seq: null }]);
    const audit = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.selectFrom("audit_log").select(["action", "actor_user_id"]).where("target_id", "=", entryId).orderBy("created_at").execute(),
    );
    expect(audit).toEqual([
      { action: "journal.create", actor_user_id: k.bendahara.userId },
      { action: "journal.approve", actor_user_id: k.ketua.userId },
    ]);
  });

  it("shows in the trial balance, whose columns agree", async () => {
    const trial = (await get("/trial-balance?asOf=2026-03-31", k.ketua)).json();
    const row = (code: string) => trial.rows.find((r: { code: string }) => r.code === code);
    expect(row("5-2100")).toMatchObject({ totalDebit: 1_500_000, totalCredit: 0, debit: 1_500_000, credit: 0 });
    expect(row("1-1100")).toMatchObject({ debit: 0, credit: 1_000_000 });
    expect(row("1-1200")).toMatchObject({ debit: 0, credit: 500_000 });
    expect(trial.totalDebit).toBe(trial.totalCredit);
    expect(trial.rows.some((r: { code: string }) => r.code === "1-0000")).toBe(false);
    // Before the entry's date it is not there.
    const earlier = (await get("/trial-balance?asOf=2026-03-13", k.ketua)).json();
    expect(earlier.rows.find((r: { code: string }) => r.code === "5-2100")).toMatchObject({ debit: 0 });
  });

  it("keeps a running balance across entries and pages", async () => {
    const second = await post("/journals", k.bendahara, {
      businessDate: "2026-03-15",
      description: "Setor kas ke bank",
      lines: [
        { accountId: k.account("1-1200"), debit: 2_000_000 },
        { accountId: k.account("1-1100"), credit: 2_000_000 },
      ],
    });
    expect((await post(`/journals/${second.json().id}/approve`, k.ketua, undefined)).json()).toMatchObject({ voucherNo: "JU/2026/000002" });
    const page1 = (await get(`/accounts/${k.account("1-1100")}/ledger?from=2026-03-01&to=2026-03-31&pageSize=1`, k.ketua)).json();
    const page2 = (await get(`/accounts/${k.account("1-1100")}/ledger?from=2026-03-01&to=2026-03-31&pageSize=1&page=2`, k.ketua)).json();
    expect(page1).toMatchObject({ total: 2, openingBalance: 0, closingBalance: -3_000_000 });
    expect(page1.items.map((i: { balance: number }) => i.balance)).toEqual([-1_000_000]);
    expect(page2.items.map((i: { voucherNo: string; balance: number }) => [i.voucherNo, i.balance])).toEqual([["JU/2026/000002", -3_000_000]]);
    const later = (await get(`/accounts/${k.account("1-1100")}/ledger?from=2026-03-15&to=2026-03-31`, k.ketua)).json();
    expect(later).toMatchObject({ openingBalance: -1_000_000, closingBalance: -3_000_000, total: 1 });
  });
});

describe("bad manual journals: a clear problem, nothing written", () => {
  const cases: [string, () => unknown, number, string, string?][] = [
    [
      "unbalanced",
      () => ({ ...salaries(), lines: [{ accountId: k.account("5-2100"), debit: 1_500_001 }, { accountId: k.account("1-1100"), credit: 1_500_000 }] }),
      400,
      "journal_unbalanced",
      "body.lines",
    ],
    ["one line", () => ({ ...salaries(), lines: [{ accountId: k.account("5-2100"), debit: 1 }] }), 400, "journal_too_few_lines", "body.lines"],
    [
      "an amount of zero",
      () => ({ ...salaries(), lines: [{ accountId: k.account("5-2100"), debit: 0 }, { accountId: k.account("1-1100"), credit: 0 }] }),
      400,
      "amount_not_positive",
      "body.lines.0",
    ],
    [
      "a negative amount",
      () => ({ ...salaries(), lines: [{ accountId: k.account("5-2100"), debit: -5 }, { accountId: k.account("1-1100"), credit: -5 }] }),
      400,
      "amount_not_positive",
      "body.lines.0.debit",
    ],
    [
      "a fraction of a Rupiah",
      () => ({ ...salaries(), lines: [{ accountId: k.account("5-2100"), debit: 100.5 }, { accountId: k.account("1-1100"), credit: 100.5 }] }),
      400,
      "amount_not_integer",
      "body.lines.0.debit",
    ],
    [
      "both sides on one line",
      () => ({ ...salaries(), lines: [{ accountId: k.account("5-2100"), debit: 100, credit: 100 }, { accountId: k.account("1-1100"), credit: 0, debit: 0 }] }),
      400,
      "journal_line_one_side",
      "body.lines.0",
    ],
    [
      "an unknown account",
      () => ({ ...salaries(), lines: [{ accountId: uuidv7(), debit: 100 }, { accountId: k.account("1-1100"), credit: 100 }] }),
      422,
      "account_unknown",
      "body.lines.0.accountId",
    ],
    [
      "a control account (members' savings)",
      () => ({ ...salaries(), lines: [{ accountId: k.account("1-1100"), debit: 100 }, { accountId: k.account("2-1100"), credit: 100 }] }),
      422,
      "account_is_control",
      "body.lines.1.accountId",
    ],
    [
      "a group heading",
      () => ({ ...salaries(), lines: [{ accountId: k.account("5-0000"), debit: 100 }, { accountId: k.account("1-1100"), credit: 100 }] }),
      422,
      "account_is_group",
      "body.lines.0.accountId",
    ],
    ["a date after today", () => ({ ...salaries(), businessDate: "2026-03-17" }), 422, "business_date_in_future", "body.businessDate"],
    ["an amount as text", () => ({ ...salaries(), lines: [{ accountId: k.account("5-2100"), debit: "100" }, { accountId: k.account("1-1100"), credit: 100 }] }), 400, "invalid_input"],
  ];

  it.each(cases)("%s", async (_name, body, status, code, path) => {
    const before = await journalCounts(t, k.koperasiId);
    const res = await post("/journals", k.bendahara, body());
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status, code });
    if (path) expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("a closed account: refused when entered, and at approval if it closed meanwhile", async () => {
    const admin = await signedInAs(t.ctx, ["admin"], { koperasiId: k.koperasiId });
    const made = await post("/journals", k.bendahara, {
      businessDate: "2026-03-16",
      description: "Biaya RAT",
      lines: [
        { accountId: k.account("5-2200"), debit: 250_000 },
        { accountId: k.account("1-1100"), credit: 250_000 },
      ],
    });
    expect(made.statusCode).toBe(201);
    const closed = await t.app.inject({ method: "POST", url: `${base()}/accounts/${k.account("5-2200")}/close`, headers: { cookie: admin.cookie } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: "closed" });

    const before = await journalCounts(t, k.koperasiId);
    const approve = await post(`/journals/${made.json().id}/approve`, k.ketua, undefined);
    expect(approve.statusCode).toBe(422);
    expect(approve.json()).toMatchObject({ code: "account_closed", errors: [{ path: "lines.0.accountId" }] });
    const fresh = await post("/journals", k.bendahara, {
      businessDate: "2026-03-16",
      description: "Biaya RAT",
      lines: [
        { accountId: k.account("5-2200"), debit: 250_000 },
        { accountId: k.account("1-1100"), credit: 250_000 },
      ],
    });
    expect(fresh.statusCode).toBe(422);
    expect(fresh.json()).toMatchObject({ code: "account_closed", errors: [{ path: "body.lines.0.accountId" }] });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
    expect((await get(`/journals/${made.json().id}`, k.ketua)).json()).toMatchObject({ status: "pending", voucherNo: null });
  });

  it("an account with a balance cannot be closed, and an account is never deleted", async () => {
    const admin = await signedInAs(t.ctx, ["admin"], { koperasiId: k.koperasiId });
    const res = await t.app.inject({ method: "POST", url: `${base()}/accounts/${k.account("1-1100")}/close`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "account_not_empty" });
    await expect(
      t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => trx.deleteFrom("gl_account").where("id", "=", k.account("5-2300")).execute()),
    ).rejects.toThrow(/permission denied/);
  });

  it("a closed period: refused when entered and at approval", async () => {
    const made = await post("/journals", k.bendahara, { ...salaries(), businessDate: "2026-02-27", description: "Gaji Februari" });
    expect(made.statusCode).toBe(201);
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.insertInto("closed_period").values({ koperasi_id: k.koperasiId, period_start: "2026-02-01", closed_by: k.ketua.userId }).execute(),
    );
    const before = await journalCounts(t, k.koperasiId);
    const again = await post("/journals", k.bendahara, { ...salaries(), businessDate: "2026-02-28" });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ code: "period_closed", errors: [{ path: "body.businessDate" }] });
    const approve = await post(`/journals/${made.json().id}/approve`, k.ketua, undefined);
    expect(approve.statusCode).toBe(422);
    expect(approve.json()).toMatchObject({ code: "period_closed" });
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);
  });

  it("Zod still guards the shape: unknown fields, malformed ids", async () => {
    const res = await post("/journals", k.bendahara, { ...salaries(), extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "invalid_input" });
  });
});

describe("idempotency on journal requests", () => {
  it("requires the Idempotency-Key header", async () => {
    const res = await post("/journals", k.bendahara, salaries(), null);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "idempotency_key_required", detail: "Header Idempotency-Key wajib diisi untuk transaksi keuangan." });
    const bad = await post("/journals", k.bendahara, salaries(), "kunci dengan spasi");
    expect(bad.json()).toMatchObject({ code: "idempotency_key_invalid" });
  });

  it("replays the stored response for a retry, creates nothing twice, and refuses the key for another body", async () => {
    const key = uuidv7();
    const first = await post("/journals", k.bendahara, salaries(), key);
    expect(first.statusCode).toBe(201);
    const before = await journalCounts(t, k.koperasiId);
    // Same body with its keys in another order: the same request.
    const { lines, description, businessDate } = salaries();
    const retry = await post("/journals", k.bendahara, { lines, description, businessDate }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json()).toEqual(first.json());
    expect(await journalCounts(t, k.koperasiId)).toEqual(before);

    const other = await post("/journals", k.bendahara, { ...salaries(), description: "Lain" }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: "idempotency_key_reused" });
    // The key belongs to its user: another person may use the same string.
    const mine = await post("/journals", await signedInAs(t.ctx, ["pengurus"], { koperasiId: k.koperasiId, positions: ["bendahara"] }), salaries(), key);
    expect(mine.statusCode).toBe(201);
  });

  it("replays a refusal as the refusal, in the asker's language", async () => {
    const key = uuidv7();
    const body = { ...salaries(), lines: [{ accountId: k.account("5-2100"), debit: 2 }, { accountId: k.account("1-1100"), credit: 1 }] };
    const first = await post("/journals", k.bendahara, body, key);
    expect(first.json()).toMatchObject({ status: 400, code: "journal_unbalanced" });
    const retry = await t.app.inject({
      method: "POST",
      url: `${base()}/journals`,
      headers: { ...headers(k.bendahara, key), "accept-language": "en" },
      payload: body,
    });
    expect(retry.statusCode).toBe(400);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json()).toMatchObject({ code: "journal_unbalanced", detail: "Total debits must equal total credits.", errors: [{ path: "body.lines" }] });
  });
});

describe("a correction (reversing entry)", () => {
  it("mirrors the original, member lines included, needs a checker, and posts once", async () => {
    const a = await memberWithAccount(t, k, { balance: 300_000 });
    const b = await memberWithAccount(t, k, { balance: 0 });
    const transfer = await post("/transfers", k.bendahara, { fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount: 120_000 });
    expect(transfer.statusCode).toBe(201);
    const original = transfer.json();
    tick();

    const reversal = await post(`/journals/${original.id}/reverse`, k.bendahara, { reason: "Salah rekening tujuan" });
    expect(reversal.statusCode).toBe(201);
    expect(reversal.json()).toMatchObject({ status: "pending", source: "reversal", reversesEntryId: original.id, businessDate: "2026-03-16" });
    expect(reversal.json().description).toBe(`Koreksi atas ${original.voucherNo}: Salah rekening tujuan`);
    expect(reversal.json().lines.map((l: { memberAccountId: string; debit: number; credit: number }) => [l.memberAccountId, l.debit, l.credit])).toEqual([
      [a.memberAccountId, 0, 120_000],
      [b.memberAccountId, 120_000, 0],
    ]);
    const twice = await post(`/journals/${original.id}/reverse`, k.bendahara, { reason: "Lagi" });
    expect(twice.json()).toMatchObject({ code: "journal_already_reversed" });

    expect((await post(`/journals/${reversal.json().id}/approve`, k.bendahara, undefined)).statusCode).toBe(403); // bendahara may not approve at all
    tick();
    const posted = await post(`/journals/${reversal.json().id}/approve`, k.ketua, undefined);
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toMatchObject({ status: "posted", voucherNo: "JK/2026/000001" });
    const statement = (await get(`/member-accounts/${a.memberAccountId}/statement`, k.ketua)).json();
    expect(statement.memberAccount.balance).toBe(300_000);
    expect(statement.items.map((i: { voucherNo: string; balance: number }) => [i.voucherNo, i.balance])).toEqual([
      [expect.stringMatching(/^SA\/2026\//), 300_000],
      [original.voucherNo, 180_000],
      ["JK/2026/000001", 300_000],
    ]);
    await expectBooksBalanced(t, k.koperasiId);
  });

  it("only of a posted entry", async () => {
    const pending = await post("/journals", k.bendahara, salaries());
    const res = await post(`/journals/${pending.json().id}/reverse`, k.bendahara, { reason: "Belum diposting" });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "journal_not_posted" });
  });
});

describe("views and lists", () => {
  it("lists the checker's queue", async () => {
    const res = (await get("/journals?status=pending&pageSize=100", k.ketua)).json();
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((e: { status: string; voucherNo: string | null }) => e.status === "pending" && e.voucherNo === null)).toBe(true);
  });

  it("answers 404 for another cooperative's entry, and 403 to another cooperative's user", async () => {
    const other = await ledgerKoperasi(t);
    const made = await t.app.inject({
      method: "POST",
      url: `/api/v1/koperasi/${other.koperasiId}/journals`,
      headers: headers(other.bendahara, uuidv7()),
      payload: { businessDate: "2026-03-16", description: "Jurnal koperasi lain", lines: [{ accountId: other.account("5-2100"), debit: 1 }, { accountId: other.account("1-1100"), credit: 1 }] },
    });
    expect(made.statusCode).toBe(201);
    expect((await get(`/journals/${made.json().id}`, k.ketua)).statusCode).toBe(404);
    const keys = () => t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => trx.selectFrom("idempotency_key").select("id").execute());
    const keysBefore = (await keys()).length;
    expect((await post(`/journals/${made.json().id}/approve`, k.ketua, undefined)).statusCode).toBe(404);
    // Nothing ran, so nothing is recorded: probing another cooperative's ids leaves no trace.
    expect((await keys()).length).toBe(keysBefore);
    const foreign = await t.app.inject({ url: `/api/v1/koperasi/${other.koperasiId}/trial-balance`, headers: { cookie: k.ketua.cookie } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ code: "not_a_member" });
  });

  it("keeps the books balanced throughout", async () => {
    now = new Date("2026-03-16T04:00:00.000Z");
    await expectBooksBalanced(t, k.koperasiId);
  });
});
