import { fileURLToPath } from "node:url";
import type { Recorder } from "../lib/figures";
import type { BenchSettings } from "../lib/options";
import { runWorker } from "../lib/processes";

// The transparency log without a database (MemoryHashStore), in a worker
// process per run. The database node store joins here once it exists.

const WORKER = fileURLToPath(new URL("../scenarios/tlog-worker.ts", import.meta.url));

interface TlogResult {
  leaves: number;
  appendsPerSecond: number;
  proofsPerSecond: number;
  consistencyPerSecond: number;
  verifyPerSecond: number;
  proofHashes: number;
  proofBytes: number;
  receiptBytes: number;
  peakRssMiB: number;
}

export async function benchTlog(settings: BenchSettings, rec: Recorder, log: (line: string) => void): Promise<void> {
  const { leaves, seconds } = settings.tlog;
  const at = `${leaves >= 1_000_000 ? `${leaves / 1_000_000}M` : `${leaves / 1000}k`}`;
  for (let round = 1; round <= settings.runs; round++) {
    log(`tlog run ${round}/${settings.runs}: ${leaves} leaves`);
    const r = await runWorker<TlogResult>(WORKER, { TLOG_LEAVES: String(leaves), TLOG_SECONDS: String(seconds) }, 600_000);
    const note = `MemoryHashStore, ${leaves} leaves`;
    rec.record({ name: `tlog.mem${at}.appends_per_s`, unit: "leaves/s", better: "higher", note: `${note}, batches of 256` }, r.appendsPerSecond);
    rec.record({ name: `tlog.mem${at}.inclusion_proofs_per_s`, unit: "proofs/s", better: "higher", note }, r.proofsPerSecond);
    rec.record({ name: `tlog.mem${at}.consistency_proofs_per_s`, unit: "proofs/s", better: "higher", note }, r.consistencyPerSecond);
    rec.record({ name: `tlog.mem${at}.receipt_verify_per_s`, unit: "receipts/s", better: "higher", note: "checkpoint signature + leaf + inclusion, as the member's app does" }, r.verifyPerSecond);
    rec.record({ name: `tlog.mem${at}.proof_size`, unit: "bytes", better: "lower", note: `${r.proofHashes} hashes, full-length inclusion proof` }, r.proofBytes);
    rec.record({ name: `tlog.mem${at}.receipt_size`, unit: "bytes", better: "lower", note: "c2sp tlog-proof with the leaf opening and a signed checkpoint" }, r.receiptBytes);
    rec.record({ name: `tlog.mem${at}.rss`, unit: "MiB", better: "lower", note: "worker process, getrusage maxrss" }, r.peakRssMiB);
  }
}

const STORE_WORKER = fileURLToPath(new URL("../scenarios/tlog-store-worker.ts", import.meta.url));

interface StoreResult {
  leaves: number;
  appendsPerSecond: number;
  proofsPerSecond: number;
  nodesPerProof: number;
  peakRssMiB: number;
}

/** The log through the server's node store (log_node) on one database, one run. */
export async function measureTlogStore(kind: "pg" | "pglite", databaseUrl: string | undefined, leaves: number, settings: BenchSettings, rec: Recorder): Promise<void> {
  const r = await runWorker<StoreResult>(
    STORE_WORKER,
    { STORE_DATABASE_URL: databaseUrl ?? "", STORE_LEAVES: String(leaves), STORE_SECONDS: String(settings.tlog.seconds) },
    900_000,
  );
  const prefix = `${kind}.tlog_store.l${leaves}`;
  const note = `LogNodeStore (log_node), ${leaves} leaves`;
  rec.record({ name: `${prefix}.appends_per_s`, unit: "leaves/s", better: "higher", note: `${note}, a tenant transaction per 256 leaves` }, r.appendsPerSecond);
  rec.record({ name: `${prefix}.inclusion_proofs_per_s`, unit: "proofs/s", better: "higher", note: `${note}, a tenant transaction per proof, ${r.nodesPerProof.toFixed(0)} nodes read` }, r.proofsPerSecond);
  rec.record({ name: `${prefix}.rss`, unit: "MiB", better: "lower", note: "worker process, getrusage maxrss" }, r.peakRssMiB);
}
