import { describe, expect, it } from "vitest";
import {
  MemoryHashStore,
  appendLeaves,
  consistencyProof,
  cosignCheckpoint,
  encodeBase64,
  encodeLeafOpening,
  encodeReceipt,
  encodeVerifierKey,
  generateSignerKey,
  inclusionProof,
  leafData,
  leafHash,
  signCheckpoint,
  type EntrySummary,
  type SignerKey,
} from "@koperasi/tlog";
import { memoryPins } from "./pins";
import { verifyTransaction, type ExpectedEntry, type LogKeysResponse } from "./verify-receipt";

// The browser's verification against a real log built with @koperasi/tlog:
// signed checkpoints, cosignatures, inclusion and consistency proofs. Each
// way a server could lie (another key, another entry, edited amounts, a
// rewritten history) must be caught.

const KOPERASI = "0b7e1a52-3c4d-4e5f-8a9b-1c2d3e4f5a6b";
const ORIGIN = "koperasi.example/k/sejahtera";
const MEMBER_ACCOUNT = "9a8b7c6d-5e4f-4a3b-8c2d-000000000001";
const seed = (n: number) => new Uint8Array(32).fill(n);
const logKey = generateSignerKey(ORIGIN, "ed25519", seed(1));
const witness = generateSignerKey("koperasi.example/k/makmur/witness", "cosignature/v1", seed(2));

function summary(i: number, amount = 1000 * (i + 1)): EntrySummary {
  const hex = i.toString(16).padStart(12, "0");
  return {
    koperasiId: KOPERASI,
    entryId: `6f1c2d3e-4a5b-4c6d-9e8f-${hex}`,
    voucherNo: `TRF/2026/${String(i + 1).padStart(6, "0")}`,
    businessDate: "2026-03-02",
    postedAt: new Date(Date.UTC(2026, 2, 2, 3, 4, 5) + i).toISOString(),
    lines: [
      { accountCode: "2-1100", memberAccountId: "9a8b7c6d-5e4f-4a3b-8c2d-0000000000ff", debit: amount, credit: 0 },
      { accountCode: "2-1100", memberAccountId: MEMBER_ACCOUNT, debit: 0, credit: amount },
    ],
  };
}

const expectedFor = (i: number): ExpectedEntry => {
  const s = summary(i);
  return { koperasiId: KOPERASI, entryId: s.entryId, voucherNo: s.voucherNo, businessDate: s.businessDate, memberAccountId: MEMBER_ACCOUNT, debit: 0, credit: 1000 * (i + 1) };
};

/** A log of `n` entries (optionally a different history: `variant` changes entry 0's salt) and its signed, cosigned checkpoint. */
async function buildLog(n: number, options: { key?: SignerKey; variant?: number } = {}) {
  const store = new MemoryHashStore();
  const entries = Array.from({ length: n }, (_, i) => ({ summary: summary(i), salt: seed(100 + i + (i === 0 ? (options.variant ?? 0) : 0)) }));
  const appended = await appendLeaves(store, 0, entries.map((e) => leafHash(leafData(e.summary, e.salt))));
  await store.putNodes(appended.nodes);
  const signed = signCheckpoint({ origin: ORIGIN, size: appended.size, rootHash: appended.root }, options.key ?? logKey);
  const checkpoint = cosignCheckpoint(signed, witness, 1772420645);
  const receiptFor = async (i: number, opening = encodeLeafOpening(entries[i]!.summary, entries[i]!.salt)) => ({
    entryId: entries[i]!.summary.entryId,
    receipt: encodeReceipt({ index: i, proof: await inclusionProof(store, i, appended.size), checkpoint, extra: opening }),
  });
  const consistency = async (from: number, to: number) => (await consistencyProof(store, from, to)).map(encodeBase64);
  return { store, entries, receiptFor, consistency, size: appended.size };
}

const keys = (key: SignerKey = logKey): LogKeysResponse => ({
  origin: ORIGIN,
  log: { name: key.name, verifierKey: encodeVerifierKey(key) },
  witnesses: [{ name: witness.name, verifierKey: encodeVerifierKey(witness) }],
});

