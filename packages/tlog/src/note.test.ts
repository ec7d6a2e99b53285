import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "./base64.js";
import {
  computeKeyId,
  encodeSignerKey,
  encodeVerifierKey,
  generateSignerKey,
  parseSignerKey,
  parseVerifierKey,
  verifierKeyOf,
} from "./keys.js";
import { addSignatures, formatNote, parseNote, signNote, verifyNote } from "./note.js";
import { codeOf, seed, vectorsDir } from "../test/support.js";

interface NoteVector {
  vkey: string;
  note: string;
  text: string;
  valid: boolean;
}



describe("C2SP signed-note vector (testdata/signed-note)", () => {
  const vector = JSON.parse(readFileSync(join(vectorsDir("signed-note"), "c2sp-signed-note.json"), "utf8")) as NoteVector;

  it("verifies the spec's example note with its vkey", () => {
    const key = parseVerifierKey(vector.vkey);
    expect(key.name).toBe("example.com/foo");
    expect(key.keyId).toBe(0x530d903a);
    expect(encodeVerifierKey(key)).toBe(vector.vkey);
    const verified = verifyNote(vector.note, [vector.vkey]);
    expect(vector.valid).toBe(true);
    expect(verified.text).toBe(vector.text);
    expect(verified.verified.map((s) => s.name)).toEqual(["example.com/foo"]);
  });

  it("rejects the example once its text is altered", () => {
    const altered = vector.note.replace("example message", "exemplary message");
    expect(codeOf(() => verifyNote(altered, [vector.vkey]))).toBe("invalid-signature");
  });
});

