import type { Transaction } from "kysely";
import type { Database, DB } from "@koperasi/db";
import { leafHash, parseVerifierKey } from "@koperasi/tlog";
import { loadJournalEntries, recomputeLeaf, type JournalEntryRecord } from "./entry-leaf";
import { checkControlAccounts, checkEntriesWithoutLeaf, checkMemberBalances, checkVoucherNumbers } from "./verify-books";
import { Findings, type Finding, type FindingPlace } from "./verify-findings";
import { treeStoreOf } from "./verify-store";
import { TreeVerifier, type TreeSummary } from "./verify-tree";

// `koperasi verify`: checks one cooperative's journal against its
// transparency log, from the database alone (docs/verifikasi.md).
//
// Privileges: each cooperative is read in ONE tenant transaction as the
// application role, like any request (RLS forced, app.koperasi_id set), and
// as a read-only REPEATABLE READ snapshot, so a running server may keep
// posting and sequencing meanwhile. Under its own cooperative the tenant role
// sees every row of it, so nothing needs a superuser or BYPASSRLS, and the
// verifier cannot write. `--all` loops over the register of cooperatives
// (a platform table) one transaction each.
//
// Memory is bounded: leaves are read in batches in tree order, the tree is a
// compact range, checkpoints come in pages, and only the first findings are
// kept.

export interface KoperasiRef {
  id: string;
  slug: string;
  name: string;
}

export interface VerifyProgress {
  koperasi: KoperasiRef;
  done: number;
  total: number;
}

export interface VerifyOptions {
  /** Leaves read per query; memory grows with it. */
  batchSize?: number;
  /**
   * The log's verifier key as published outside this database: checkpoints
   * must carry its signature, and the stored key must be it.
   */
  pinnedLogKey?: string | undefined;
  onProgress?: ((progress: VerifyProgress) => void) | undefined;
}

export interface KoperasiVerification {
  koperasi: KoperasiRef;
  postedEntries: number;
  sequencedLeaves: number;
  unsequencedLeaves: number;
  tree: TreeSummary;
  /** The first findings, earliest first (the first one names what to look at). */
  findings: Finding[];
  totalFindings: number;
}

const DEFAULT_BATCH = 2000;

interface LeafRow {
  entry_id: string;
  seq: string | number | null;
  salt: Uint8Array;
  leaf_data: Uint8Array;
  leaf_hash: Uint8Array;
}

export async function verifyKoperasi(database: Database, koperasi: KoperasiRef, options: VerifyOptions = {}): Promise<KoperasiVerification> {
  return database.tenant({ koperasiId: koperasi.id, readOnlySnapshot: true }, async (trx) => {
    const findings = new Findings();
    const counts = await countsOf(trx, koperasi.id);
    const logKey = await logKeyOf(trx, koperasi.id, options.pinnedLogKey, findings);
    const tree = await TreeVerifier.start(treeStoreOf(trx, koperasi.id), findings, logKey);
    await verifySequencedLeaves(trx, koperasi, tree, findings, options, counts.sequenced);
    const summary = await tree.finish();
    await verifyUnsequencedLeaves(trx, koperasi.id, findings, options.batchSize ?? DEFAULT_BATCH);
    await checkEntriesWithoutLeaf(trx, koperasi.id, findings);
    const missingVouchers = await checkVoucherNumbers(trx, koperasi.id, findings);
    await checkMemberBalances(trx, koperasi.id, findings);
    await checkControlAccounts(trx, koperasi.id, findings);
    const sorted = await nameEntries(trx, koperasi.id, findings.sorted(), missingVouchers);
    return {
      koperasi,
      postedEntries: counts.posted,
      sequencedLeaves: counts.sequenced,
      unsequencedLeaves: counts.unsequenced,
      tree: summary,
      findings: sorted,
      totalFindings: findings.total,
    };
  });
}

/** The cooperative of a slug, or every cooperative (by slug). */
export async function findCooperatives(database: Database, slug: string | undefined): Promise<KoperasiRef[]> {
  return database.platform(async (trx) => {
    let query = trx.selectFrom("koperasi").select(["id", "slug", "name"]).orderBy("slug");
    if (slug !== undefined) query = query.where("slug", "=", slug);
    return query.execute();
  });
}

