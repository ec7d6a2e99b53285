import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { utf8 } from "./bytes.js";
import { openCheckpoint, signCheckpoint } from "./checkpoint.js";
import { encodeVerifierKey, generateSignerKey, verifierKeyOf } from "./keys.js";
import { consistencyProofFromLeafHashes, emptyRoot, leafHash, rootFromLeafHashes } from "./merkle.js";
import { parseNote } from "./note.js";
import {
  MAX_WITNESS_PROOF_LINES,
  acceptCosignatures,
  cosignatureLines,
  decideAddCheckpoint,
  formatAddCheckpointRequest,
  formatTlogSize,
  parseAddCheckpointRequest,
  parseTlogSize,
  type AddCheckpointDecision,
  type WitnessState,
  type WitnessedLog,
} from "./witness.js";
import { codeOf, seed } from "../test/support.js";

const ORIGIN = "koperasi-pintar.example/k/0b7e1a52";
const logKey = generateSignerKey(ORIGIN, "ed25519", seed(1));
const otherLogKey = generateSignerKey(ORIGIN, "ed25519", seed(9));
const witnessKey = generateSignerKey("saksi.example/w1", "cosignature/v1", seed(2));
const strangerWitness = generateSignerKey("lain.example/w", "cosignature/v1", seed(3));
const LOG: WitnessedLog = { origin: ORIGIN, keys: [encodeVerifierKey(logKey)] };

const leaves = Array.from({ length: 20 }, (_, i) => leafHash(utf8(`entri ${i}`)));
const forkLeaves = leaves.map((h, i) => (i === 3 ? leafHash(utf8("entri palsu")) : h));
const rootAt = (n: number, from = leaves) => rootFromLeafHashes(from.slice(0, n));
const proofBetween = (m: number, n: number, from = leaves) => (m === 0 || m === n ? [] : consistencyProofFromLeafHashes(from.slice(0, n), m));
const signedAt = (n: number, from = leaves, key = logKey) => signCheckpoint({ origin: ORIGIN, size: n, rootHash: rootAt(n, from) }, key);
const state = (n: number, from = leaves): WitnessState => ({ size: n, rootHash: rootAt(n, from) });

function body(oldSize: number, size: number, opts: { from?: typeof leaves; proof?: Uint8Array[]; note?: string } = {}): string {
  const from = opts.from ?? leaves;
  return formatAddCheckpointRequest({
    oldSize,
    proof: opts.proof ?? proofBetween(oldSize, size, from),
    signedCheckpoint: opts.note ?? signedAt(size, from),
  });
}

function decide(text: string, known: WitnessState | undefined, log: WitnessedLog | undefined = LOG): AddCheckpointDecision {
  return decideAddCheckpoint(parseAddCheckpointRequest(text), log, known);
}

function refusal(decision: AddCheckpointDecision) {
  return decision.ok ? "cosign" : { refusal: decision.refusal, status: decision.status, knownSize: decision.knownSize };
}