describe("verifying a transaction's receipt in the browser", () => {
  it("verifies on first use, names the witness, and pins keys and checkpoint", async () => {
    const log = await buildLog(5);
    const pins = memoryPins();
    const outcome = await verifyTransaction({ receipt: await log.receiptFor(3), keys: keys(), expected: expectedFor(3), pins, consistency: log.consistency });
    expect(outcome).toEqual({ ok: true, treeSize: 5, index: 3, origin: ORIGIN, voucherNo: "TRF/2026/000004", witnesses: [witness.name], firstUse: true });
    expect(pins.entries.get(KOPERASI)).toMatchObject({ origin: ORIGIN, logKey: encodeVerifierKey(logKey), witnesses: { [witness.name]: encodeVerifierKey(witness) }, checkpoint: { size: 5 } });
  });

  it("a later checkpoint must extend the pinned one (consistency proof), and then replaces it", async () => {
    const pins = memoryPins();
    const small = await buildLog(3);
    expect((await verifyTransaction({ receipt: await small.receiptFor(1), keys: keys(), expected: expectedFor(1), pins, consistency: small.consistency })).ok).toBe(true);
    const grown = await buildLog(9);
    const asked: [number, number][] = [];
    const outcome = await verifyTransaction({
      receipt: await grown.receiptFor(7),
      keys: keys(),
      expected: expectedFor(7),
      pins,
      consistency: (from, to) => (asked.push([from, to]), grown.consistency(from, to)),
    });
    expect(outcome).toMatchObject({ ok: true, treeSize: 9, firstUse: false });
    expect(asked).toEqual([[3, 9]]);
    expect(pins.entries.get(KOPERASI)?.checkpoint?.size).toBe(9);
    // An older receipt afterwards is checked against the newer pin the other way round.
    const older = await verifyTransaction({ receipt: await small.receiptFor(0), keys: keys(), expected: expectedFor(0), pins, consistency: grown.consistency });
    expect(older).toMatchObject({ ok: true, treeSize: 3 });
    expect(pins.entries.get(KOPERASI)?.checkpoint?.size).toBe(9);
  });

  it("refuses when the log's key changed since it was pinned, even if keys and receipt agree with each other", async () => {
    const pins = memoryPins();
    const log = await buildLog(4);
    await verifyTransaction({ receipt: await log.receiptFor(0), keys: keys(), expected: expectedFor(0), pins, consistency: log.consistency });
    const impostor = generateSignerKey(ORIGIN, "ed25519", seed(9));
    const forged = await buildLog(4, { key: impostor });
    const outcome = await verifyTransaction({ receipt: await forged.receiptFor(2), keys: keys(impostor), expected: expectedFor(2), pins, consistency: forged.consistency });
    expect(outcome).toMatchObject({ ok: false, reason: "log_key_changed" });
  });

  it("refuses a checkpoint not signed by the published key", async () => {
    const impostor = generateSignerKey(ORIGIN, "ed25519", seed(9));
    const forged = await buildLog(4, { key: impostor });
    const pins = memoryPins();
    const outcome = await verifyTransaction({ receipt: await forged.receiptFor(2), keys: keys(), expected: expectedFor(2), pins, consistency: forged.consistency });
    expect(outcome).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(pins.entries.size).toBe(0);
  });

  it("refuses an opening whose amounts were edited (the leaf is then not in the tree)", async () => {
    const log = await buildLog(4);
    const edited = encodeLeafOpening(summary(2, 999_999), log.entries[2]!.salt);
    const outcome = await verifyTransaction({
      receipt: await log.receiptFor(2, edited),
      keys: keys(),
      expected: { ...expectedFor(2), credit: 999_999 },
      pins: memoryPins(),
      consistency: log.consistency,
    });
    expect(outcome).toMatchObject({ ok: false, reason: "not_included" });
  });

  it("refuses a valid receipt for another entry than the one she tapped", async () => {
    const log = await buildLog(4);
    const outcome = await verifyTransaction({ receipt: await log.receiptFor(1), keys: keys(), expected: expectedFor(2), pins: memoryPins(), consistency: log.consistency });
    expect(outcome).toMatchObject({ ok: false, reason: "wrong_entry" });
  });

  it("catches a rewritten history: a checkpoint that does not extend the pinned one", async () => {
    const pins = memoryPins();
    const original = await buildLog(4);
    await verifyTransaction({ receipt: await original.receiptFor(3), keys: keys(), expected: expectedFor(3), pins, consistency: original.consistency });
    const rewritten = await buildLog(6, { variant: 1 });
    const outcome = await verifyTransaction({ receipt: await rewritten.receiptFor(5), keys: keys(), expected: expectedFor(5), pins, consistency: rewritten.consistency });
    expect(outcome).toMatchObject({ ok: false, reason: "history_changed" });
    // Same size, other root: caught without a proof.
    const sameSize = await buildLog(4, { variant: 2 });
    const again = await verifyTransaction({ receipt: await sameSize.receiptFor(3), keys: keys(), expected: expectedFor(3), pins, consistency: sameSize.consistency });
    expect(again).toMatchObject({ ok: false, reason: "history_changed" });
  });

  it("refuses when a known witness's key changed, and says so when history cannot be checked", async () => {
    const pins = memoryPins();
    const log = await buildLog(4);
    await verifyTransaction({ receipt: await log.receiptFor(0), keys: keys(), expected: expectedFor(0), pins, consistency: log.consistency });
    const otherWitness = generateSignerKey(witness.name, "cosignature/v1", seed(7));
    const swapped = { ...keys(), witnesses: [{ name: witness.name, verifierKey: encodeVerifierKey(otherWitness) }] };
    expect(await verifyTransaction({ receipt: await log.receiptFor(1), keys: swapped, expected: expectedFor(1), pins, consistency: log.consistency })).toMatchObject({
      ok: false,
      reason: "witness_key_changed",
    });
    const bigger = await buildLog(6);
    const offline = async () => {
      throw new Error("no network");
    };
    expect(await verifyTransaction({ receipt: await bigger.receiptFor(5), keys: keys(), expected: expectedFor(5), pins, consistency: offline })).toMatchObject({
      ok: false,
      reason: "history_unchecked",
    });
  });

  it("refuses garbage as malformed", async () => {
    const log = await buildLog(2);
    const outcome = await verifyTransaction({ receipt: { entryId: "x", receipt: "bukan tanda terima" }, keys: keys(), expected: expectedFor(0), pins: memoryPins(), consistency: log.consistency });
    expect(outcome).toMatchObject({ ok: false, reason: "malformed" });
  });
});