async function countsOf(trx: Transaction<DB>, koperasiId: string): Promise<{ posted: number; sequenced: number; unsequenced: number }> {
  const leaves = await trx
    .selectFrom("log_leaf")
    .select((eb) => [eb.fn.count<string>("seq").as("sequenced"), eb.fn.countAll<string>().as("all")])
    .where("koperasi_id", "=", koperasiId)
    .executeTakeFirstOrThrow();
  const posted = await trx
    .selectFrom("journal_entry")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("koperasi_id", "=", koperasiId)
    .where("status", "=", "posted")
    .executeTakeFirstOrThrow();
  const sequenced = Number(leaves.sequenced);
  return { posted: Number(posted.n), sequenced, unsequenced: Number(leaves.all) - sequenced };
}

/** The key checkpoints must be signed with: the pinned one if given (and the stored one must match it), else the stored one. */
async function logKeyOf(trx: Transaction<DB>, koperasiId: string, pinned: string | undefined, findings: Findings): Promise<string | undefined> {
  const row = await trx
    .selectFrom("log_key")
    .select("verifier_key")
    .where("koperasi_id", "=", koperasiId)
    .where("purpose", "=", "log")
    .executeTakeFirst();
  if (pinned === undefined) return row?.verifier_key;
  parseVerifierKey(pinned); // a malformed pinned key is the caller's mistake: throw
  if (row?.verifier_key !== pinned) {
    findings.add({
      code: "log_key_not_pinned",
      place: "tree",
      position: -1,
      detail: `kunci log tersimpan (${row?.verifier_key ?? "tidak ada"}) bukan kunci yang diberikan (${pinned})`,
    });
  }
  return pinned;
}

async function verifySequencedLeaves(
  trx: Transaction<DB>,
  koperasi: KoperasiRef,
  tree: TreeVerifier,
  findings: Findings,
  options: VerifyOptions,
  total: number,
): Promise<void> {
  const batch = options.batchSize ?? DEFAULT_BATCH;
  let after = -1;
  let expected = 0;
  for (;;) {
    const leaves: LeafRow[] = await trx
      .selectFrom("log_leaf")
      .select(["entry_id", "seq", "salt", "leaf_data", "leaf_hash"])
      .where("koperasi_id", "=", koperasi.id)
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(batch)
      .execute();
    if (leaves.length === 0) return;
    const entries = await loadJournalEntries(
      trx,
      koperasi.id,
      leaves.map((leaf) => leaf.entry_id),
    );
    for (const leaf of leaves) {
      const seq = Number(leaf.seq);
      if (seq !== expected) {
        // The rebuilt tree closes the gap, so the nodes and checkpoints after it differ too.
        findings.add({
          code: "seq_gap",
          place: "tree",
          position: expected,
          detail: `posisi ${expected === seq - 1 ? expected : `${expected}–${seq - 1}`} di log kosong: daun (dan entrinya) di sana telah dihapus`,
        });
      }
      expected = seq + 1;
      const hash = checkLeaf(koperasi.id, leaf, entries.get(leaf.entry_id), findings, "tree", seq);
      await tree.append(hash);
    }
    await tree.compareNodes();
    after = Number(leaves[leaves.length - 1]?.seq);
    options.onProgress?.({ koperasi, done: tree.size, total });
  }
}

/** Leaves not yet in the tree (the sequencer has not reached them): their entries must match too. */
async function verifyUnsequencedLeaves(trx: Transaction<DB>, koperasiId: string, findings: Findings, batch: number): Promise<void> {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const leaves: LeafRow[] = await trx
      .selectFrom("log_leaf")
      .select(["entry_id", "seq", "salt", "leaf_data", "leaf_hash"])
      .where("koperasi_id", "=", koperasiId)
      .where("seq", "is", null)
      .where("entry_id", ">", after)
      .orderBy("entry_id")
      .limit(batch)
      .execute();
    if (leaves.length === 0) return;
    const entries = await loadJournalEntries(
      trx,
      koperasiId,
      leaves.map((leaf) => leaf.entry_id),
    );
    for (const leaf of leaves) {
      const entry = entries.get(leaf.entry_id);
      checkLeaf(koperasiId, leaf, entry, findings, "outside_tree", entry?.postedAt?.getTime() ?? Number.MAX_SAFE_INTEGER);
    }
    after = leaves[leaves.length - 1]?.entry_id ?? after;
  }
}