describe("add-checkpoint request body", () => {
  it("parses the spec's example", () => {
    const example = [
      "old 20852014",
      "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=",
      "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=",
      "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=",
      "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=",
      "",
      "example.com/behind-the-sofa",
      "20852163",
      "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=",
      "",
      "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=",
      "— example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=",
      "",
    ].join("\n");
    const parsed = parseAddCheckpointRequest(utf8(example));
    expect(parsed.oldSize).toBe(20852014);
    expect(parsed.proof.map(encodeBase64)).toEqual(example.split("\n").slice(1, 5));
    expect(parsed.checkpoint).toEqual({
      origin: "example.com/behind-the-sofa",
      size: 20852163,
      rootHash: decodeBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="),
    });
    expect(parseNote(parsed.signedCheckpoint).signatures).toHaveLength(2);
  });

  it("formats what it parses, with and without a proof", () => {
    for (const [m, n] of [
      [0, 5],
      [5, 5],
      [3, 17],
    ] as const) {
      const text = body(m, n);
      const parsed = parseAddCheckpointRequest(text);
      expect(parsed.oldSize).toBe(m);
      expect(parsed.proof).toEqual(proofBetween(m, n));
      expect(parsed.signedCheckpoint).toBe(signedAt(n));
      expect(formatAddCheckpointRequest(parsed)).toBe(text);
    }
    expect(body(0, 5).startsWith(`old 0\n\n${ORIGIN}\n5\n`)).toBe(true);
  });

  it("refuses every malformed body as malformed-witness-request", () => {
    const note = signedAt(5);
    const hash = encodeBase64(leaves[0]!);
    const bad: [string, string | Uint8Array][] = [
      ["empty", ""],
      ["no newline", "old 0"],
      ["no old line", `\n${note}`],
      ["wrong keyword", `new 0\n\n${note}`],
      ["leading zero", `old 01\n\n${note}`],
      ["negative", `old -1\n\n${note}`],
      ["fraction", `old 1.5\n\n${note}`],
      ["two spaces", `old  1\n\n${note}`],
      ["beyond 2^53", `old 18446744073709551615\n\n${note}`],
      ["CRLF", `old 0\r\n\r\n${note}`],
      ["no empty line", `old 0\n${hash}\n`],
      ["proof line not base64", `old 3\n!!!!\n\n${note}`],
      ["proof line short", `old 3\n${encodeBase64(leaves[0]!.slice(1))}\n\n${note}`],
      ["too many proof lines", `old 3\n${`${hash}\n`.repeat(MAX_WITNESS_PROOF_LINES + 1)}\n${note}`],
      ["note without signatures", `old 0\n\n${ORIGIN}\n5\n${encodeBase64(rootAt(5))}\n`],
      ["checkpoint body malformed", `old 0\n\n${ORIGIN}\n05\n${encodeBase64(rootAt(5))}\n\n${note.split("\n\n")[1]}`],
      ["invalid UTF-8", new Uint8Array([0x6f, 0x6c, 0x64, 0x20, 0x30, 0x0a, 0x0a, 0xff, 0x0a])],
    ];
    for (const [name, text] of bad) expect(codeOf(() => parseAddCheckpointRequest(text)), name).toBe("malformed-witness-request");
    // 63 lines are allowed.
    expect(parseAddCheckpointRequest(`old 3\n${`${hash}\n`.repeat(MAX_WITNESS_PROOF_LINES)}\n${note}`).proof).toHaveLength(63);
  });

  it("refuses to format an impossible request", () => {
    const note = signedAt(5);
    expect(codeOf(() => formatAddCheckpointRequest({ oldSize: -1, proof: [], signedCheckpoint: note }))).toBe("invalid-argument");
    expect(codeOf(() => formatAddCheckpointRequest({ oldSize: 1, proof: [new Uint8Array(31)], signedCheckpoint: note }))).toBe("bad-hash-size");
    expect(codeOf(() => formatAddCheckpointRequest({ oldSize: 1, proof: Array(64).fill(leaves[0]), signedCheckpoint: note }))).toBe(
      "invalid-argument",
    );
    expect(codeOf(() => formatAddCheckpointRequest({ oldSize: 0, proof: [], signedCheckpoint: "bukan catatan\n" }))).toBe("malformed-note");
  });
});

