import { randomBytes } from "node:crypto";
import {
  appendLeaves,
  consistencyProof,
  encodeLeafOpening,
  encodeReceipt,
  generateSignerKey,
  inclusionProof,
  leafData,
  leafHash,
  MemoryHashStore,
  signCheckpoint,
  verifierKeyOf,
  verifyEntryReceipt,
  type CompactRange,
  type EntrySummary,
} from "@koperasi/tlog";
import { emitResult } from "../lib/processes";
import { prng } from "../lib/prng";

// The transparency log's pure cost, in its own process (so its peak RSS is
// its own): appending leaves to a tree held in MemoryHashStore the way the
// sequencer appends (batches, perfect-subtree nodes persisted), then
// inclusion and consistency proofs at the final size, the size of a full-length
// proof and of a member's receipt, and receipt verification (what a member's phone
// does). Prints one JSON line. Input: TLOG_LEAVES, TLOG_SECONDS (per measure).

const LEAVES = Number(process.env.TLOG_LEAVES ?? 1_000_000);
const SECONDS = Number(process.env.TLOG_SECONDS ?? 5);
const BATCH = 256;
const MAX_OPS = 1_000_000;

const summary = (i: number): EntrySummary => ({
  koperasiId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
  entryId: `0190a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, "0")}`,
  voucherNo: `TRF/2026/${String(i).padStart(6, "0")}`,
  businessDate: "2026-11-27",
  postedAt: "2026-11-27T03:04:05.678Z",
  lines: [
    { accountCode: "2-1100", memberAccountId: "0190a1b2-c3d4-7e5f-8a9b-000000000001", debit: 150_000, credit: 0 },
    { accountCode: "2-1100", memberAccountId: "0190a1b2-c3d4-7e5f-8a9b-000000000002", debit: 0, credit: 150_000 },
  ],
});

/** Runs `op` until `SECONDS` pass or MAX_OPS ops; resolves to ops per second. */
async function rate(op: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  let ops = 0;
  while (ops < MAX_OPS && (ops % 64 !== 0 || performance.now() < deadline)) await op(ops++);
  return ops / ((performance.now() - started) / 1000);
}

// Leaf hashes come precomputed from log_leaf in the server; here they are
// made up front so appending measures the tree alone.
const salt = randomBytes(32);
const hashes: Uint8Array[] = new Array(LEAVES);
const template = leafData(summary(0), salt);
hashes[0] = leafHash(template);
for (let i = 1; i < LEAVES; i++) {
  const data = Uint8Array.from(template);
  data[1] = i & 0xff;
  data[2] = (i >>> 8) & 0xff;
  data[3] = (i >>> 16) & 0xff;
  data[4] = (i >>> 24) & 0xff;
  hashes[i] = leafHash(data);
}

const store = new MemoryHashStore();
let range: CompactRange | undefined;
let size = 0;
let root: Uint8Array = new Uint8Array(32);
const appendStarted = performance.now();
for (let from = 0; from < LEAVES; from += BATCH) {
  const result = await appendLeaves(range ?? store, size, hashes.slice(from, from + BATCH));
  await store.putNodes(result.nodes);
  ({ range, size, root } = result);
}
const appendsPerSecond = LEAVES / ((performance.now() - appendStarted) / 1000);

const random = prng(42);
const at = () => Math.floor(random() * size);
const proofsPerSecond = await rate(() => inclusionProof(store, at(), size));
const consistencyPerSecond = await rate(() => consistencyProof(store, 1 + at(), size));

// A member's receipt for the first entry (its proof is as long as any at
// this size): what she gets once a checkpoint covers it.
const key = generateSignerKey("bench.koperasi-pintar.local/k/uji");
const proof = await inclusionProof(store, 0, size);
const checkpoint = signCheckpoint({ origin: key.name, size, rootHash: root }, key);
const receipt = encodeReceipt({ index: 0, proof, checkpoint, extra: encodeLeafOpening(summary(0), salt) });
const policy = { log: verifierKeyOf(key) };
verifyEntryReceipt({ receipt, policy });
const verifyPerSecond = await rate(() => verifyEntryReceipt({ receipt, policy }));

emitResult({
  leaves: size,
  nodes: store.size,
  appendsPerSecond,
  proofsPerSecond,
  consistencyPerSecond,
  verifyPerSecond,
  proofHashes: proof.length,
  proofBytes: proof.length * 32,
  receiptBytes: Buffer.byteLength(receipt),
});
