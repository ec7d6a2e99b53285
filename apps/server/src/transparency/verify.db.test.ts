import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { appendLeaves, CompactRange, encodeVerifierKey, generateSignerKey, signCheckpoint, toHex } from "@koperasi/tlog";
import { createTestApp, type TestApp } from "../testing/harness";
import { loadJournalEntries, recomputeLeaf } from "./entry-leaf";
import { verifyKoperasi } from "./verify";
import { runVerify } from "./verify-command";
import { bookedKoperasi, tamper, verifyBySlug, type BookedKoperasi } from "./verify-test-support";

// `koperasi verify` on honest books, then after each kind of tampering a
// superuser can do with the database's guards switched off. Each case gets
// its own cooperative (see bookedKoperasi for the tree positions), and each
// time verify must fail and name the entry that differs.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const hex = (bytes: Uint8Array) => `'\\x${toHex(bytes)}'`;

function entryOf(k: BookedKoperasi, voucherNo: string): string {
  const id = k.entries.get(voucherNo);
  if (!id) throw new Error(`no entry ${voucherNo}`);
  return id;
}

async function findingsOf(k: BookedKoperasi) {
  return verifyKoperasi(t.ctx.database, { id: k.koperasiId, slug: k.slug, name: "uji" });
}

describe("on honest books", () => {
  it("passes: every leaf, the tree, each checkpoint and the books check out (exit 0)", async () => {
    const k = await bookedKoperasi(t);
    const result = await verifyBySlug(t, k.slug);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("jurnal: 8 entri terposting; log: 8 daun (7 di pohon, 1 menunggu urutan)");
    expect(result.out).toContain("checkpoint: 4 diperiksa, terbaru ukuran 7");
    expect(result.out).toContain("hasil: COCOK");
    expect(result.out).toContain("Verifikasi berhasil");

    // Against the log key as published elsewhere too; a different key fails.
    const key = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.selectFrom("log_key").select("verifier_key").where("koperasi_id", "=", k.koperasiId).where("purpose", "=", "log").executeTakeFirstOrThrow(),
    );
    expect((await verifyBySlug(t, k.slug, key.verifier_key)).code).toBe(0);
    const stranger = encodeVerifierKey(generateSignerKey(key.verifier_key.split("+")[0] ?? "x"));
    const pinned = await verifyBySlug(t, k.slug, stranger);
    expect(pinned.code).toBe(1);
    expect(pinned.err).toContain("kunci log tersimpan");
    expect(pinned.out).toContain("tanda tangan checkpoint ukuran 2 tidak sah");
  });

  it("reads a bigger log in small batches the same way", async () => {
    const k = await bookedKoperasi(t, { pending: false });
    const result = await verifyKoperasi(t.ctx.database, { id: k.koperasiId, slug: k.slug, name: "uji" }, { batchSize: 3 });
    expect(result).toMatchObject({ totalFindings: 0, sequencedLeaves: 7, unsequencedLeaves: 0, tree: { size: 7, checkpoints: 4 } });
  });

  it("refuses an unknown cooperative or a bad call with exit 2", async () => {
    expect((await verifyBySlug(t, "tidak-ada")).code).toBe(2);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await runVerify(t.ctx.database, {}, io)).toBe(2);
    expect(await runVerify(t.ctx.database, { slug: "x", all: true }, io)).toBe(2);
  });
});

describe("after a posted row is altered", () => {
  it("names the entry whose two lines were raised by the same amount (still balanced)", async () => {
    const k = await bookedKoperasi(t);
    const id = entryOf(k, "TRF/2026/000001");
    await tamper(
      t,
      `UPDATE journal_line SET debit = debit + 1000 WHERE entry_id = '${id}' AND debit > 0;
       UPDATE journal_line SET credit = credit + 1000 WHERE entry_id = '${id}' AND credit > 0`,
    );
    const result = await verifyBySlug(t, k.slug);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`Verifikasi GAGAL: entri TRF/2026/000001 (id ${id}): isi entri di jurnal`);
    expect(result.out).toContain(`rekening anggota ${k.a.memberNumber}`);
    const { findings } = await findingsOf(k);
    expect(findings[0]).toMatchObject({ code: "leaf_altered", entryId: id, position: 2 });
    expect(findings.map((f) => f.code)).toContain("checkpoint_root");
  });

  it("names an entry not yet in the tree whose amount was altered", async () => {
    const k = await bookedKoperasi(t);
    const id = entryOf(k, "TRF/2026/000004");
    await tamper(t, `UPDATE journal_line SET debit = 1, credit = 0 WHERE entry_id = '${id}' AND debit > 0`);
    const { findings } = await findingsOf(k);
    expect(findings[0]).toMatchObject({ code: "leaf_altered", place: "outside_tree", entryId: id, voucherNo: "TRF/2026/000004" });
    expect(findings.map((f) => f.code)).toContain("entry_unbalanced");
  });

  it("still names it when the leaf and every tree node were recomputed to match: the signed checkpoint gives it away", async () => {
    const k = await bookedKoperasi(t, { pending: false });
    const id = entryOf(k, "TRF/2026/000001");
    await tamper(t, `UPDATE journal_line SET debit = debit * 2 WHERE entry_id = '${id}' AND debit > 0; UPDATE journal_line SET credit = credit * 2 WHERE entry_id = '${id}' AND credit > 0`);
    const leaves = await t.db.superuser.query<{ entry_id: string; salt: Uint8Array; leaf_hash: Uint8Array }>(
      `SELECT entry_id, salt, leaf_hash FROM log_leaf WHERE koperasi_id = $1 ORDER BY seq`,
      [k.koperasiId],
    );
    const entries = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => loadJournalEntries(trx, k.koperasiId, [id]));
    const forged = recomputeLeaf(k.koperasiId, entries.get(id) ?? (undefined as never), new Uint8Array(leaves.find((l) => l.entry_id === id)?.salt ?? []));
    const hashes = leaves.map((leaf) => (leaf.entry_id === id ? forged.hash : new Uint8Array(leaf.leaf_hash)));
    const { nodes } = await appendLeaves(CompactRange.empty(), 0, hashes);
    await tamper(
      t,
      [
        `UPDATE log_leaf SET leaf_data = ${hex(forged.data)}, leaf_hash = ${hex(forged.hash)} WHERE entry_id = '${id}'`,
        ...nodes.map((n) => `UPDATE log_node SET hash = ${hex(n.hash)} WHERE koperasi_id = '${k.koperasiId}' AND level = ${n.id.level} AND idx = ${n.id.index}`),
      ].join(";\n"),
    );
    const result = await verifyBySlug(t, k.slug);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`entri TRF/2026/000001 (id ${id}): akar pohon dari jurnal pada ukuran 4 berbeda dari checkpoint yang diterbitkan; perubahan ada di antara posisi 2 dan 3`);
  });
});

