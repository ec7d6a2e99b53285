import { existsSync } from "node:fs";
import { join } from "node:path";
import { openDatabase, type Database } from "@koperasi/db";
import { encodeBase64 } from "@koperasi/tlog";
import { describeFinding } from "./verify-findings";
import type { Config } from "../config";
import { findCooperatives, verifyKoperasi, type KoperasiVerification, type VerifyOptions } from "./verify";

// `koperasi verify <slug>` and `koperasi verify --all`: the report in Bahasa
// Indonesia and the exit code. 0: everything checked out; 1: something
// differs (the last line names the first entry that does); 2: nothing to
// verify (unknown cooperative, bad arguments).

export interface VerifyTarget {
  slug?: string | undefined;
  all?: boolean | undefined;
  /** A log verifier key published elsewhere (single cooperative only). */
  logKey?: string | undefined;
}

export interface VerifyIo {
  out(line: string): void;
  err(line: string): void;
}

const SHOWN = 10;

/**
 * The CLI's entry: opens the database DATABASE_URL or DATA_DIR names (the
 * caller holds the data directory's lock), without migrating it — verifying
 * changes nothing — and prints to the terminal.
 */
export async function verifyCommand(config: Config, target: VerifyTarget): Promise<number> {
  const io: VerifyIo = { out: (line) => console.log(line), err: (line) => console.error(line) };
  const dataDir = join(config.dataDir, "pglite");
  if (!config.databaseUrl && !existsSync(dataDir)) {
    io.err(`Tidak ada basis data di ${dataDir}. Atur DATA_DIR atau DATABASE_URL.`);
    return 2;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir, migrate: false, poolSize: 2 });
  try {
    return await runVerify(database, target, io);
  } finally {
    await database.close();
  }
}
const PROGRESS_EVERY = 100_000;

export async function runVerify(database: Database, target: VerifyTarget, io: VerifyIo, options: Pick<VerifyOptions, "batchSize"> = {}): Promise<number> {
  if (Boolean(target.all) === (target.slug !== undefined)) {
    io.err("Pemakaian: koperasi verify <slug-koperasi> | koperasi verify --all [--log-key KUNCI]");
    return 2;
  }
  if (target.all && target.logKey) {
    io.err("--log-key hanya untuk satu koperasi.");
    return 2;
  }
  const cooperatives = await findCooperatives(database, target.slug);
  if (cooperatives.length === 0) {
    io.err(target.slug ? `Koperasi "${target.slug}" tidak ditemukan.` : "Belum ada koperasi.");
    return 2;
  }
  const failed: KoperasiVerification[] = [];
  const startedAt = new Date();
  let nextProgress = PROGRESS_EVERY;
  for (const koperasi of cooperatives) {
    nextProgress = PROGRESS_EVERY;
    const result = await verifyKoperasi(database, koperasi, {
      ...options,
      pinnedLogKey: target.logKey,
      onProgress: ({ done, total }) => {
        if (done < nextProgress || total < PROGRESS_EVERY) return;
        nextProgress = (Math.floor(done / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
        io.err(`  ${koperasi.slug}: ${number(done)} dari ${number(total)} daun diperiksa (${Math.floor((done / total) * 100)}%)`);
      },
    });
    report(result, io, target.all === true);
    if (result.totalFindings > 0) failed.push(result);
  }
  if (target.all) await recordVerifyRun(database, { startedAt, cooperatives: cooperatives.length, failed: failed.length });
  const first = failed[0];
  if (!first) {
    io.out(cooperatives.length === 1 ? "Verifikasi berhasil: jurnal cocok dengan log transparansinya." : `Verifikasi berhasil untuk ${cooperatives.length} koperasi.`);
    return 0;
  }
  const headline = first.findings[0] ? describeFinding(first.findings[0]) : "ada perbedaan";
  const where = cooperatives.length === 1 ? "" : ` (${failed.length} dari ${cooperatives.length} koperasi; pertama ${first.koperasi.slug})`;
  io.err(`Verifikasi GAGAL${where}: ${headline}`);
  return 1;
}

/** A whole run's outcome, for /metrics and its alert: a failing or missing verification is noticed without reading the CLI's output. */
async function recordVerifyRun(database: Database, run: { startedAt: Date; cooperatives: number; failed: number }): Promise<void> {
  await database.platform((trx) =>
    trx.insertInto("verify_run").values({ started_at: run.startedAt, finished_at: new Date(), cooperatives: run.cooperatives, failed: run.failed }).execute(),
  );
}

/** The full block for one cooperative; under --all one line for each that checks out. */
function report(result: KoperasiVerification, io: VerifyIo, brief: boolean): void {
  const { koperasi, tree } = result;
  if (brief && result.totalFindings === 0) {
    io.out(`${koperasi.slug}: COCOK (${number(result.postedEntries)} entri, pohon ${number(tree.size)}, ${number(tree.checkpoints)} checkpoint)`);
    return;
  }
  io.out(`${koperasi.name} (${koperasi.slug})`);
  io.out(
    `  jurnal: ${number(result.postedEntries)} entri terposting; log: ${number(result.sequencedLeaves + result.unsequencedLeaves)} daun ` +
      `(${number(result.sequencedLeaves)} di pohon, ${number(result.unsequencedLeaves)} menunggu urutan)`,
  );
  io.out(`  pohon: ukuran ${number(tree.size)}, akar ${encodeBase64(tree.root)}`);
  io.out(
    tree.checkpoints === 0
      ? "  checkpoint: belum ada"
      : `  checkpoint: ${number(tree.checkpoints)} diperiksa, terbaru ukuran ${number(tree.latestCheckpoint ?? 0)}`,
  );
  if (result.totalFindings === 0) {
    io.out("  hasil: COCOK");
    return;
  }
  io.out(`  hasil: TIDAK COCOK, ${number(result.totalFindings)} temuan`);
  result.findings.slice(0, SHOWN).forEach((finding, i) => io.out(`  ${i + 1}. ${describeFinding(finding)}`));
  if (result.totalFindings > SHOWN) io.out(`  … dan ${number(result.totalFindings - SHOWN)} temuan lain`);
}

function number(n: number): string {
  return n.toLocaleString("id-ID");
}
