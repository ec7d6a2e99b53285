import { sql, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";
import { leafData, leafHash, type EntrySummary } from "@koperasi/tlog";
import { AppError } from "../errors/app-error";
import { createTestApp, type TestApp } from "../testing/harness";
import { postEntry, type PostEntryCommand } from "./post-entry";
import { postedTotals, subLedgerMismatches } from "./reconcile";
import { ledgerKoperasi, memberBalance, memberWithAccount, type LedgerKoperasi } from "./test-support";

// What the database itself guarantees, whatever the application does, and
// what postEntry keeps true over many random postings.

let t: TestApp;
let k: LedgerKoperasi;
let posted: { id: string; voucherNo: string };
let member: Awaited<ReturnType<typeof memberWithAccount>>;

const tenant = <T>(fn: (trx: Transaction<DB>) => Promise<T>) => t.ctx.database.tenant({ koperasiId: k.koperasiId }, fn);

function command(overrides: Partial<PostEntryCommand> = {}): PostEntryCommand {
  return {
    koperasiId: k.koperasiId,
    source: "manual",
    businessDate: "2026-05-04",
    description: "Uji",
    createdBy: k.bendahara.userId,
    approvedBy: k.ketua.userId,
    lines: [
      { accountId: k.account("5-2100"), debit: 75_000 },
      { accountId: k.account("1-1100"), credit: 75_000 },
    ],
    postedAt: new Date("2026-05-04T01:02:03.456Z"),
    newId: uuidv7,
    ...overrides,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  k = await ledgerKoperasi(t);
  member = await memberWithAccount(t, k, { balance: 500_000 });
  posted = await tenant((trx) => postEntry(trx, command()));
});
afterAll(async () => {
  await t?.close();
});

describe("a posted entry never changes", () => {
  it("the application role may not UPDATE or DELETE a posted line or entry", async () => {
    for (const statement of [
      sql`UPDATE journal_line SET debit = debit + 1 WHERE entry_id = ${posted.id}::uuid`,
      sql`DELETE FROM journal_line WHERE entry_id = ${posted.id}::uuid`,
      sql`UPDATE journal_entry SET description = 'diubah' WHERE id = ${posted.id}::uuid`,
      sql`UPDATE journal_entry SET voucher_no = 'JU/2026/999999' WHERE id = ${posted.id}::uuid`,
      sql`DELETE FROM journal_entry WHERE id = ${posted.id}::uuid`,
    ]) {
      await expect(tenant((trx) => statement.execute(trx))).rejects.toThrow(/permission denied|cannot change/);
    }
  });

  it("nor may the table owner: the triggers refuse it", async () => {
    await expect(t.db.superuser.query(`UPDATE journal_line SET debit = debit + 1 WHERE entry_id = $1`, [posted.id])).rejects.toThrow(/cannot change/);
    await expect(t.db.superuser.query(`DELETE FROM journal_line WHERE entry_id = $1`, [posted.id])).rejects.toThrow(/cannot change/);
    await expect(t.db.superuser.query(`UPDATE journal_entry SET description = 'x' WHERE id = $1`, [posted.id])).rejects.toThrow(/is posted and cannot change/);
    await expect(t.db.superuser.query(`DELETE FROM journal_entry WHERE id = $1`, [posted.id])).rejects.toThrow(/cannot be deleted/);
    await expect(t.db.superuser.query(`UPDATE log_leaf SET salt = decode(repeat('00', 32), 'hex') WHERE entry_id = $1`, [posted.id])).rejects.toThrow(
      /cannot change/,
    );
    const [line] = await t.db.superuser.query<{ debit: string | number }>(`SELECT debit FROM journal_line WHERE entry_id = $1 AND line_no = 1`, [posted.id]);
    expect(Number(line?.debit)).toBe(75_000);
  });

  it("a line slipped into a posted entry is refused at commit, even a balanced pair", async () => {
    const append = tenant(async (trx) => {
      await trx
        .insertInto("journal_line")
        .values([
          { koperasi_id: k.koperasiId, entry_id: posted.id, line_no: 3, account_id: k.account("5-2100"), debit: 1, credit: 0 },
          { koperasi_id: k.koperasiId, entry_id: posted.id, line_no: 4, account_id: k.account("1-1100"), debit: 0, credit: 1 },
        ])
        .execute();
    });
    await expect(append).rejects.toThrow(/has 4 lines but its header says 2/);
    const lines = await tenant((trx) => trx.selectFrom("journal_line").select("line_no").where("entry_id", "=", posted.id).execute());
    expect(lines).toHaveLength(2);
  });

  it("the log leaf takes its position once, and only that", async () => {
    await tenant((trx) => trx.updateTable("log_leaf").set({ seq: 0 }).where("entry_id", "=", posted.id).execute());
    await expect(tenant((trx) => trx.updateTable("log_leaf").set({ seq: 1 }).where("entry_id", "=", posted.id).execute())).rejects.toThrow(
      /cannot change/,
    );
  });
});

describe("the database refuses a broken entry", () => {
  async function insertPosted(lines: { account: string; member?: string; debit: number; credit: number }[], lineCount = lines.length, extra: Record<string, unknown> = {}) {
    const id = uuidv7();
    await tenant(async (trx) => {
      await trx
        .insertInto("journal_entry")
        .values({
          koperasi_id: k.koperasiId,
          id,
          status: "posted",
          voucher_no: `JU/2026/${id.slice(-6)}`,
          business_date: "2026-05-04",
          description: "Langsung ke basis data",
          source: "manual",
          line_count: lineCount,
          created_by: k.bendahara.userId,
          posted_at: new Date(),
          ...extra,
        })
        .execute();
      await trx
        .insertInto("journal_line")
        .values(
          lines.map((line, i) => ({
            koperasi_id: k.koperasiId,
            entry_id: id,
            line_no: i + 1,
            account_id: k.account(line.account),
            member_account_id: line.member ?? null,
            debit: line.debit,
            credit: line.credit,
          })),
        )
        .execute();
    });
    return id;
  }

  const cases: [string, () => Promise<unknown>, RegExp][] = [
    ["unbalanced (checked at commit)", () => insertPosted([{ account: "5-2100", debit: 100, credit: 0 }, { account: "1-1100", debit: 0, credit: 99 }]), /unbalanced/],
    ["a single line", () => insertPosted([{ account: "5-2100", debit: 100, credit: 0 }]), /fewer than two lines/],
    ["fewer lines than the header says", () => insertPosted([{ account: "5-2100", debit: 1, credit: 0 }, { account: "1-1100", debit: 0, credit: 1 }], 3), /header says 3/],
    ["a line with both sides", () => insertPosted([{ account: "5-2100", debit: 5, credit: 5 }, { account: "1-1100", debit: 0, credit: 0 }]), /check constraint/],
    ["a negative amount", () => insertPosted([{ account: "5-2100", debit: -5, credit: 0 }, { account: "1-1100", debit: 0, credit: -5 }]), /check constraint/],
    ["a control account without a member account", () => insertPosted([{ account: "1-1100", debit: 5, credit: 0 }, { account: "2-1100", debit: 0, credit: 5 }]), /only through a member account/],
    ["a member account on another control account", () => insertPosted([{ account: "1-1100", debit: 5, credit: 0 }, { account: "3-1200", member: member.memberAccountId, debit: 0, credit: 5 }]), /foreign key/],
    ["a group heading", () => insertPosted([{ account: "5-0000", debit: 5, credit: 0 }, { account: "1-1100", debit: 0, credit: 5 }]), /group heading/],
    ["approved by its maker", () => insertPosted([{ account: "5-2100", debit: 5, credit: 0 }, { account: "1-1100", debit: 0, credit: 5 }], 2, { approved_by: k.bendahara.userId }), /check constraint/],
    ["posted without a voucher number", () => insertPosted([{ account: "5-2100", debit: 5, credit: 0 }, { account: "1-1100", debit: 0, credit: 5 }], 2, { voucher_no: null }), /check constraint/],
  ];

  it.each(cases)("%s", async (_name, attempt, message) => {
    const before = await tenant((trx) => trx.selectFrom("journal_entry").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow());
    await expect(attempt()).rejects.toThrow(message);
    const after = await tenant((trx) => trx.selectFrom("journal_entry").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow());
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("a member balance below zero, where not allowed", async () => {
    await expect(tenant((trx) => trx.updateTable("member_account").set({ balance: -1 }).where("id", "=", member.memberAccountId).execute())).rejects.toThrow(
      /check constraint/,
    );
  });

  it("an account's code, type or side changing (part of every leaf)", async () => {
    await expect(tenant((trx) => sql`UPDATE gl_account SET code = '1-1199' WHERE id = ${k.account("1-1100")}::uuid`.execute(trx))).rejects.toThrow(/permission denied/);
    await expect(t.db.superuser.query(`UPDATE gl_account SET normal_balance = 'credit' WHERE id = $1`, [k.account("1-1100")])).rejects.toThrow(
      /only its name and status may change/,
    );
  });
});

describe("postEntry", () => {
  it("writes a log leaf anyone holding the summary and salt can recompute", async () => {
    const row = await tenant((trx) =>
      trx
        .selectFrom("journal_entry as e")
        .innerJoin("log_leaf as f", (join) => join.onRef("f.koperasi_id", "=", "e.koperasi_id").onRef("f.entry_id", "=", "e.id"))
        .select(["e.id", "e.voucher_no", sql<string>`to_char(e.business_date, 'YYYY-MM-DD')`.as("business_date"), "e.posted_at", "f.salt", "f.leaf_data", "f.leaf_hash"])
        .where("e.id", "=", posted.id)
        .executeTakeFirstOrThrow(),
    );
    const lines = await tenant((trx) =>
      trx
        .selectFrom("journal_line as l")
        .innerJoin("gl_account as a", (join) => join.onRef("a.koperasi_id", "=", "l.koperasi_id").onRef("a.id", "=", "l.account_id"))
        .select(["a.code", "l.member_account_id", "l.debit", "l.credit"])
        .where("l.entry_id", "=", posted.id)
        .execute(),
    );
    const summary: EntrySummary = {
      koperasiId: k.koperasiId,
      entryId: row.id,
      voucherNo: row.voucher_no ?? "",
      businessDate: row.business_date,
      postedAt: new Date(row.posted_at ?? 0).toISOString(),
      lines: lines.map((l) => ({ accountCode: l.code, ...(l.member_account_id ? { memberAccountId: l.member_account_id } : {}), debit: Number(l.debit), credit: Number(l.credit) })),
    };
    expect(summary.postedAt).toBe("2026-05-04T01:02:03.456Z");
    const data = leafData(summary, new Uint8Array(row.salt));
    expect(Buffer.from(data).toString("hex")).toBe(Buffer.from(row.leaf_data).toString("hex"));
    expect(Buffer.from(leafHash(data)).toString("hex")).toBe(Buffer.from(row.leaf_hash).toString("hex"));
  });

  it("refuses before writing anything, so a refusal inside a kept transaction leaves no trace", async () => {
    const counts = () => tenant(async (trx) => (await sql<{ n: number }>`SELECT (SELECT count(*) FROM journal_entry) + (SELECT count(*) FROM log_leaf) + (SELECT coalesce(sum(last_value), 0) FROM tenant_sequence) AS n`.execute(trx)).rows[0]?.n);
    const before = await counts();
    const refused = await tenant(async (trx) => {
      try {
        await postEntry(
          trx,
          command({
            source: "transfer",
            lines: [
              { accountId: k.account("2-1100"), memberAccountId: member.memberAccountId, debit: 500_001 },
              { accountId: k.account("1-1100"), credit: 500_001 },
            ],
          }),
        );
        return null;
      } catch (error) {
        return error;
      }
    });
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 409, code: "insufficient_balance" });
    expect(await counts()).toBe(before);
    expect(await memberBalance(t, k.koperasiId, member.memberAccountId)).toBe(500_000);
  });

  it("draws gap-free voucher numbers per prefix and year; a rolled-back posting gives its number back", async () => {
    const first = await tenant((trx) => postEntry(trx, command({ businessDate: "2027-01-03" })));
    await expect(
      tenant(async (trx) => {
        await postEntry(trx, command({ businessDate: "2027-01-04" }));
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const second = await tenant((trx) => postEntry(trx, command({ businessDate: "2027-01-05" })));
    expect([first.voucherNo, second.voucherNo]).toEqual(["JU/2027/000001", "JU/2027/000002"]);
  });

  it("keeps every sub-ledger equal to its control account over random postings", async () => {
    // A seeded generator: the same postings on every run.
    let seed = 20260504;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const savings = [member, ...(await Promise.all([0, 1, 2, 3].map(() => memberWithAccount(t, k, { balance: Math.floor(random() * 400_000) }))))];
    const wajib = await Promise.all([0, 1, 2].map(() => memberWithAccount(t, k, { controlCode: "3-1200" })));
    const loans = await Promise.all([0, 1, 2].map(() => memberWithAccount(t, k, { controlCode: "1-1300" })));
    let refusals = 0;
    const entriesBefore = (await tenant((trx) => postedTotals(trx, k.koperasiId))).entries;
    for (let i = 0; i < 120; i++) {
      const amount = 1 + Math.floor(random() * 150_000);
      const kind = pick(["transfer", "deposit", "withdraw", "wajib", "loan", "repay"] as const);
      const from = pick(savings);
      const to = pick(savings.filter((s) => s !== from));
      const loan = pick(loans);
      const lines =
        kind === "transfer"
          ? [
              { accountId: k.account("2-1100"), memberAccountId: from.memberAccountId, debit: amount },
              { accountId: k.account("2-1100"), memberAccountId: to.memberAccountId, credit: amount },
            ]
          : kind === "deposit"
            ? [
                { accountId: k.account("1-1100"), debit: amount },
                { accountId: k.account("2-1100"), memberAccountId: to.memberAccountId, credit: amount },
              ]
            : kind === "withdraw"
              ? [
                  { accountId: k.account("2-1100"), memberAccountId: from.memberAccountId, debit: amount },
                  { accountId: k.account("1-1100"), credit: amount },
                ]
              : kind === "wajib"
                ? [
                    { accountId: k.account("2-1100"), memberAccountId: from.memberAccountId, debit: amount },
                    { accountId: k.account("3-1200"), memberAccountId: pick(wajib).memberAccountId, credit: amount },
                  ]
                : kind === "loan"
                  ? [
                      { accountId: k.account("1-1300"), memberAccountId: loan.memberAccountId, debit: amount },
                      { accountId: k.account("1-1100"), credit: amount },
                    ]
                  : [
                      { accountId: k.account("1-1100"), debit: amount + 1_000 },
                      { accountId: k.account("1-1300"), memberAccountId: loan.memberAccountId, credit: amount },
                      { accountId: k.account("4-1100"), credit: 1_000 },
                    ];
      try {
        await tenant((trx) => postEntry(trx, command({ source: "transfer", approvedBy: null, lines })));
      } catch (error) {
        expect(error).toMatchObject({ code: "insufficient_balance" });
        refusals += 1;
      }
    }
    expect(refusals).toBeGreaterThan(0);
    const { totals, mismatches, negative } = await tenant(async (trx) => ({
      totals: await postedTotals(trx, k.koperasiId),
      mismatches: await subLedgerMismatches(trx, k.koperasiId),
      negative: await trx.selectFrom("member_account").select("id").where("balance", "<", 0).execute(),
    }));
    expect(totals.debit).toBe(totals.credit);
    expect(totals.entries).toBe(entriesBefore + 120 - refusals);
    expect(mismatches).toEqual([]);
    expect(negative).toEqual([]);
  });
});