describe("after a posted entry is deleted", () => {
  it("with its lines and sequenced leaf: the hole in the tree and the missing voucher number", async () => {
    const k = await bookedKoperasi(t);
    const id = entryOf(k, "TRF/2026/000003");
    await tamper(t, `DELETE FROM log_leaf WHERE entry_id = '${id}'; DELETE FROM journal_line WHERE entry_id = '${id}'; DELETE FROM journal_entry WHERE id = '${id}'`);
    const result = await verifyBySlug(t, k.slug);
    expect(result.code).toBe(1);
    expect(result.err).toContain("posisi 4 di log kosong");
    expect(result.err).toContain("nomor bukti yang hilang dari jurnal: TRF/2026/000003");
    expect(result.out).toContain("nomor bukti TRF/2026/000003 hilang dari jurnal (sebelum TRF/2026/000004)");
  });

  it("with its lines but not its leaf: the leaf names the entry that is gone", async () => {
    const k = await bookedKoperasi(t);
    const id = entryOf(k, "JU/2026/000001");
    await tamper(t, `DELETE FROM journal_line WHERE entry_id = '${id}'; DELETE FROM journal_entry WHERE id = '${id}'`);
    const { findings } = await findingsOf(k);
    expect(findings[0]).toMatchObject({ code: "leaf_without_entry", entryId: id, position: 5 });
    expect(findings.map((f) => f.detail)).toContain("nomor bukti JU/2026/000001 sudah diterbitkan tetapi hilang dari jurnal");
  });

  it("while not yet sequenced: only the voucher numbers show it, and they do", async () => {
    const k = await bookedKoperasi(t);
    const id = entryOf(k, "TRF/2026/000004");
    await tamper(t, `DELETE FROM log_leaf WHERE entry_id = '${id}'; DELETE FROM journal_line WHERE entry_id = '${id}'; DELETE FROM journal_entry WHERE id = '${id}'`);
    const result = await verifyBySlug(t, k.slug);
    expect(result.code).toBe(1);
    expect(result.err).toContain("nomor bukti TRF/2026/000004 sudah diterbitkan tetapi hilang dari jurnal");
  });
});

describe("after a posted entry is inserted behind the posting path", () => {
  async function insertEntry(k: BookedKoperasi, leaf: "forged" | "none"): Promise<string> {
    const id = uuidv7();
    const rows = [
      `INSERT INTO journal_entry (koperasi_id, id, status, voucher_no, business_date, description, source, line_count, posted_at)
       VALUES ('${k.koperasiId}', '${id}', 'posted', 'TRF/2026/000005', '2026-04-01', 'Sisipan', 'transfer', 2, now())`,
      `INSERT INTO journal_line (koperasi_id, entry_id, line_no, account_id, member_account_id, debit, credit) VALUES
       ('${k.koperasiId}', '${id}', 1, '${k.account("2-1100")}', '${k.a.memberAccountId}', 90000, 0),
       ('${k.koperasiId}', '${id}', 2, '${k.account("2-1100")}', '${k.b.memberAccountId}', 0, 90000)`,
    ];
    if (leaf === "forged") {
      const data = new Uint8Array(33).fill(7);
      data[0] = 1;
      rows.push(
        `INSERT INTO log_leaf (koperasi_id, entry_id, salt, leaf_data, leaf_hash) VALUES ('${k.koperasiId}', '${id}', ${hex(new Uint8Array(32))}, ${hex(data)}, ${hex(new Uint8Array(32).fill(9))})`,
      );
    }
    await tamper(t, rows.join(";\n"));
    return id;
  }

  it("with a forged leaf: names it", async () => {
    const k = await bookedKoperasi(t);
    const id = await insertEntry(k, "forged");
    const result = await verifyBySlug(t, k.slug);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`entri TRF/2026/000005 (id ${id})`);
    const { findings } = await findingsOf(k);
    expect(findings.slice(0, 2).map((f) => f.code)).toEqual(["leaf_hash", "leaf_altered"]);
    expect(findings.map((f) => f.code)).toContain("voucher_beyond_counter");
  });

  it("without a leaf: names it", async () => {
    const k = await bookedKoperasi(t);
    const id = await insertEntry(k, "none");
    const result = await verifyBySlug(t, k.slug);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`entri TRF/2026/000005 (id ${id}): entri terposting tanpa daun log`);
  });
});