describe("the witness's decision", () => {
  it("cosigns a first checkpoint from old size 0 and stores its size and root", () => {
    const d = decide(body(0, 5), undefined);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.advances).toBe(true);
    expect(d.next).toEqual(state(5));
    expect(d.checkpoint.size).toBe(5);
    expect(d.text).toBe(parseNote(signedAt(5)).text);
  });

  it("cosigns a larger checkpoint with a valid consistency proof from the stored size", () => {
    for (const [m, n] of [
      [1, 2],
      [4, 8],
      [5, 17],
      [7, 20],
      [16, 20],
    ] as const) {
      const d = decide(body(m, n), state(m));
      expect(d.ok && d.advances && d.next.size === n, `${m} -> ${n}`).toBe(true);
    }
  });

  it("cosigns a replay of the stored checkpoint again without moving its state", () => {
    const d = decide(body(5, 5), state(5));
    expect(d.ok).toBe(true);
    if (d.ok) expect(d.advances).toBe(false);
    // Even the very first state, size 0, replays.
    const empty = decide(body(0, 0), { size: 0, rootHash: emptyRoot() });
    expect(empty.ok && !empty.advances).toBe(true);
  });

  it("ignores signatures from unknown keys next to the log's", () => {
    const note = `${signedAt(5)}${cosignatureLines(parseNote(signedAt(5)).text, [strangerWitness], 1)}`;
    expect(decide(body(0, 5, { note }), undefined).ok).toBe(true);
  });

  it("404: an origin the witness does not know", () => {
    expect(refusal(decideAddCheckpoint(parseAddCheckpointRequest(body(0, 5)), undefined, undefined))).toEqual({ refusal: "unknown-origin", status: 404, knownSize: undefined });
    const elsewhere: WitnessedLog = { origin: "lain.example/log", keys: LOG.keys };
    expect(refusal(decide(body(0, 5), undefined, elsewhere))).toMatchObject({ refusal: "unknown-origin", status: 404 });
  });

  it("403: no signature by a trusted key, or a trusted key's signature that fails", () => {
    expect(refusal(decide(body(0, 5, { note: signedAt(5, leaves, otherLogKey) }), undefined))).toMatchObject({
      refusal: "untrusted-signature",
      status: 403,
    });
    // The log's signature over other bytes: the text says 6 but was signed as 5.
    const note = signedAt(5).replace(`\n5\n`, `\n6\n`);
    expect(refusal(decide(`old 0\n\n${note}`, undefined))).toMatchObject({ refusal: "untrusted-signature", status: 403 });
    // Trusting the witness's key instead of the log's is no trust at all.
    const wrongKeys: WitnessedLog = { origin: ORIGIN, keys: [verifierKeyOf(witnessKey)] };
    expect(refusal(decide(body(0, 5), undefined, wrongKeys))).toMatchObject({ status: 403 });
  });

  it("400: an old size beyond the checkpoint size (a request to roll back)", () => {
    const rollback = formatAddCheckpointRequest({ oldSize: 8, proof: [], signedCheckpoint: signedAt(5) });
    expect(refusal(decide(rollback, state(8)))).toEqual({ refusal: "old-size-beyond-checkpoint", status: 400, knownSize: undefined });
  });

  it("409 with the stored size: an old size that is not the last cosigned one", () => {
    expect(refusal(decide(body(0, 9), state(5)))).toEqual({ refusal: "size-conflict", status: 409, knownSize: 5 });
    expect(refusal(decide(body(3, 9), state(5)))).toEqual({ refusal: "size-conflict", status: 409, knownSize: 5 });
    expect(refusal(decide(body(3, 9), undefined))).toEqual({ refusal: "size-conflict", status: 409, knownSize: 0 });
    // An older checkpoint with its own proof cannot roll the witness back either.
    expect(refusal(decide(body(3, 5), state(8)))).toEqual({ refusal: "size-conflict", status: 409, knownSize: 8 });
  });

  it("409: the stored size with another root (a fork at the same size)", () => {
    expect(refusal(decide(body(5, 5, { from: forkLeaves }), state(5)))).toEqual({ refusal: "root-conflict", status: 409, knownSize: 5 });
  });

  it("422: a consistency proof that does not verify", () => {
    // A fork: a history that changed entry 3, with its own correct-looking proof.
    expect(refusal(decide(body(5, 9, { from: forkLeaves }), state(5)))).toMatchObject({ refusal: "invalid-proof", status: 422 });
    // A tampered proof, a proof for other sizes, a missing proof.
    const tampered = proofBetween(5, 9).map((h, i) => (i === 0 ? leafHash(h) : h));
    expect(refusal(decide(body(5, 9, { proof: tampered }), state(5)))).toMatchObject({ status: 422 });
    expect(refusal(decide(body(5, 9, { proof: proofBetween(4, 9) }), state(5)))).toMatchObject({ status: 422 });
    expect(refusal(decide(body(5, 9, { proof: [] }), state(5)))).toMatchObject({ status: 422 });
    // Proofs where none belongs.
    expect(refusal(decide(body(0, 9, { proof: [leaves[0]!] }), undefined))).toMatchObject({ status: 422 });
    expect(refusal(decide(body(5, 5, { proof: [leaves[0]!] }), state(5)))).toMatchObject({ status: 422 });
    // A size-0 checkpoint whose root is not the empty tree's.
    const falseEmpty = signCheckpoint({ origin: ORIGIN, size: 0, rootHash: leaves[0]! }, logKey);
    expect(refusal(decide(body(0, 0, { note: falseEmpty }), undefined))).toMatchObject({ refusal: "invalid-proof", status: 422 });
  });

  it("a client that starts at 0 learns the size from the 409 and then gets its cosignature", () => {
    let known: WitnessState | undefined = state(7);
    const first = decide(body(0, 12), known);
    expect(first.ok).toBe(false);
    const size = parseTlogSize(formatTlogSize(first.ok ? -1 : (first.knownSize ?? -1)));
    const second = decide(body(size, 12), known);
    expect(second.ok).toBe(true);
    if (second.ok) known = second.next;
    expect(known).toEqual(state(12));
  });
});

