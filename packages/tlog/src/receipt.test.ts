import { describe, expect, it } from "vitest";
import { encodeBase64 } from "./base64.js";
import { cosignCheckpoint, signCheckpoint, type TrustPolicy } from "./checkpoint.js";
import { encodeVerifierKey, generateSignerKey, verifierKeyOf } from "./keys.js";
import { encodeLeafOpening, leafData, type EntrySummary } from "./leaf.js";
import { leafHash } from "./merkle.js";
import { inclusionProof } from "./proofs.js";
import { RECEIPT_HEADER, encodeReceipt, parseReceipt, verifyEntryReceipt, verifyReceipt } from "./receipt.js";
import { MemoryHashStore, appendLeaves } from "./store.js";
import { codeOf, seed } from "../test/support.js";


const ORIGIN = "koperasi-pintar.example/k/0b7e1a52";
const logKey = generateSignerKey(ORIGIN, "ed25519", seed(1));
const witnesses = [2, 3, 4].map((n) => generateSignerKey(`witness-${n}.example`, "cosignature/v1", seed(n)));

function entry(i: number): EntrySummary {
  const hex = i.toString(16).padStart(12, "0");
  return {
    koperasiId: "0b7e1a52-3c4d-4e5f-8a9b-1c2d3e4f5a6b",
    entryId: `6f1c2d3e-4a5b-4c6d-9e8f-${hex}`,
    voucherNo: `BKM/2026/${String(i).padStart(6, "0")}`,
    businessDate: "2026-01-15",
    postedAt: new Date(Date.UTC(2026, 0, 15, 3, 4, 5) + i).toISOString(),
    lines: [
      { accountCode: "1-1100", debit: 1000 * (i + 1), credit: 0 },
      { accountCode: "2-1100", memberAccountId: `9a8b7c6d-5e4f-4a3b-8c2d-${hex}`, debit: 0, credit: 1000 * (i + 1) },
    ],
  };
}

/** A small log of entries with a checkpoint cosigned by two of three witnesses. */
async function buildLog(n: number) {
  const store = new MemoryHashStore();
  const entries = Array.from({ length: n }, (_, i) => ({ summary: entry(i), salt: seed(100 + i) }));
  const leaves = entries.map((e) => leafData(e.summary, e.salt));
  const appended = await appendLeaves(store, 0, leaves.map(leafHash));
  await store.putNodes(appended.nodes);
  const signed = signCheckpoint({ origin: ORIGIN, size: appended.size, rootHash: appended.root }, logKey);
  const checkpoint = cosignCheckpoint(cosignCheckpoint(signed, witnesses[0]!, 1768446245), witnesses[1]!, 1768446246);
  return { store, entries, leaves, checkpoint, size: appended.size };
}

const policy = (quorum: number): TrustPolicy => ({
  log: encodeVerifierKey(logKey),
  witnesses: witnesses.map(verifierKeyOf),
  witnessQuorum: quorum,
});