describe("after the stored tree or a checkpoint is altered", () => {
  it("a leaf node: names the entry at that position", async () => {
    const k = await bookedKoperasi(t);
    await tamper(t, `UPDATE log_node SET hash = ${hex(new Uint8Array(32).fill(1))} WHERE koperasi_id = '${k.koperasiId}' AND level = 0 AND idx = 5`);
    const result = await verifyBySlug(t, k.slug);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`entri JU/2026/000001 (id ${entryOf(k, "JU/2026/000001")}): simpul pohon tersimpan (level 0, indeks 5; daun posisi 5)`);
  });

  it("an inner node: names the positions it covers", async () => {
    const k = await bookedKoperasi(t);
    await tamper(t, `UPDATE log_node SET hash = ${hex(new Uint8Array(32).fill(1))} WHERE koperasi_id = '${k.koperasiId}' AND level = 1 AND idx = 1`);
    const result = await verifyBySlug(t, k.slug);
    expect(result.code).toBe(1);
    expect(result.err).toContain("simpul pohon tersimpan (level 1, indeks 1; posisi 2–3) berbeda");
    // The consistency proof from checkpoint 2 to 4 served from the stored nodes uses that node.
    expect(result.out).toContain("bukti konsistensi dari simpul tersimpan antara checkpoint 2 dan 4 gagal");
  });

  it("a checkpoint's root: the row no longer says what was signed, and no entry is blamed", async () => {
    const k = await bookedKoperasi(t);
    await tamper(t, `UPDATE log_checkpoint SET root_hash = ${hex(new Uint8Array(32).fill(2))} WHERE koperasi_id = '${k.koperasiId}' AND tree_size = 4`);
    const { findings } = await findingsOf(k);
    expect(findings[0]).toMatchObject({ code: "checkpoint_columns", position: 3 });
    expect(findings[0]?.entryId).toBeUndefined();
    expect(findings.map((f) => f.code)).not.toContain("checkpoint_root");
  });

  it("a checkpoint signed again with another key: its signature fails", async () => {
    const k = await bookedKoperasi(t);
    const [row] = await t.db.superuser.query<{ root_hash: Uint8Array; origin: string }>(
      `SELECT c.root_hash, k.key_name AS origin FROM log_checkpoint c JOIN log_key k ON k.koperasi_id = c.koperasi_id AND k.purpose = 'log'
       WHERE c.koperasi_id = $1 AND c.tree_size = 6`,
      [k.koperasiId],
    );
    if (!row) throw new Error("no checkpoint");
    const note = signCheckpoint({ origin: row.origin, size: 6, rootHash: new Uint8Array(row.root_hash) }, generateSignerKey(row.origin));
    await tamper(t, `UPDATE log_checkpoint SET signed_note = '${note}' WHERE koperasi_id = '${k.koperasiId}' AND tree_size = 6`);
    const result = await verifyBySlug(t, k.slug);
    expect(result.code).toBe(1);
    expect(result.err).toContain("tanda tangan checkpoint ukuran 6 tidak sah");
  });
});

describe("--all", () => {
  it("checks every cooperative and fails naming the first one that differs", async () => {
    const lines: string[] = [];
    const code = await runVerify(t.ctx.database, { all: true }, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(code).toBe(1);
    // One line per cooperative that checks out, the full report for each that does not.
    expect(lines.filter((l) => /^kop-[0-9a-f]+: COCOK \(\d+ entri, pohon \d+, \d+ checkpoint\)$/.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((l) => l.includes("hasil: TIDAK COCOK")).length).toBeGreaterThanOrEqual(10);
    expect(lines.at(-1)).toMatch(/^Verifikasi GAGAL \(\d+ dari \d+ koperasi; pertama kop-/);
    // The run's outcome is kept for /metrics and its alert.
    const [, failed, checked] = /\((\d+) dari (\d+) koperasi/.exec(lines.at(-1)!)!;
    const runs = await t.db.superuser.query<{ cooperatives: number; failed: number }>(`SELECT cooperatives, failed FROM verify_run ORDER BY id DESC LIMIT 1`);
    expect(runs).toEqual([{ cooperatives: Number(checked), failed: Number(failed) }]);
  });
});