describe("cosignatures in the answer", () => {
  const text = parseNote(signedAt(5)).text;

  it("signs one cosignature/v1 line per witness key that verifies on the checkpoint", () => {
    const lines = cosignatureLines(text, [witnessKey], 1_764_300_000);
    expect(lines).toMatch(/^— saksi\.example\/w1 [A-Za-z0-9+/]+=*\n$/);
    const opened = openCheckpoint(`${signedAt(5)}${lines}`, { log: verifierKeyOf(logKey), witnesses: [verifierKeyOf(witnessKey)], witnessQuorum: 1 });
    expect(opened.cosignatures).toEqual([{ key: verifierKeyOf(witnessKey), timestamp: 1_764_300_000 }]);
    expect(cosignatureLines(text, [witnessKey, strangerWitness], 1).split("\n")).toHaveLength(3);
    expect(codeOf(() => cosignatureLines(text, [logKey], 1))).toBe("invalid-argument");
    expect(codeOf(() => cosignatureLines(text, [], 1))).toBe("invalid-argument");
  });

  it("the client keeps lines from its trusted witness keys and ignores others", () => {
    const body = cosignatureLines(text, [strangerWitness, witnessKey], 7);
    const accepted = acceptCosignatures(signedAt(5), body, [encodeVerifierKey(witnessKey)]);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.line).toBe(body.split("\n")[1] + "\n");
    expect(accepted[0]!.signature.timestamp).toBe(7);
    expect(acceptCosignatures(signedAt(5), cosignatureLines(text, [strangerWitness], 7), [witnessKey])).toEqual([]);
  });

  it("the client refuses a trusted key's bad line and a body that is not signature lines", () => {
    // A cosignature on checkpoint 5 returned for checkpoint 6.
    expect(codeOf(() => acceptCosignatures(signedAt(6), cosignatureLines(text, [witnessKey], 7), [witnessKey]))).toBe("invalid-signature");
    expect(codeOf(() => acceptCosignatures(signedAt(5), "", [witnessKey]))).toBe("malformed-witness-response");
    expect(codeOf(() => acceptCosignatures(signedAt(5), "OK\n", [witnessKey]))).toBe("malformed-witness-response");
    expect(codeOf(() => acceptCosignatures(signedAt(5), cosignatureLines(text, [witnessKey], 7).slice(0, -1), [witnessKey]))).toBe(
      "malformed-witness-response",
    );
  });

  it("reads and writes the 409 size body", () => {
    expect(formatTlogSize(20852014)).toBe("20852014\n");
    expect(parseTlogSize("0\n")).toBe(0);
    for (const bad of ["", "5", "05\n", "-1\n", "5 \n", "x\n"]) expect(codeOf(() => parseTlogSize(bad)), bad).toBe("malformed-witness-response");
  });
});