describe("keys", () => {
  // From the Go golang.org/x/mod/sumdb/note documentation: the same key pair
  // and signature reproduced byte for byte (Ed25519 is deterministic).
  const goSkey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  const goVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  const goText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  const goSig = "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

  it("interoperates with Go's sumdb/note key and signature forms", () => {
    const signer = parseSignerKey(goSkey);
    expect(encodeSignerKey(signer)).toBe(goSkey);
    expect(encodeVerifierKey(signer)).toBe(goVkey);
    expect(signNote(goText, [signer])).toBe(`${goText}\n\u2014 PeterNeumann ${goSig}\n`);
    expect(verifyNote(`${goText}\n\u2014 PeterNeumann ${goSig}\n`, [goVkey]).verified).toHaveLength(1);
  });

  it("parses vkeys whose base64 contains '+' and cosignature/v1 vkeys (type 0x04)", () => {
    // Both from transparency-dev/formats note tests.
    const plain = parseVerifierKey("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6");
    expect(plain.type).toBe("ed25519");
    const witness = parseVerifierKey("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
    expect(witness.type).toBe("cosignature/v1");
    expect(witness.keyId).toBe(0xda77ade7);
    expect(computeKeyId(witness.name, "cosignature/v1", witness.publicKey)).toBe(0xda77ade7);
    expect(computeKeyId(witness.name, "ed25519", witness.publicKey)).not.toBe(0xda77ade7);
  });

  it("round-trips generated keys of both types", () => {
    for (const type of ["ed25519", "cosignature/v1"] as const) {
      const key = generateSignerKey("koperasi.example/log", type, seed(7));
      expect(parseSignerKey(encodeSignerKey(key))).toEqual(key);
      expect(parseVerifierKey(encodeVerifierKey(key))).toEqual(verifierKeyOf(key));
      expect(encodeSignerKey(key).startsWith("PRIVATE+KEY+koperasi.example/log+")).toBe(true);
    }
    expect(generateSignerKey("random").seed).toHaveLength(32);
  });

  it("refuses malformed keys", () => {
    const good = encodeVerifierKey(generateSignerKey("a.example", "ed25519", seed(1)));
    const [name, hash, b64] = good.split("+") as [string, string, string];
    const bad = [
      "",
      "a.example",
      `${name}+${hash}`,
      `+${hash}+${b64}`,
      `${name}+1234567+${b64}`,
      `${name}+zzzzzzzz+${b64}`,
      `${name}+00000000+${b64}`,
      `${name}+${hash}+${b64}x`,
      `${name}+${hash}+${encodeBase64(new Uint8Array([0x02, ...decodeBase64(b64).slice(1)]))}`,
      `${name}+${hash}+${encodeBase64(decodeBase64(b64).slice(0, 20))}`,
      `a b+${hash}+${b64}`,
    ];
    for (const vkey of bad) expect(codeOf(() => parseVerifierKey(vkey)), vkey).toBe("malformed-key");
    expect(codeOf(() => parseSignerKey(good))).toBe("malformed-key");
    expect(codeOf(() => generateSignerKey("has space"))).toBe("malformed-key");
    expect(codeOf(() => generateSignerKey("has+plus"))).toBe("malformed-key");
  });
});

describe("signed notes", () => {
  const alice = generateSignerKey("alice.example", "ed25519", seed(1));
  const bob = generateSignerKey("bob.example", "ed25519", seed(2));
  const text = "hello\n\nwith a blank line inside\n";

  it("signs, parses and verifies notes whose text contains blank lines", () => {
    const note = signNote(text, [alice, bob]);
    const parsed = parseNote(note);
    expect(parsed.text).toBe(text);
    expect(parsed.signatures.map((s) => s.name)).toEqual(["alice.example", "bob.example"]);
    const verified = verifyNote(note, [verifierKeyOf(bob)]);
    expect(verified.text).toBe(text);
    expect(verified.verified.map((s) => s.name)).toEqual(["bob.example"]);
    expect(verified.unverified.map((s) => s.name)).toEqual(["alice.example"]);
    expect(verifyNote(new TextEncoder().encode(note), [verifierKeyOf(alice)]).verified).toHaveLength(1);
  });

  it("ignores unknown keys but needs one known valid signature", () => {
    const note = signNote(text, [alice]);
    expect(codeOf(() => verifyNote(note, [verifierKeyOf(bob)]))).toBe("unverified-note");
    // Same name, different key: unknown, so ignored rather than failed.
    const impostor = generateSignerKey("alice.example", "ed25519", seed(3));
    expect(codeOf(() => verifyNote(note, [verifierKeyOf(impostor)]))).toBe("unverified-note");
    expect(verifyNote(note, [verifierKeyOf(impostor), verifierKeyOf(alice)]).verified).toHaveLength(1);
  });

  it("rejects the whole note when a known key's signature fails", () => {
    const forged = signNote(text, [alice]).replace("hello", "HELLO");
    expect(codeOf(() => verifyNote(forged, [verifierKeyOf(alice)]))).toBe("invalid-signature");
    // A valid second signature does not rescue it.
    const parsed = parseNote(signNote(text, [alice, bob]));
    const broken = parsed.signatures.map((sig) =>
      sig.name === "alice.example" ? { ...sig, signature: sig.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) } : sig,
    );
    const tampered = formatNote({ text, signatures: broken });
    expect(codeOf(() => verifyNote(tampered, [verifierKeyOf(alice), verifierKeyOf(bob)]))).toBe("invalid-signature");
    expect(verifyNote(tampered, [verifierKeyOf(bob)]).verified).toHaveLength(1);
  });

  it("counts a repeated signature once", () => {
    const note = signNote(text, [alice]);
    const line = note.slice(text.length + 1);
    const doubled = note + line;
    expect(verifyNote(doubled, [verifierKeyOf(alice)]).verified).toHaveLength(1);
  });

  it("replaces rather than duplicates a signer's signature when adding signatures", () => {
    const note = addSignatures(signNote(text, [alice]), [bob, alice]);
    expect(parseNote(note).signatures.map((s) => s.name)).toEqual(["bob.example", "alice.example"]);
  });

  it("refuses malformed notes", () => {
    const good = signNote("text\n", [alice]);
    const sigLine = good.slice("text\n\n".length);
    const b64 = sigLine.slice("\u2014 alice.example ".length, -1);
    const cases: [string, string][] = [
      ["no signatures", "text\n"],
      ["no blank line", `text\n${sigLine}`],
      ["missing final newline", good.slice(0, -1)],
      ["hyphen instead of em dash", good.replace("\u2014", "-")],
      ["en dash", good.replace("\u2014", "\u2013")],
      ["no space after dash", good.replace("\u2014 ", "\u2014")],
      ["empty signature", "text\n\n\u2014 alice.example \n"],
      ["no base64", "text\n\n\u2014 alice.example\n"],
      ["bad base64", `text\n\n\u2014 alice.example ${b64.slice(1)}\n`],
      ["signature too short", `text\n\n\u2014 alice.example ${encodeBase64(new Uint8Array(4))}\n`],
      ["name with plus", `text\n\n\u2014 alice+x ${b64}\n`],
      ["empty name", `text\n\n\u2014  ${b64}\n`],
      ["control character", good.replace("text", "te\tt")],
      ["carriage return", good.replace("text\n", "text\r\n")],
      ["too many signatures", `text\n\n${sigLine.repeat(101)}`],
      ["lone surrogate", good.replace("text", "te\ud800t")],
    ];
    for (const [what, note] of cases) expect(codeOf(() => parseNote(note)), what).toBe("malformed-note");
    expect(codeOf(() => parseNote(new Uint8Array([0x74, 0xff, 0x0a, 0x0a])))).toBe("malformed-note");
    expect(codeOf(() => signNote("no newline", [alice]))).toBe("malformed-note");
    expect(parseNote(`text\n\n${sigLine.repeat(16)}`).signatures).toHaveLength(16);
    // A blank line among the signatures makes the lines above it part of the
    // text (the split is at the last blank line), so the signature fails.
    expect(parseNote(`${good}\n${sigLine}`).text).toBe(`text\n\n${sigLine}`);
    expect(codeOf(() => verifyNote(`${good}\n${sigLine}`, [verifierKeyOf(alice)]))).toBe("invalid-signature");
  });
});
