import { sql, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "@koperasi/db";
import { createTestApp, createUser, type TestApp } from "../testing/harness";
import { subLedgerMismatches } from "../ledger/reconcile";
import { trialBalance } from "../ledger/trial-balance";
import type { LogKeyring } from "../transparency/keys";
import { verifyKoperasi } from "../transparency/verify";
import { findMemberIdsByNik, findMemberIdsByPhone, openMemberIdentity } from "../members/member-pii";
import { searchMembers } from "../members/member-search";
import { generateKoperasi, type GeneratedKoperasi } from "./generate";

// A small generated cooperative (200 members, 3 months) on PGlite and on
// PostgreSQL: the books it writes hold together as the posting path's do,
// `koperasi verify` finds nothing, and the same seed writes the same rows.

const KEYRING: LogKeyring = { publicUrl: "http://localhost:3000", sealSecret: "rahasia-uji-yang-cukup-panjang-untuk-hkdf" };
const OPTIONS = { members: 200, months: 3, seed: "uji-7", end: "2026-10", now: new Date("2026-11-15T00:00:00.000Z"), chunkSize: 300, sequenceBatch: 400 };

let t: TestApp;
let generated: GeneratedKoperasi;
const tenant = <T>(fn: (trx: Transaction<DB>) => Promise<T>) => t.ctx.database.tenant({ koperasiId: generated.koperasiId }, fn);

beforeAll(async () => {
  t = await createTestApp();
  const admin = await createUser(t.ctx);
  generated = await generateKoperasi(t.ctx.database, { ...OPTIONS, createdBy: admin.userId, keyring: KEYRING, memberKeys: t.ctx.secrets.memberDataKeys });
});
afterAll(async () => {
  await t?.close();
});

describe("a generated cooperative", () => {
  it("has its members, three savings accounts each, and a history of every kind of slip", async () => {
    expect(generated.members).toHaveLength(200);
    const counts = await tenant(async (trx) => {
      const { rows } = await sql<{ source: string; n: number }>`SELECT source, count(*)::int AS n FROM journal_entry GROUP BY source ORDER BY source`.execute(trx);
      const accounts = await trx.selectFrom("member_account").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      return { bySource: Object.fromEntries(rows.map((r) => [r.source, r.n])), accounts: Number(accounts.n) };
    });
    expect(counts.accounts).toBe(600);
    expect(Object.keys(counts.bySource).sort()).toEqual(["deposit", "opening_balance", "transfer", "withdrawal"]);
    expect(Object.values(counts.bySource).reduce((a: number, b) => a + Number(b), 0)).toBe(generated.entries);
    // Roughly: an opening or joining slip per member, and about 1.3 slips per member and month.
    expect(generated.entries).toBeGreaterThan(200 + 200 * 3 * 0.9);
    expect(generated.entries).toBeLessThan(200 + 200 * 3 * 2);
  });

  it("balances: the trial balance, every control account against its sub-ledgers, and no member below zero", async () => {
    const { balance, mismatches, negative } = await tenant(async (trx) => ({
      balance: await trialBalance(trx, generated.koperasiId, "2026-12-31"),
      mismatches: await subLedgerMismatches(trx, generated.koperasiId),
      negative: await trx.selectFrom("member_account").select("id").where("balance", "<", "0").execute(),
    }));
    expect(balance.totalDebit).toBe(balance.totalCredit);
    expect(balance.totalDebit).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
    expect(negative).toEqual([]);
  });

  it("numbers vouchers without a gap per prefix and year, in posting order, and the counters where posting continues", async () => {
    const { gaps, disorder, counters } = await tenant(async (trx) => {
      const { rows: gaps } = await sql<{ prefix: string; n: number; last: number }>`
        SELECT split_part(voucher_no, '/', 1) AS prefix, count(*)::int AS n, max(split_part(voucher_no, '/', 3)::int) AS last
        FROM journal_entry GROUP BY 1, split_part(voucher_no, '/', 2)`.execute(trx);
      const { rows: disorder } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM (
          SELECT voucher_no, lag(voucher_no) OVER (PARTITION BY split_part(voucher_no, '/', 1), split_part(voucher_no, '/', 2) ORDER BY posted_at, id) AS previous
          FROM journal_entry) v
        WHERE previous > voucher_no`.execute(trx);
      const counters = await trx.selectFrom("tenant_sequence").select(["id", "last_value"]).where("id", "like", "voucher/%").execute();
      return { gaps, disorder: disorder[0]?.n, counters };
    });
    for (const g of gaps) expect(g.last, g.prefix).toBe(g.n);
    expect(disorder).toBe(0);
    expect(new Map(counters.map((c) => [c.id.split("/")[1], Number(c.last_value)]))).toEqual(new Map(gaps.map((g) => [g.prefix, g.n])));
  });

  it("passes koperasi verify: every leaf recomputed from the journal, the tree and its checkpoints", async () => {
    expect(generated.checkpoints).toBeGreaterThan(1);
    const result = await verifyKoperasi(t.ctx.database, { id: generated.koperasiId, slug: generated.slug, name: "uji" });
    expect(result.findings).toEqual([]);
    expect(result.sequencedLeaves).toBe(generated.entries);
    expect(result.unsequencedLeaves).toBe(0);
  });

  it("gives valid, unique NIKs and phone numbers (checked in people.test.ts) to the members it stores", async () => {
    const names = await tenant((trx) => trx.selectFrom("member").select(["id", "full_name", "member_number"]).orderBy("member_number").execute());
    expect(names.map((m) => m.full_name)).toEqual([...generated.members].sort((a, b) => (a.memberNumber < b.memberNumber ? -1 : 1)).map((m) => m.person.fullName));
    expect(new Set(generated.members.map((m) => m.person.nik)).size).toBe(200);
  });

  it("stores members as the registry does: NIK and phone sealed, found by blind index and by name", async () => {
    const keys = t.ctx.secrets.memberDataKeys;
    const someone = generated.members[17]!;
    const found = await tenant(async (trx) => ({
      byNik: await findMemberIdsByNik(trx, keys, generated.koperasiId, someone.person.nik),
      byPhone: await findMemberIdsByPhone(trx, keys, generated.koperasiId, someone.person.phone),
      row: await trx.selectFrom("member").selectAll().where("id", "=", someone.id).executeTakeFirstOrThrow(),
      history: await trx.selectFrom("member_status_change").select(["to_status"]).where("member_id", "=", someone.id).execute(),
      byName: await searchMembers(trx, keys, generated.koperasiId, { q: someone.person.fullName.split(" ")[0]!, page: 1, pageSize: 100 }),
    }));
    expect(found.byNik).toEqual([someone.id]);
    expect(found.byPhone).toEqual([someone.id]);
    expect(found.row.nik_sealed).not.toContain(someone.person.nik);
    expect(openMemberIdentity(keys, generated.koperasiId, found.row)).toMatchObject({ nik: someone.person.nik, phone: someone.person.phone });
    expect(found.row).toMatchObject({ gender: someone.person.gender, birth_place: someone.person.birthPlace });
    expect(found.history).toEqual([{ to_status: "aktif" }]);
    expect(found.byName.rows.map((r) => r.id)).toContain(someone.id);
  });

  it("writes the same rows again from the same seed, and other rows from another", async () => {
    const first = await ledgerHash(t, generated.koperasiId);
    const again = await createTestApp();
    try {
      const admin = await createUser(again.ctx);
      const second = await generateKoperasi(again.ctx.database, { ...OPTIONS, createdBy: admin.userId, keyring: KEYRING });
      expect(second.koperasiId).toBe(generated.koperasiId);
      expect(await ledgerHash(again, second.koperasiId)).toBe(first);
      const other = await generateKoperasi(again.ctx.database, { ...OPTIONS, members: 20, seed: "uji-8", createdBy: admin.userId, keyring: KEYRING });
      expect(await ledgerHash(again, other.koperasiId)).not.toBe(first);
    } finally {
      await again.close();
    }
  });
});

/** SHA-256 over the cooperative's ledger in a fixed order: chart, members, accounts, entries, lines, leaves, counters, checkpoints. */
async function ledgerHash(app: TestApp, koperasiId: string): Promise<string> {
  return app.ctx.database.tenant({ koperasiId }, async (trx) => {
    const { rows } = await sql<{ hash: string }>`
      SELECT encode(sha256(convert_to(concat_ws('|',
        (SELECT string_agg(concat_ws(',', id, code), ';' ORDER BY code) FROM gl_account),
        (SELECT string_agg(concat_ws(',', id, member_number, full_name, joined_on, created_at), ';' ORDER BY member_number) FROM member),
        (SELECT string_agg(concat_ws(',', id, member_id, account_id, balance, created_at), ';' ORDER BY id) FROM member_account),
        (SELECT string_agg(concat_ws(',', id, voucher_no, business_date, description, source, line_count, created_by, created_at, posted_at), ';' ORDER BY id) FROM journal_entry),
        (SELECT string_agg(concat_ws(',', entry_id, line_no, account_id, member_account_id, debit, credit), ';' ORDER BY entry_id, line_no) FROM journal_line),
        (SELECT string_agg(concat_ws(',', entry_id, seq, encode(salt, 'hex'), encode(leaf_data, 'hex'), created_at), ';' ORDER BY entry_id) FROM log_leaf),
        (SELECT string_agg(concat_ws(',', id, last_value), ';' ORDER BY id) FROM tenant_sequence),
        (SELECT string_agg(concat_ws(',', tree_size, encode(root_hash, 'hex'), signed_note), ';' ORDER BY tree_size) FROM log_checkpoint)
      ), 'UTF8')), 'hex') AS hash`.execute(trx);
    return rows[0]?.hash ?? "";
  });
}
