import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subLedgerMismatches } from "./ledger/reconcile";
import { trialBalance } from "./ledger/trial-balance";
import { createTestApp, sessionCookie, type TestApp } from "./testing/harness";
import { DEMO_SLUG, ensureFirstStart } from "./first-start";
import { businessDateOf } from "./generate/history";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { demo: true } });
});
afterAll(async () => {
  await t?.close();
});

describe("first start", () => {
  it("creates the demo cooperative with members and working logins, once", async () => {
    const silent = () => {};
    const logins = await ensureFirstStart(t.ctx, silent);
    expect(logins.map((l) => l.label)).toEqual(["Operator platform", "Admin", "Pengurus (bendahara)", "Pengawas", "Kasir", "Anggota"]);
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").selectAll().where("slug", "=", DEMO_SLUG).executeTakeFirstOrThrow();
    expect(koperasi.status).toBe("approved");
    const members = await t.ctx.database.tenant({ koperasiId: koperasi.id }, (trx) => trx.selectFrom("member").select("member_number").orderBy("member_number").execute());
    expect(members).toHaveLength(25);
    expect(members[0]?.member_number).toBe("SBR-000001");
    const accounts = await t.ctx.database.tenant({ koperasiId: koperasi.id }, (trx) => trx.selectFrom("gl_account").select("code").execute());
    expect(accounts.length).toBeGreaterThan(20);
    for (const login of logins) await expect(sessionCookie(t.ctx, login.email, login.password)).resolves.toMatch(/kp\./);
    expect(await ensureFirstStart(t.ctx, silent)).toEqual([]);
  });

  it("gives the demo a living ledger: months of deposits, withdrawals and transfers that balance, the anggota's own savings among them", async () => {
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").select("id").where("slug", "=", DEMO_SLUG).executeTakeFirstOrThrow();
    // The demo cooperative's business date (WIB), which is the day after UTC's in the early morning.
    const today = businessDateOf(Date.now());
    const books = await t.ctx.database.tenant({ koperasiId: koperasi.id }, async (trx) => ({
      sources: (await trx.selectFrom("journal_entry").select("source").distinct().where("status", "=", "posted").execute()).map((r) => r.source).sort(),
      months: (await sql<{ m: string }>`SELECT DISTINCT to_char(business_date, 'YYYY-MM') AS m FROM journal_entry`.execute(trx)).rows.length,
      late: await trx.selectFrom("journal_entry").select("id").where("business_date", ">", today).execute(),
      kasir: await trx.selectFrom("journal_entry").select("created_by").distinct().where("status", "=", "posted").execute(),
      pending: await trx.selectFrom("journal_entry").select(["source", "business_date"]).where("status", "=", "pending").execute(),
      terms: (await sql<{ position: string }>`SELECT position FROM structure_term WHERE start_on <= ${today}::date AND end_on >= ${today}::date ORDER BY position`.execute(trx)).rows,
      employees: await trx.selectFrom("employee").select(["job_title", "koperasi_user_id"]).execute(),
      trial: await trialBalance(trx, koperasi.id, today),
      mismatches: await subLedgerMismatches(trx, koperasi.id),
      anggota: await trx
        .selectFrom("member_account as a")
        .innerJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "a.koperasi_id").onRef("m.id", "=", "a.member_id"))
        .select(["a.balance"])
        .where("m.full_name", "=", "Sri Wahyuni")
        .execute(),
    }));
    expect(books.sources).toEqual(["deposit", "opening_balance", "transfer", "withdrawal"].filter((s) => books.sources.includes(s)));
    expect(books.sources).toEqual(expect.arrayContaining(["deposit", "opening_balance"]));
    // Twelve months, the current one included: the home's chart has a full year.
    expect(books.months).toBeGreaterThanOrEqual(12);
    // Work waiting for the ketua, and an organisation chart in office today.
    expect(books.pending).toEqual([{ source: "manual", business_date: expect.anything() }]);
    expect(books.terms.map((t) => t.position)).toEqual(["anggota_pengawas", "bendahara", "ketua", "ketua_pengawas", "sekretaris"]);
    expect(books.employees).toEqual([{ job_title: "Kasir", koperasi_user_id: expect.any(String) }]);
    expect(books.late).toEqual([]);
    expect(books.kasir).toHaveLength(1);
    expect(books.trial.totalDebit).toBe(books.trial.totalCredit);
    expect(books.mismatches).toEqual([]);
    expect(books.anggota).toHaveLength(3);
    expect(books.anggota.some((a) => Number(a.balance) > 0)).toBe(true);
  });

  it("creates no account at all when the demo is off (PostgreSQL deployments)", async () => {
    const other = await createTestApp({ config: { demo: false } });
    try {
      expect(await ensureFirstStart(other.ctx, () => {})).toEqual([]);
      const users = await other.ctx.database.db.selectFrom("user").select("id").execute();
      expect(users).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
