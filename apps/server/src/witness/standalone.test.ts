import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  TLOG_SIZE_CONTENT_TYPE,
  acceptCosignatures,
  consistencyProofFromLeafHashes,
  encodeVerifierKey,
  formatAddCheckpointRequest,
  generateSignerKey,
  leafHash,
  openCheckpoint,
  parseTlogSize,
  rootFromLeafHashes,
  signCheckpoint,
} from "@koperasi/tlog";
import { parseWitnessedLogs, startStandaloneWitness, type RunningWitness } from "./standalone";

const ORIGIN = "koperasi.contoh.id/k/maju-bersama";
const logKey = generateSignerKey(ORIGIN, "ed25519");
const strangerKey = generateSignerKey(ORIGIN, "ed25519");
const leaves = Array.from({ length: 40 }, (_, i) => leafHash(new TextEncoder().encode(`entri ${i}`)));
const forked = leaves.map((h, i) => (i === 2 ? leafHash(new TextEncoder().encode("palsu")) : h));

const signedAt = (n: number, from = leaves, key = logKey) => signCheckpoint({ origin: ORIGIN, size: n, rootHash: rootFromLeafHashes(from.slice(0, n)) }, key);
const request = (oldSize: number, size: number, opts: { from?: typeof leaves; key?: typeof logKey } = {}) =>
  formatAddCheckpointRequest({
    oldSize,
    proof: oldSize === 0 || oldSize === size ? [] : consistencyProofFromLeafHashes((opts.from ?? leaves).slice(0, size), oldSize),
    signedCheckpoint: signedAt(size, opts.from, opts.key),
  });

let dir: string;
let witness: RunningWitness | undefined;

async function start(name?: string): Promise<RunningWitness> {
  witness = await startStandaloneWitness({
    dir,
    name,
    logs: parseWitnessedLogs(`# koperasi yang disaksikan\n${encodeVerifierKey(logKey)}\n`),
    host: "127.0.0.1",
    port: 0,
    logger: false,
  });
  return witness;
}

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${witness!.url}/add-checkpoint`, { method: "POST", body, headers });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "koperasi-saksi-"));
});

afterEach(async () => {
  await witness?.close();
  witness = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe("koperasi witness (standalone)", () => {
  it("makes its key on first start (owner-only) and keeps it across restarts", async () => {
    const first = await start("saksi.dinkop.contoh.id");
    expect(first.key.name).toBe("saksi.dinkop.contoh.id");
    expect(first.verifierKey).toMatch(/^saksi\.dinkop\.contoh\.id\+[0-9a-f]{8}\+/);
    expect(statSync(join(dir, "witness.key")).mode & 0o777).toBe(0o600);
    const info = (await (await fetch(`${first.url}/`)).json()) as { verifierKey: string; logs: string[] };
    expect(info).toEqual({ name: "saksi.dinkop.contoh.id", verifierKey: first.verifierKey, logs: [ORIGIN] });
    await first.close();
    witness = undefined;
    expect((await start()).verifierKey).toBe(first.verifierKey);
    await witness!.close();
    witness = undefined;
    await expect(start("nama-lain")).rejects.toThrow(/bukan nama-lain/);
  });

  it("refuses a second process on the same directory", async () => {
    await start();
    await expect(startStandaloneWitness({ dir, logs: [], host: "127.0.0.1", port: 0, logger: false })).rejects.toThrow(/dipakai proses lain/);
  });

  it("cosigns, cosigns a replay again, and remembers its state across a restart", async () => {
    await start();
    const first = await post(request(0, 5), { "content-type": "text/plain" });
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/plain/);
    const lines = acceptCosignatures(signedAt(5), first.text, [witness!.verifierKey]);
    expect(lines).toHaveLength(1);
    const opened = openCheckpoint(`${signedAt(5)}${first.text}`, { log: logKey, witnesses: [witness!.verifierKey], witnessQuorum: 1 });
    expect(opened.checkpoint.size).toBe(5);

    // No Content-Type at all, as some clients send it.
    expect((await post(request(5, 12))).status).toBe(200);
    expect((await post(request(12, 12))).status).toBe(200);

    await witness!.close();
    witness = undefined;
    await start();
    const stale = await post(request(0, 20));
    expect(stale).toMatchObject({ status: 409, type: TLOG_SIZE_CONTENT_TYPE, text: "12\n" });
    expect((await post(request(parseTlogSize(stale.text), 20))).status).toBe(200);
  });

  it("answers every refusal with the spec's status", async () => {
    await start();
    expect((await post(request(0, 8))).status).toBe(200);
    const problem = async (body: string) => {
      const res = await post(body, { "accept-language": "en" });
      return { status: res.status, type: res.type, code: (JSON.parse(res.text) as { code: string }).code };
    };
    expect(await problem("bukan permintaan")).toEqual({ status: 400, type: "application/problem+json; charset=utf-8", code: "witness_malformed_request" });
    expect(await problem(formatAddCheckpointRequest({ oldSize: 9, proof: [], signedCheckpoint: signedAt(8) }))).toMatchObject({
      status: 400,
      code: "witness_old_size_too_large",
    });
    const otherLog = signCheckpoint({ origin: "lain.contoh.id/k/x", size: 1, rootHash: leaves[0]! }, generateSignerKey("lain.contoh.id/k/x"));
    expect(await problem(formatAddCheckpointRequest({ oldSize: 0, proof: [], signedCheckpoint: otherLog }))).toMatchObject({
      status: 404,
      code: "witness_unknown_log",
    });
    expect(await problem(request(8, 9, { key: strangerKey }))).toMatchObject({ status: 403, code: "witness_untrusted_signature" });
    expect(await problem(request(8, 8, { from: forked }))).toMatchObject({ status: 409, code: "witness_checkpoint_fork" });
    expect(await problem(request(8, 12, { from: forked }))).toMatchObject({ status: 422, code: "witness_invalid_proof" });
    // The validly signed but inconsistent checkpoints are kept as evidence.
    expect(readdirSync(join(dir, "evidence"))).toHaveLength(2);
    // None of it moved the state.
    expect((await post(request(8, 8))).status).toBe(200);
  });

  it("lets exactly one of many concurrent submissions from the same old size through", async () => {
    await start();
    expect((await post(request(0, 10))).status).toBe(200);
    const sizes = [11, 13, 17, 19, 23, 29, 31, 37];
    const answers = await Promise.all(sizes.map((n) => post(request(10, n))));
    const won = sizes.filter((_, i) => answers[i]!.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.text)).toEqual(Array(sizes.length - 1).fill(`${won[0]}\n`));
    const stale = await post(request(0, 40));
    expect(stale.text).toBe(`${won[0]}\n`);
    expect(existsSync(join(dir, "state"))).toBe(true);
  });
});

describe("witnessed logs configuration", () => {
  it("reads vkeys, origins with vkeys, several keys per origin, and skips comments", () => {
    const rotated = generateSignerKey(ORIGIN, "ed25519");
    const logs = parseWitnessedLogs(
      ["# daftar log", "", encodeVerifierKey(logKey), `${ORIGIN} ${encodeVerifierKey(rotated)}`, `nama.lain ${encodeVerifierKey(strangerKey)}`].join("\n"),
    );
    expect(logs.map((l) => [l.origin, l.keys.length])).toEqual([
      [ORIGIN, 2],
      ["nama.lain", 1],
    ]);
    expect(() => parseWitnessedLogs("bukan-kunci")).toThrow(/baris 1/);
    expect(() => parseWitnessedLogs(`a b ${encodeVerifierKey(logKey)}`)).toThrow(/baris 1/);
  });
});
