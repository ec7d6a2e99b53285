import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@koperasi/db/testing";
import { formatVoucherNumber, periodStartOf } from "@koperasi/domain";
import { leafData, toHex, type EntrySummary } from "@koperasi/tlog";
import { seededRandom, type Random } from "./workload/random";

// The posting path computes each log leaf in the database (tlog_leaf_data(),
// because only there is the voucher number known), while receipts,
// `koperasi verify` and the data generator compute it in TypeScript
// (leafData()). The two must agree byte for byte on every input, or verify
// would report honest entries as altered.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const SEED = 20261128;

/** Text from all over Unicode: ASCII, Indonesian and other scripts, combining marks, emoji (astral), never NUL or a lone surrogate. */
function text(random: Random, max = 24): string {
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0xa0, 0x24f],
    [0x300, 0x36f],
    [0x600, 0x6ff],
    [0xa980, 0xa9df], // Javanese
    [0x4e00, 0x9fff],
    [0xfff0, 0xfffd],
    [0x1f300, 0x1faff],
    [0x10000, 0x10ffff],
  ];
  let out = "";
  const length = random.int(0, max);
  for (let i = 0; i < length; i++) {
    const [from, to] = random.pick(ranges);
    const code = random.int(from, to);
    if (code >= 0xd800 && code <= 0xdfff) continue;
    out += String.fromCodePoint(code);
  }
  return out;
}

function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function summaryOf(random: Random): EntrySummary {
  const day = random.int(0, 47_000); // 1970 .. 2098
  const businessDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
  const amount = () => (random.chance(0.5) ? 0 : random.chance(0.1) ? Number.MAX_SAFE_INTEGER - random.int(0, 1000) : random.int(1, 10_000_000_000));
  return {
    koperasiId: uuid(random),
    entryId: uuid(random),
    voucherNo: random.chance(0.5) ? formatVoucherNumber("TRF", 2026, random.int(1, 2_000_000)) : text(random),
    businessDate,
    postedAt: new Date(random.int(0, 4_102_444_800_000)).toISOString(),
    lines: Array.from({ length: random.int(0, 7) }, () => ({
      // Account codes sharing prefixes, so the sort order of encoded lines is exercised.
      accountCode: random.chance(0.6) ? random.pick(["1-1100", "2-1100", "2-110", "2-11000", "3-1200"]) : text(random, 8),
      ...(random.chance(0.5) ? { memberAccountId: uuid(random) } : {}),
      debit: amount(),
      credit: amount(),
    })),
  };
}

async function sqlLeafData(summary: EntrySummary, salt: Uint8Array): Promise<string> {
  const { rows } = await sql<{ hex: string }>`
    SELECT encode(tlog_leaf_data(${summary.koperasiId}::uuid, ${summary.entryId}::uuid, ${summary.voucherNo}, ${summary.businessDate}::date,
      ${summary.postedAt}::timestamptz, ${summary.lines.map((l) => l.accountCode)}::text[], ${summary.lines.map((l) => l.memberAccountId ?? null)}::uuid[],
      ${summary.lines.map((l) => l.debit)}::bigint[], ${summary.lines.map((l) => l.credit)}::bigint[], ${salt}::bytea), 'hex') AS hex`.execute(db.database.db);
  return rows[0]?.hex ?? "";
}

describe("tlog_leaf_data() in the database", () => {
  it("gives the worked example of docs/tlog-leaf.md", async () => {
    const summary: EntrySummary = {
      koperasiId: "0b7e1a52-3c4d-4e5f-8a9b-1c2d3e4f5a6b",
      entryId: "6f1c2d3e-4a5b-4c6d-9e8f-0a1b2c3d4e5f",
      voucherNo: "BKM/2026/000123",
      businessDate: "2026-01-15",
      postedAt: "2026-01-15T03:04:05.678Z",
      lines: [
        { accountCode: "2-1100", memberAccountId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", debit: 0, credit: 250000 },
        { accountCode: "1-1100", debit: 250000, credit: 0 },
      ],
    };
    const salt = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(await sqlLeafData(summary, salt)).toBe("0152927ce3e09f1fd25602e1b9d183e6762c688ad1e1865a69b34eb868581a6648");
  });

  it("equals leafData() byte for byte on 300 random summaries (unicode, astral, shared prefixes, 0..7 lines, amounts up to 2^53 − 1)", async () => {
    const random = seededRandom(SEED);
    for (let i = 0; i < 300; i++) {
      const summary = summaryOf(random);
      const salt = Uint8Array.from({ length: 32 }, () => random.int(0, 255));
      expect(await sqlLeafData(summary, salt), JSON.stringify(summary)).toBe(toHex(leafData(summary, salt)));
    }
  });
});

describe("the other definitions the database shares with the application", () => {
  it("ledger_format_voucher() is formatVoucherNumber(), past six digits too", async () => {
    const random = seededRandom(SEED + 1);
    const cases = [1, 42, 999_999, 1_000_000, 12_345_678, ...Array.from({ length: 50 }, () => random.int(1, 50_000_000))];
    const { rows } = await sql<{ seq: string; voucher: string }>`
      SELECT s::text AS seq, ledger_format_voucher('JU', 2026, s) AS voucher FROM unnest(${cases}::bigint[]) AS s`.execute(db.database.db);
    expect(rows.map((r) => r.voucher)).toEqual(cases.map((n) => formatVoucherNumber("JU", 2026, n)));
  });

  it("ledger_period_lock_key() hashes 'period/<cooperative>/<first of the month>', whatever the day or the case of the id", async () => {
    const koperasiId = "0b7e1a52-3c4d-4e5f-8a9b-1c2d3e4f5a6b";
    for (const date of ["2026-01-01", "2026-01-31", "2026-02-28", "2024-02-29", "2026-12-15"]) {
      const { rows } = await sql<{ ours: string; expected: string }>`
        SELECT ledger_period_lock_key(${koperasiId.toUpperCase()}::uuid, ${date}::date)::text AS ours,
               hashtextextended(${`period/${koperasiId}/${periodStartOf(date)}`}, 0)::text AS expected`.execute(db.database.db);
      expect(rows[0]?.ours).toBe(rows[0]?.expected);
    }
  });
});
