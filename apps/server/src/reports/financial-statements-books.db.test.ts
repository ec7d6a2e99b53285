import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReportPeriod, priorReportPeriod } from "@koperasi/domain";
import { commandFor } from "../command/test-command";
import { DEMO_SLUG, ensureFirstStart } from "../first-start";
import { generateKoperasi } from "../generate/generate";
import { businessDateOf } from "../generate/history";
import { createTestApp, createUser, type TestApp } from "../testing/harness";
import type { LogKeyring } from "../transparency/keys";
import { financialStatementsReport } from "./financial-statements";
import { expectStatementsTieToTrialBalance } from "./statements-test-support";

// The statements on books nobody wrote by hand: the demo cooperative's
// living ledger and a generated cooperative's months of counter slips. For
// every month, quarter and year they cover, the statements balance to the
// Rupiah and tie to the trial balance, and the cash flow accounts for every
// Rupiah of the cash accounts' change.

const KEYRING: LogKeyring = { publicUrl: "http://localhost:3000", sealSecret: "rahasia-uji-yang-cukup-panjang-untuk-hkdf" };
const NOW = new Date("2026-11-15T00:00:00.000Z");

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { demo: true } });
});
afterAll(async () => {
  await t?.close();
});

async function statementsOf(koperasiId: string, userId: string, label: string, now: Date) {
  return t.ctx.database.tenant({ koperasiId }, async (trx) => financialStatementsReport(await commandFor(trx, { koperasiId, userId, action: "reports.view" }, { now }), label));
}

/** Every month from the first with entries to the current one, the quarters and the years among them. */
function periodsBetween(first: string, last: string): string[] {
  const labels: string[] = [];
  for (let period = parseReportPeriod(last); period.to >= `${first}-01`; period = priorReportPeriod(period)) labels.push(period.label);
  const quarters = [...new Set(labels.map((m) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5, 7)) / 3)}`))];
  const years = [...new Set(labels.map((m) => m.slice(0, 4)))];
  return [...labels, ...quarters, ...years];
}

describe("financial statements on real books", () => {
  it("tie to the trial balance for every period of the demo cooperative", async () => {
    await ensureFirstStart(t.ctx, () => {});
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").select(["id", "created_by"]).where("slug", "=", DEMO_SLUG).executeTakeFirstOrThrow();
    const now = new Date();
    const { rows } = await t.ctx.database.tenant({ koperasiId: koperasi.id }, (trx) =>
      sql<{ first: string }>`SELECT to_char(min(business_date), 'YYYY-MM') AS first FROM journal_entry`.execute(trx),
    );
    const firstMonth = rows[0]?.first ?? "";
    const today = businessDateOf(now.getTime()).slice(0, 7);
    let sawIncomeOrMoves = false;
    for (const label of periodsBetween(firstMonth, today)) {
      const report = await statementsOf(koperasi.id, koperasi.created_by, label, now);
      await expectStatementsTieToTrialBalance(t, koperasi.id, report);
      if (report.current.cashFlow.netChange !== 0) sawIncomeOrMoves = true;
    }
    expect(sawIncomeOrMoves).toBe(true);
  }, 120_000);

  it("tie to the trial balance for every period of a generated cooperative", async () => {
    const admin = await createUser(t.ctx);
    const generated = await generateKoperasi(t.ctx.database, {
      members: 40,
      months: 3,
      seed: "laporan-1",
      end: "2026-10",
      now: NOW,
      chunkSize: 300,
      sequenceBatch: 400,
      createdBy: admin.userId,
      keyring: KEYRING,
      memberKeys: t.ctx.secrets.memberDataKeys,
    });
    for (const label of periodsBetween("2026-08", "2026-11")) {
      const report = await statementsOf(generated.koperasiId, admin.userId, label, NOW);
      await expectStatementsTieToTrialBalance(t, generated.koperasiId, report);
    }
    const october = await statementsOf(generated.koperasiId, admin.userId, "2026-10", NOW);
    const operating = october.current.cashFlow.activities.find((a) => a.key === "operasi");
    // Deposits and withdrawals of sukarela are the month's operating cash; pokok and wajib its financing.
    expect(operating?.lines.find((l) => l.key === "simpanan_sukarela.penerimaan")?.amount).toBeGreaterThan(0);
    expect(october.current.cashFlow.activities.find((a) => a.key === "pendanaan")?.lines.find((l) => l.key === "simpanan_wajib.penerimaan")?.amount).toBeGreaterThan(0);
  }, 180_000);
});
