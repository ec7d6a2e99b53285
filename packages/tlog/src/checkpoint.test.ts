import { describe, expect, it } from "vitest";
import { decodeBase64 } from "./base64.js";
import { fromUtf8 } from "./bytes.js";
import { cosignCheckpoint, formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint, type TrustPolicy } from "./checkpoint.js";
import { COSIGNATURE_V1_SIZE, cosignatureMessage, parseCosignature, signCosignature, verifyCosignature } from "./cosignature.js";
import { encodeVerifierKey, generateSignerKey, verifierKeyOf } from "./keys.js";
import { emptyRoot, leafHash } from "./merkle.js";
import { formatNote, parseNote, verifyNote } from "./note.js";
import { codeOf, seed } from "../test/support.js";


const ORIGIN = "koperasi-pintar.example/k/0b7e1a52";
const logKey = generateSignerKey(ORIGIN, "ed25519", seed(1));
const w1 = generateSignerKey("witness-1.example", "cosignature/v1", seed(2));
const w2 = generateSignerKey("witness-2.example", "cosignature/v1", seed(3));
const w3 = generateSignerKey("witness-3.example", "cosignature/v1", seed(4));
const root = leafHash(new Uint8Array([1, 2, 3]));

describe("tlog-checkpoint body", () => {
  it("formats and parses the three mandatory lines and extensions", () => {
    const text = formatCheckpoint({ origin: ORIGIN, size: 20852163, rootHash: root });
    expect(text.split("\n")).toEqual([ORIGIN, "20852163", expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/), ""]);
    expect(parseCheckpoint(text)).toEqual({ origin: ORIGIN, size: 20852163, rootHash: root });
    const withExt = formatCheckpoint({ origin: ORIGIN, size: 0, rootHash: emptyRoot(), extensions: ["ext one", "ext two"] });
    expect(parseCheckpoint(withExt)).toEqual({ origin: ORIGIN, size: 0, rootHash: emptyRoot(), extensions: ["ext one", "ext two"] });
  });

  it("parses the spec's example body", () => {
    const cp = parseCheckpoint("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
    expect(cp.origin).toBe("example.com/behind-the-sofa");
    expect(cp.size).toBe(20852163);
    expect(cp.rootHash).toEqual(decodeBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
  });

  it("refuses malformed bodies", () => {
    const r = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
    for (const bad of [
      "",
      "o\n1\n",
      `o\n1\n${r}`,
      `\n1\n${r}\n`,
      `o\n01\n${r}\n`,
      `o\n-1\n${r}\n`,
      `o\n1.0\n${r}\n`,
      `o\n 1\n${r}\n`,
      `o\n18446744073709551615\n${r}\n`,
      `o\n1\nAAAA\n`,
      `o\n1\n${r.slice(1)}\n`,
      `o\n1\n${r}\n\n`,
      `o\n1\n${r}\next\n\n`,
    ]) {
      expect(codeOf(() => parseCheckpoint(bad)), JSON.stringify(bad)).toBe("malformed-checkpoint");
    }
    expect(codeOf(() => formatCheckpoint({ origin: "", size: 1, rootHash: root }))).toBe("malformed-checkpoint");
    expect(codeOf(() => formatCheckpoint({ origin: "o", size: 1.5, rootHash: root }))).toBe("malformed-checkpoint");
    expect(codeOf(() => formatCheckpoint({ origin: "o", size: 1, rootHash: root.slice(1) }))).toBe("malformed-checkpoint");
    expect(codeOf(() => formatCheckpoint({ origin: "o", size: 1, rootHash: root, extensions: [""] }))).toBe("malformed-checkpoint");
  });
});

describe("cosignature/v1", () => {
  const body = formatCheckpoint({ origin: "example.com/behind-the-sofa", size: 20852163, rootHash: decodeBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=") });

  it("signs the spec's message: header line, time line, checkpoint body", () => {
    expect(fromUtf8(cosignatureMessage(body, 1679315147))).toBe(
      "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
    );
    const sig = signCosignature(w1, body, 1679315147);
    expect(sig).toHaveLength(COSIGNATURE_V1_SIZE);
    expect([...sig.slice(0, 8)]).toEqual([0, 0, 0, 0, 0x64, 0x18, 0x50, 0xcb]);
    expect(verifyCosignature(verifierKeyOf(w1), body, sig)).toBe(1679315147);
    expect(verifyCosignature(verifierKeyOf(w1), body.replace("20852163", "20852164"), sig)).toBeNull();
    expect(verifyCosignature(verifierKeyOf(w2), body, sig)).toBeNull();
    // Changing the timestamp invalidates the signature: it is signed too.
    const moved = Uint8Array.from(sig);
    moved[7] = moved[7]! ^ 1;
    expect(verifyCosignature(verifierKeyOf(w1), body, moved)).toBeNull();
  });

  it("reads the timestamp of a cosignature made by Go (transparency-dev/formats test data)", () => {
    const bytes = decodeBase64("ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==");
    expect(parseCosignature(bytes.slice(4)).timestamp).toBe(1727964367);
    expect(codeOf(() => parseCosignature(bytes.slice(5)))).toBe("malformed-cosignature");
  });

  it("is a note signature with key id || timestamp || signature, distinct from a plain signature", () => {
    const cosigned = cosignCheckpoint(signCheckpoint({ origin: ORIGIN, size: 5, rootHash: root }, logKey), w1, 1700000000);
    const line = parseNote(cosigned).signatures.find((s) => s.name === w1.name)!;
    expect(line.keyId).toBe(w1.keyId);
    expect(line.signature).toHaveLength(72);
    const verified = verifyNote(cosigned, [encodeVerifierKey(w1)]);
    expect(verified.verified[0]!.timestamp).toBe(1700000000);
    // The same key pair as a plain ed25519 key has another key id, so the
    // cosignature is simply unknown to it.
    const plain = generateSignerKey(w1.name, "ed25519", w1.seed);
    expect(plain.keyId).not.toBe(w1.keyId);
    expect(codeOf(() => verifyNote(cosigned, [verifierKeyOf(plain)]))).toBe("unverified-note");
  });
});

describe("signed checkpoints under a trust policy", () => {
  const cp = { origin: ORIGIN, size: 42, rootHash: root };
  const signed = signCheckpoint(cp, logKey);
  const cosigned = [w1, w2].reduce((note, w, i) => cosignCheckpoint(note, w, 1700000000 + i), signed);
  const policy = (quorum: number, extra: Partial<TrustPolicy> = {}): TrustPolicy => ({
    log: encodeVerifierKey(logKey),
    witnesses: [w1, w2, w3].map(verifierKeyOf),
    witnessQuorum: quorum,
    ...extra,
  });

  it("opens with the log signature and counts witness cosignatures", () => {
    const opened = openCheckpoint(signed, { log: verifierKeyOf(logKey) });
    expect(opened.checkpoint).toEqual(cp);
    expect(opened.cosignatures).toEqual([]);
    const withWitnesses = openCheckpoint(cosigned, policy(2));
    expect(withWitnesses.cosignatures.map((c) => [c.key.name, c.timestamp])).toEqual([
      ["witness-1.example", 1700000000],
      ["witness-2.example", 1700000001],
    ]);
    expect(codeOf(() => openCheckpoint(cosigned, policy(3)))).toBe("witness-quorum");
    expect(codeOf(() => openCheckpoint(signed, policy(1)))).toBe("witness-quorum");
    expect(codeOf(() => openCheckpoint(cosigned, policy(4)))).toBe("invalid-argument");
  });

  it("requires the log's own signature, whatever the witnesses say", () => {
    const onlyWitnesses = formatNote({
      text: parseNote(cosigned).text,
      signatures: parseNote(cosigned).signatures.filter((s) => s.name !== ORIGIN),
    });
    expect(codeOf(() => openCheckpoint(onlyWitnesses, policy(2)))).toBe("log-signature-missing");
    const otherLog = generateSignerKey(ORIGIN, "ed25519", seed(9));
    expect(codeOf(() => openCheckpoint(signed, { log: verifierKeyOf(otherLog) }))).toBe("log-signature-missing");
  });

  it("checks the origin", () => {
    expect(codeOf(() => openCheckpoint(signed, { log: verifierKeyOf(logKey), origin: "another.example/log" }))).toBe("origin-mismatch");
    const renamed = generateSignerKey("signer.example", "ed25519", seed(5));
    const note = signCheckpoint(cp, renamed);
    expect(codeOf(() => openCheckpoint(note, { log: verifierKeyOf(renamed) }))).toBe("origin-mismatch");
    expect(openCheckpoint(note, { log: verifierKeyOf(renamed), origin: ORIGIN }).checkpoint.size).toBe(42);
  });

  it("rejects a forged checkpoint and a bad cosignature", () => {
    const forged = cosigned.replace("\n42\n", "\n43\n");
    expect(codeOf(() => openCheckpoint(forged, policy(0)))).toBe("invalid-signature");
    const n = parseNote(cosigned);
    const badWitness = formatNote({
      text: n.text,
      signatures: n.signatures.map((s) => (s.name === w2.name ? { ...s, signature: s.signature.map((b, i) => (i === 70 ? b ^ 1 : b)) } : s)),
    });
    expect(codeOf(() => openCheckpoint(badWitness, policy(1)))).toBe("invalid-signature");
  });

  it("cosigns only checkpoints, with cosigner keys", () => {
    expect(codeOf(() => cosignCheckpoint(signed, logKey, 1))).toBe("invalid-argument");
    expect(codeOf(() => signCheckpoint(cp, w1))).toBe("invalid-argument");
    const notACheckpoint = formatNote({ text: "hello\n", signatures: parseNote(signed).signatures });
    expect(codeOf(() => cosignCheckpoint(notACheckpoint, w1, 1))).toBe("malformed-checkpoint");
  });
});
