import { sql, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "@koperasi/db";
import { uuidv7, type JournalSource, type NormalBalance } from "@koperasi/domain";
import { toHex } from "@koperasi/tlog";
import { createTestApp, type TestApp } from "../testing/harness";
import { postDraft, postingDraft, type PostEntryLine } from "./post-entry";
import { postingRows, type PostingAccount } from "./posting-rows";
import { ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "./test-support";
import { seededRandom } from "./workload/random";

// Bulk writers (the data generator) build a posting's rows in TypeScript
// instead of calling ledger_post_entry(). That is only allowed because the
// two write the same thing: here, random postings go through the database
// function, and postingRows() on the very same draft must give every column
// of the entry, its lines and its log leaf, and the balance changes.

let t: TestApp;
let k: LedgerKoperasi;
let members: string[];
let chart: Map<string, PostingAccount>;

const tenant = <T>(fn: (trx: Transaction<DB>) => Promise<T>) => t.ctx.database.tenant({ koperasiId: k.koperasiId }, fn);

beforeAll(async () => {
  t = await createTestApp();
  k = await ledgerKoperasi(t);
  members = [];
  for (let i = 0; i < 4; i++) members.push((await memberWithAccount(t, k, { balance: 20_000_000 })).memberAccountId);
  const rows = await tenant((trx) => trx.selectFrom("gl_account").select(["id", "code", "normal_balance"]).where("koperasi_id", "=", k.koperasiId).execute());
  chart = new Map(rows.map((r) => [r.id, { code: r.code, normalBalance: r.normal_balance as NormalBalance }]));
});
afterAll(async () => {
  await t?.close();
});

const DESCRIPTIONS = ["Setoran simpanan wajib", "Penarikan tunai", "Bayar arisan ibu-ibu PKK 🌺", "Pemindahbukuan — Ñandú", "ꦱꦼꦠꦺꦴꦫꦤ꧀"];

describe("postingRows() writes what ledger_post_entry() writes", () => {
  it("for 40 random deposits, withdrawals, transfers and journals", async () => {
    const random = seededRandom(7);
    const kas = k.account("1-1100");
    const sukarela = k.account("2-1100");
    for (let i = 0; i < 40; i++) {
      const amount = random.int(1, 200) * 1000;
      const [a, b] = [random.pick(members), random.pick(members.filter((m) => m !== members[0]))];
      const kinds: [JournalSource, PostEntryLine[]][] = [
        [
          "deposit",
          [
            { accountId: kas, debit: amount },
            { accountId: sukarela, memberAccountId: a, credit: amount },
          ],
        ],
        [
          "withdrawal",
          [
            { accountId: sukarela, memberAccountId: a, debit: amount },
            { accountId: kas, credit: amount },
          ],
        ],
        [
          "transfer",
          [
            { accountId: sukarela, memberAccountId: a === b ? members[0] : a, debit: amount },
            { accountId: sukarela, memberAccountId: b, credit: amount },
          ],
        ],
        [
          "manual",
          [
            { accountId: k.account("5-2100"), debit: amount },
            { accountId: k.account("5-2200"), debit: amount + 1 },
            { accountId: kas, credit: 2 * amount + 1 },
          ],
        ],
      ];
      const [source, lines] = random.pick(kinds);
      const draft = postingDraft({
        koperasiId: k.koperasiId,
        source,
        sourceRef: random.chance(0.5) ? `ref-${i}` : null,
        businessDate: `2026-0${random.int(1, 9)}-${String(random.int(1, 28)).padStart(2, "0")}`,
        description: random.pick(DESCRIPTIONS),
        createdBy: random.chance(0.5) ? k.bendahara.userId : null,
        approvedBy: source === "manual" ? k.ketua.userId : null,
        lines,
        postedAt: new Date(Date.UTC(2026, 8, 30, 1, 2, 3, random.int(0, 999))),
        newId: uuidv7,
        salt: Uint8Array.from({ length: 32 }, () => random.int(0, 255)),
      });

      const { posted, before, after, written } = await tenant(async (trx) => {
        const balances = () =>
          trx.selectFrom("member_account").select(["id", sql<string>`balance::text`.as("balance")]).where("koperasi_id", "=", k.koperasiId).execute();
        const before = await balances();
        const posted = await postDraft(trx, draft);
        return { posted, before, after: await balances(), written: await writtenRows(trx, draft.entryId) };
      });
      const expected = postingRows(draft, posted.voucherNo, (id) => chart.get(id) ?? { code: "?", normalBalance: "debit" });

      expect(written.entry).toEqual({
        ...expected.entry,
        created_at: expected.entry.created_at.toISOString(),
        posted_at: expected.entry.posted_at.toISOString(),
      });
      expect(written.lines).toEqual(expected.lines.map((l) => ({ ...l, debit: String(l.debit), credit: String(l.credit) })));
      expect(written.leaf).toEqual({
        koperasi_id: expected.leaf.koperasi_id,
        entry_id: expected.leaf.entry_id,
        salt: toHex(expected.leaf.salt),
        leaf_data: toHex(expected.leaf.leaf_data),
        leaf_hash: toHex(expected.leaf.leaf_hash),
      });
      const change = new Map(after.map((row) => [row.id, Number(row.balance) - Number(before.find((b) => b.id === row.id)?.balance ?? 0)]));
      for (const [id, delta] of change) expect(delta, id).toBe(expected.balanceChanges.get(id) ?? 0);
    }
  });
});

/** The rows as stored, in comparable text form. */
async function writtenRows(trx: Transaction<DB>, entryId: string) {
  const entry = await trx
    .selectFrom("journal_entry")
    .select([
      "koperasi_id",
      "id",
      "status",
      "voucher_no",
      sql<string>`to_char(business_date, 'YYYY-MM-DD')`.as("business_date"),
      "description",
      "source",
      "source_ref",
      "line_count",
      "reverses_entry_id",
      "created_by",
      sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as("created_at"),
      "approved_by",
      sql<string>`to_char(posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as("posted_at"),
    ])
    .where("id", "=", entryId)
    .executeTakeFirstOrThrow();
  const lines = await trx
    .selectFrom("journal_line")
    .select(["koperasi_id", "entry_id", "line_no", "account_id", "member_account_id", sql<string>`debit::text`.as("debit"), sql<string>`credit::text`.as("credit")])
    .where("entry_id", "=", entryId)
    .orderBy("line_no")
    .execute();
  const leaf = await trx
    .selectFrom("log_leaf")
    .select([
      "koperasi_id",
      "entry_id",
      sql<string>`encode(salt, 'hex')`.as("salt"),
      sql<string>`encode(leaf_data, 'hex')`.as("leaf_data"),
      sql<string>`encode(leaf_hash, 'hex')`.as("leaf_hash"),
    ])
    .where("entry_id", "=", entryId)
    .executeTakeFirstOrThrow();
  return { entry, lines, leaf };
}