describe("tlog-proof receipts", () => {
  it("follow the c2sp.org/tlog-proof layout and round-trip", async () => {
    const log = await buildLog(11);
    const proof = await inclusionProof(log.store, 6, log.size);
    const text = encodeReceipt({ index: 6, proof, checkpoint: log.checkpoint, extra: new Uint8Array([1, 2, 3]) });
    const lines = text.split("\n");
    expect(lines[0]).toBe(RECEIPT_HEADER);
    expect(lines[1]).toBe("extra AQID");
    expect(lines[2]).toBe("index 6");
    expect(lines.slice(3, 3 + proof.length)).toEqual(proof.map(encodeBase64));
    expect(lines[3 + proof.length]).toBe("");
    expect(text.endsWith(log.checkpoint)).toBe(true);
    expect(parseReceipt(text)).toEqual({ index: 6, proof, checkpoint: log.checkpoint, extra: new Uint8Array([1, 2, 3]) });
    const plain = encodeReceipt({ index: 0, proof: [], checkpoint: log.checkpoint });
    expect(plain.startsWith(`${RECEIPT_HEADER}\nindex 0\n\n`)).toBe(true);
    expect(parseReceipt(plain)).toEqual({ index: 0, proof: [], checkpoint: log.checkpoint });
  });

  it("verify for every entry, by leaf data, leaf hash or the opening they carry", async () => {
    const log = await buildLog(11);
    for (let i = 0; i < log.size; i++) {
      const { summary, salt } = log.entries[i]!;
      const receipt = encodeReceipt({
        index: i,
        proof: await inclusionProof(log.store, i, log.size),
        checkpoint: log.checkpoint,
        extra: encodeLeafOpening(summary, salt),
      });
      expect(receipt.length).toBeLessThan(1500); // Fits a QR code (version 40 holds 2953 bytes).
      expect(verifyReceipt({ receipt, leafData: log.leaves[i]!, policy: policy(2) }).index).toBe(i);
      expect(verifyReceipt({ receipt, leafHash: leafHash(log.leaves[i]!), policy: policy(0) }).checkpoint.checkpoint.size).toBe(11);
      const opened = verifyEntryReceipt({ receipt, policy: policy(1) });
      expect(opened.summary).toEqual(summary);
      expect(opened.salt).toEqual(salt);
      expect(codeOf(() => verifyReceipt({ receipt, leafData: log.leaves[(i + 1) % 11]!, policy: policy(0) }))).toBe("root-mismatch");
    }
  });

  it("fail on a wrong index, a short proof, a forged checkpoint or an unmet witness policy", async () => {
    const log = await buildLog(11);
    const proof = await inclusionProof(log.store, 4, log.size);
    const good = { index: 4, proof, checkpoint: log.checkpoint };
    const leaf = { leafData: log.leaves[4]! };
    expect(codeOf(() => verifyReceipt({ receipt: good, ...leaf, policy: policy(2) }))).toBe("ok");
    expect(codeOf(() => verifyReceipt({ receipt: { ...good, index: 5 }, ...leaf, policy: policy(0) }))).toBe("root-mismatch");
    expect(codeOf(() => verifyReceipt({ receipt: { ...good, index: 11 }, ...leaf, policy: policy(0) }))).toBe("index-out-of-range");
    expect(codeOf(() => verifyReceipt({ receipt: { ...good, proof: proof.slice(1) }, ...leaf, policy: policy(0) }))).toBe("wrong-proof-size");
    const forged = { ...good, checkpoint: log.checkpoint.replace("\n11\n", "\n12\n") };
    expect(codeOf(() => verifyReceipt({ receipt: forged, ...leaf, policy: policy(0) }))).toBe("invalid-signature");
    expect(codeOf(() => verifyReceipt({ receipt: good, ...leaf, policy: policy(3) }))).toBe("witness-quorum");
    const stranger = generateSignerKey(ORIGIN, "ed25519", seed(50));
    expect(codeOf(() => verifyReceipt({ receipt: good, ...leaf, policy: { log: verifierKeyOf(stranger) } }))).toBe("log-signature-missing");
    // A tampered opening recomputes another leaf.
    const opening = encodeLeafOpening({ ...log.entries[4]!.summary, voucherNo: "BKM/2026/999999" }, log.entries[4]!.salt);
    expect(codeOf(() => verifyEntryReceipt({ receipt: { ...good, extra: opening }, policy: policy(0) }))).toBe("root-mismatch");
    expect(codeOf(() => verifyEntryReceipt({ receipt: good, policy: policy(0) }))).toBe("malformed-receipt");
  });

  it("refuse malformed receipts", async () => {
    const log = await buildLog(3);
    const proof = await inclusionProof(log.store, 1, 3);
    const text = encodeReceipt({ index: 1, proof, checkpoint: log.checkpoint });
    const h = encodeBase64(proof[0]!);
    const bad = [
      "",
      text.replace(RECEIPT_HEADER, "c2sp.org/tlog-proof@v2"),
      text.replace("index 1", "index 01"),
      text.replace("index 1", "index -1"),
      text.replace("index 1", "idx 1"),
      text.replace("index 1\n", ""),
      text.replace("index 1", "index 18446744073709551615"),
      text.replace(h, h.slice(4)),
      text.replace(h, "not base64!"),
      text.replace(`${RECEIPT_HEADER}\n`, `${RECEIPT_HEADER}\nextra %%%\n`),
      text.slice(0, text.indexOf("\n\n") + 2),
      `${RECEIPT_HEADER}\nindex 1\n${h}\n`,
      text.replace(/\n$/, ""),
    ];
    for (const b of bad) expect(codeOf(() => parseReceipt(b)), JSON.stringify(b.slice(0, 80))).toBe("malformed-receipt");
  });
});
