// Shared by the verifier's *.test.ts files only.
import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";
import { seedChartOfAccounts } from "../ledger/chart";
import { addToKoperasi, createKoperasi, type TestApp } from "../testing/harness";
import { approveJournal, createManualJournal, requestReversal } from "../ledger/manual-journal";
import { ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "../ledger/test-support";
import { transferBetweenMembers } from "../ledger/transfer";
import type { CommandContext } from "../command/command-context";
import { commandFor } from "../command/test-command";
import { keyringOf } from "./keys";
import { sequenceKoperasi } from "./sequencer";
import { runVerify } from "./verify-command";

export interface BookedKoperasi extends LedgerKoperasi {
  slug: string;
  /** Entry id by voucher number. */
  entries: Map<string, string>;
  a: { memberAccountId: string; memberNumber: string };
  b: { memberAccountId: string; memberNumber: string };
}

/** What the helpers use of a test app: its context (the CLI test builds one on a data directory). */
export type BooksApp = Pick<TestApp, "ctx">;

let clock = new Date("2026-04-01T02:00:00.000Z");

function tick(): { now: Date; today: string; newId: () => string } {
  clock = new Date(clock.getTime() + 1000);
  return { now: clock, today: "2026-04-01", newId: uuidv7 };
}

const staff = new WeakMap<BooksApp["ctx"], LedgerKoperasi>();

/**
 * A new cooperative with the KSP chart. The bendahara and ketua logins of the
 * first one serve every later one too: signing people up is what costs time.
 */
async function newLedgerKoperasi(t: BooksApp): Promise<LedgerKoperasi> {
  const first = staff.get(t.ctx);
  if (!first) {
    const k = await ledgerKoperasi(t as TestApp);
    staff.set(t.ctx, k);
    return k;
  }
  const { koperasiId } = await createKoperasi(t.ctx, first.bendahara.userId);
  await addToKoperasi(t.ctx, koperasiId, first.bendahara.userId, ["pengurus"], ["bendahara"]);
  await addToKoperasi(t.ctx, koperasiId, first.ketua.userId, ["pengurus"], ["ketua"]);
  const codes = await t.ctx.database.tenant({ koperasiId }, async (trx) => {
    await seedChartOfAccounts(trx, koperasiId, "ksp");
    return trx.selectFrom("gl_account").select(["id", "code"]).where("koperasi_id", "=", koperasiId).execute();
  });
  const byCode = new Map(codes.map((row) => [row.code, row.id]));
  return {
    koperasiId,
    bendahara: { ...first.bendahara, koperasiId },
    ketua: { ...first.ketua, koperasiId },
    account: (code) => {
      const id = byCode.get(code);
      if (!id) throw new Error(`no account ${code}`);
      return id;
    },
  };
}

/**
 * A cooperative whose books hold every kind of posting, sequenced two leaves
 * per checkpoint, in tree order:
 *   0 SA/2026/000001  1 SA/2026/000002  (opening balances, checkpoint 2)
 *   2 TRF/2026/000001 3 TRF/2026/000002 (transfers, checkpoint 4)
 *   4 TRF/2026/000003 5 JU/2026/000001  (manual journal, checkpoint 6)
 *   6 JK/2026/000001                    (reversal of TRF/2026/000002, checkpoint 7)
 * and, unless `pending: false`, one more transfer TRF/2026/000004 not yet sequenced.
 */
export async function bookedKoperasi(app: BooksApp, options: { pending?: boolean } = {}): Promise<BookedKoperasi> {
  const t = app as TestApp; // the ledger's helpers use only its context
  const k = await newLedgerKoperasi(t);
  const { koperasiId } = k;
  const a = await memberWithAccount(t, k, { balance: 1_000_000 });
  const b = await memberWithAccount(t, k, { balance: 500_000 });
  const inTenant = <T>(fn: (trx: Transaction<DB>) => Promise<T>) => t.ctx.database.tenant({ koperasiId }, fn);
  /** One command of `userId`, on the next tick of the test clock. */
  const as = <T>(userId: string, fn: (cmd: CommandContext) => Promise<T>) =>
    inTenant(async (trx) => fn(await commandFor(trx, { koperasiId, userId }, tick())));
  const transfer = (amount: number) =>
    as(k.bendahara.userId, (cmd) => transferBetweenMembers(cmd, { fromMemberAccountId: a.memberAccountId, toMemberAccountId: b.memberAccountId, amount }));
  await transfer(100_000);
  const second = await transfer(25_000);
  await transfer(40_000);
  const journal = await as(k.bendahara.userId, (cmd) =>
    createManualJournal(cmd, {
      businessDate: "2026-04-01",
      description: "Biaya listrik April",
      lines: [
        { accountId: k.account("5-2100"), debit: 300_000 },
        { accountId: k.account("1-1100"), credit: 300_000 },
      ],
    }),
  );
  await as(k.ketua.userId, (cmd) => approveJournal(cmd, journal));
  const reversal = await as(k.bendahara.userId, (cmd) => requestReversal(cmd, second.id, "salah rekening"));
  await as(k.ketua.userId, (cmd) => approveJournal(cmd, reversal));
  await sequenceAll(t, koperasiId, 2);
  if (options.pending !== false) await transfer(10_000);

  const rows = await inTenant((trx) =>
    trx.selectFrom("journal_entry").select(["id", "voucher_no"]).where("koperasi_id", "=", koperasiId).where("status", "=", "posted").execute(),
  );
  const koperasi = await t.ctx.database.db.selectFrom("koperasi").select("slug").where("id", "=", koperasiId).executeTakeFirstOrThrow();
  return { ...k, slug: koperasi.slug, entries: new Map(rows.map((row) => [row.voucher_no ?? "", row.id])), a, b };
}

/** Runs the sequencer until no leaf waits, `batchSize` leaves per checkpoint. */
export async function sequenceAll(t: BooksApp, koperasiId: string, batchSize = 1000): Promise<void> {
  while (await sequenceKoperasi(t.ctx.database, keyringOf(t.ctx), koperasiId, tick().now, { batchSize })) {
    // one checkpoint per batch
  }
}

/** Runs SQL as the superuser with triggers (and foreign keys) off: what it takes to get past the database's own guards. */
export async function tamper(t: Pick<TestApp, "db">, statements: string): Promise<void> {
  await t.db.superuser.exec(`SET session_replication_role = replica; ${statements}; SET session_replication_role = DEFAULT`);
}

/** What `koperasi verify <slug>` prints and returns. */
export async function verifyBySlug(t: BooksApp, slug: string, logKey?: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerify(t.ctx.database, { slug, logKey }, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}
