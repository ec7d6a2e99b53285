// Shared by the ledger's *.test.ts files only.
import { sql } from "kysely";
import { expect } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { signedInAs, type TestApp } from "../testing/harness";
import { seedChartOfAccounts } from "./chart";
import { openMemberAccount } from "./member-accounts";
import { postEntry } from "./post-entry";
import { postedTotals, subLedgerMismatches } from "./reconcile";

export type Person = Awaited<ReturnType<typeof signedInAs>>;

export interface LedgerKoperasi {
  koperasiId: string;
  /** pengurus + bendahara: makes manual journals, transfers. */
  bendahara: Person;
  /** pengurus + ketua: approves. */
  ketua: Person;
  account: (code: string) => string;
}

/** A cooperative with the KSP chart, a bendahara (maker) and a ketua (checker). */
export async function ledgerKoperasi(t: TestApp): Promise<LedgerKoperasi> {
  const bendahara = await signedInAs(t.ctx, ["pengurus"], { positions: ["bendahara"] });
  const koperasiId = bendahara.koperasiId;
  const ketua = await signedInAs(t.ctx, ["pengurus"], { koperasiId, positions: ["ketua"] });
  const codes = await t.ctx.database.tenant({ koperasiId }, async (trx) => {
    await seedChartOfAccounts(trx, koperasiId, "ksp");
    return trx.selectFrom("gl_account").select(["id", "code"]).where("koperasi_id", "=", koperasiId).execute();
  });
  const byCode = new Map(codes.map((row) => [row.code, row.id]));
  const account = (code: string) => {
    const id = byCode.get(code);
    if (!id) throw new Error(`no account ${code}`);
    return id;
  };
  return { koperasiId, bendahara, ketua, account };
}

let memberCounter = 0;

/**
 * A member with an account under `controlCode`, funded (when `balance` > 0)
 * by an opening-balance entry through postEntry: debit Kas, credit the member.
 */
export async function memberWithAccount(
  t: TestApp,
  k: LedgerKoperasi,
  opts: { balance?: number; controlCode?: string; status?: "aktif" | "calon" | "keluar"; userId?: string } = {},
): Promise<{ memberId: string; memberAccountId: string; memberNumber: string }> {
  memberCounter += 1;
  const memberId = uuidv7();
  const memberAccountId = uuidv7();
  const memberNumber = `UJI-${String(memberCounter).padStart(6, "0")}`;
  const control = k.account(opts.controlCode ?? "2-1100");
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
    await trx
      .insertInto("member")
      .values({
        koperasi_id: k.koperasiId,
        id: memberId,
        member_number: memberNumber,
        full_name: `Anggota ${memberCounter}`,
        status: opts.status ?? "aktif",
        joined_on: "2026-01-02",
        user_id: opts.userId ?? null,
      })
      .execute();
    await openMemberAccount(trx, { koperasiId: k.koperasiId, id: memberAccountId, memberId, controlAccountId: control, now: t.ctx.now() });
    if (opts.balance && opts.balance > 0) {
      await postEntry(trx, {
        koperasiId: k.koperasiId,
        source: "opening_balance",
        businessDate: "2026-01-02",
        description: `Saldo awal ${memberNumber}`,
        createdBy: null,
        lines: [
          { accountId: k.account("1-1100"), debit: opts.balance },
          { accountId: control, memberAccountId, credit: opts.balance },
        ],
        postedAt: t.ctx.now(),
        newId: uuidv7,
      });
    }
  });
  return { memberId, memberAccountId, memberNumber };
}

export async function memberBalance(t: TestApp, koperasiId: string, memberAccountId: string): Promise<number> {
  const row = await t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx.selectFrom("member_account").select("balance").where("koperasi_id", "=", koperasiId).where("id", "=", memberAccountId).executeTakeFirstOrThrow(),
  );
  return Number(row.balance);
}

/** How many entries (any status) and lines the cooperative has: "nothing posted" compares these before and after. */
export async function journalCounts(t: TestApp, koperasiId: string): Promise<{ entries: number; lines: number; leaves: number; posted: number }> {
  return t.ctx.database.tenant({ koperasiId }, async (trx) => {
    const { rows } = await sql<{ entries: number; lines: number; leaves: number; posted: number }>`
      SELECT (SELECT count(*)::int FROM journal_entry) AS entries, (SELECT count(*)::int FROM journal_line) AS lines,
             (SELECT count(*)::int FROM log_leaf) AS leaves, (SELECT count(*)::int FROM journal_entry WHERE status = 'posted') AS posted`.execute(trx);
    const counts = rows[0];
    if (!counts) throw new Error("no counts");
    return counts;
  });
}

/** The books hold together: Σ debit = Σ credit, and every control account equals its sub-ledgers. */
export async function expectBooksBalanced(t: TestApp, koperasiId: string): Promise<void> {
  const { totals, mismatches } = await t.ctx.database.tenant({ koperasiId }, async (trx) => ({
    totals: await postedTotals(trx, koperasiId),
    mismatches: await subLedgerMismatches(trx, koperasiId),
  }));
  expect(totals.debit).toBe(totals.credit);
  expect(mismatches).toEqual([]);
}

export function headers(person: Person, key?: string): Record<string, string> {
  return key === undefined ? { cookie: person.cookie } : { cookie: person.cookie, "idempotency-key": key };
}