/**
 * Compares a stored leaf with its entry as the journal holds it now, and
 * returns the leaf hash the tree is rebuilt from: the journal's, so that
 * published checkpoints are checked against the journal itself (the stored
 * hash only where there is no posted entry to recompute from).
 */
function checkLeaf(koperasiId: string, leaf: LeafRow, entry: JournalEntryRecord | undefined, findings: Findings, place: FindingPlace, position: number): Uint8Array {
  const about = { place, position, entryId: leaf.entry_id, voucherNo: entry?.voucherNo };
  if (!Buffer.from(leafHash(leaf.leaf_data)).equals(leaf.leaf_hash)) {
    findings.add({ ...about, code: "leaf_hash", detail: "hash daun tersimpan bukan hash dari data daunnya" });
  }
  if (!entry) {
    findings.add({ ...about, code: "leaf_without_entry", detail: "daun log tanpa entri jurnal: entrinya telah dihapus" });
    return leaf.leaf_hash;
  }
  if (entry.status !== "posted" || !entry.postedAt) {
    findings.add({ ...about, code: "leaf_entry_not_posted", detail: `daun log untuk entri berstatus ${entry.status}, bukan terposting` });
    return leaf.leaf_hash;
  }
  let recomputed: { data: Uint8Array; hash: Uint8Array } | undefined;
  try {
    recomputed = recomputeLeaf(koperasiId, entry, leaf.salt);
    if (!Buffer.from(recomputed.data).equals(leaf.leaf_data)) {
      findings.add({
        ...about,
        code: "leaf_altered",
        detail: "isi entri di jurnal (nomor bukti, tanggal, waktu posting, akun, rekening anggota atau jumlah pada barisnya) tidak cocok dengan daun log yang dibuat saat posting",
      });
    }
  } catch (error) {
    findings.add({ ...about, code: "leaf_altered", detail: `daun tidak dapat dihitung ulang dari jurnal (${(error as Error).message})` });
  }
  // What else is wrong with the entry, to say what differs.
  if (entry.lines.length !== entry.lineCount || entry.lines.length < 2) {
    findings.add({ ...about, code: "entry_line_count", detail: `entri mencatat ${entry.lineCount} baris, jurnal memuat ${entry.lines.length}` });
  }
  const debit = entry.lines.reduce((sum, line) => sum + line.debit, 0);
  const credit = entry.lines.reduce((sum, line) => sum + line.credit, 0);
  if (debit !== credit) {
    findings.add({ ...about, code: "entry_unbalanced", detail: `debit ${debit} tidak sama dengan kredit ${credit}` });
  }
  return recomputed?.hash ?? leaf.leaf_hash;
}

/** Gives findings that know only a tree position the entry there, and a gap in the tree the voucher numbers missing from the journal. */
async function nameEntries(trx: Transaction<DB>, koperasiId: string, findings: Finding[], missingVouchers: string[]): Promise<Finding[]> {
  const seqs = [...new Set(findings.flatMap((f) => (f.entryId === undefined && f.entrySeq !== undefined ? [f.entrySeq] : [])))];
  const named = new Map<number, { id: string; voucherNo: string | null }>();
  if (seqs.length > 0) {
    const rows = await trx
      .selectFrom("log_leaf as l")
      .leftJoin("journal_entry as e", (join) => join.onRef("e.koperasi_id", "=", "l.koperasi_id").onRef("e.id", "=", "l.entry_id"))
      .select(["l.seq", "l.entry_id", "e.voucher_no"])
      .where("l.koperasi_id", "=", koperasiId)
      .where("l.seq", "in", seqs)
      .execute();
    for (const row of rows) named.set(Number(row.seq), { id: row.entry_id, voucherNo: row.voucher_no });
  }
  return findings.map((finding) => {
    const entry = finding.entrySeq === undefined ? undefined : named.get(finding.entrySeq);
    if (finding.entryId === undefined && entry) return { ...finding, entryId: entry.id, voucherNo: entry.voucherNo };
    if (finding.code === "seq_gap" && missingVouchers.length > 0) {
      return { ...finding, detail: `${finding.detail}; nomor bukti yang hilang dari jurnal: ${missingVouchers.slice(0, 3).join(", ")}` };
    }
    return finding;
  });
}
