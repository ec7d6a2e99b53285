import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogKeys } from "@koperasi/contracts";
import { uuidv7 } from "@koperasi/domain";
import {
  TLOG_SIZE_CONTENT_TYPE,
  decodeBase64,
  formatAddCheckpointRequest,
  generateSignerKey,
  leafHash,
  openCheckpoint,
  parseCheckpoint,
  parseNote,
  signCheckpoint,
} from "@koperasi/tlog";
import { headers, ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "../ledger/test-support";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import { keyringOf, loadSignerKey } from "../transparency/keys";
import type { PublishedCheckpoint } from "../transparency/sequencer";

// POST /api/v1/witness/:slug/add-checkpoint: a cooperative cosigning another
// cooperative's checkpoints, with every answer c2sp.org/tlog-witness gives.
// The automatic cosigning after publishing is off here (witnessing.db.test.ts
// covers it), so each test drives the witness's state itself.

let t: TestApp;
let log: LedgerKoperasi;
let logSlug: string;
let witnessSlug: string;
let witnessId: string;
const checkpoints: PublishedCheckpoint[] = [];

async function slugOf(koperasiId: string): Promise<string> {
  return (await t.ctx.database.db.selectFrom("koperasi").select("slug").where("id", "=", koperasiId).executeTakeFirstOrThrow()).slug;
}

/** Posts `n` transfers in the log's cooperative and publishes a checkpoint covering them. */
async function grow(n: number, from: string, to: string): Promise<PublishedCheckpoint> {
  for (let i = 0; i < n; i += 1) {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/koperasi/${log.koperasiId}/transfers`,
      headers: headers(log.bendahara, uuidv7()),
      payload: { fromMemberAccountId: from, toMemberAccountId: to, amount: 1000 + i },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const published = (await t.ctx.transparency.publishNow()).filter((c) => c.koperasiId === log.koperasiId);
  const latest = published.at(-1);
  if (!latest) throw new Error("nothing published");
  checkpoints.push(latest);
  return latest;
}

async function proof(from: number, to: number): Promise<Uint8Array[]> {
  if (from === 0 || from === to) return [];
  const res = await t.app.inject({ url: `/api/v1/public/log/${logSlug}/proof/consistency?from=${from}&to=${to}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { proof: string[] }).proof.map(decodeBase64);
}

async function body(oldSize: number, checkpoint: { treeSize: number; signedNote: string }, proofOverride?: Uint8Array[]): Promise<string> {
  return formatAddCheckpointRequest({
    oldSize,
    proof: proofOverride ?? (await proof(oldSize, checkpoint.treeSize)),
    signedCheckpoint: checkpoint.signedNote,
  });
}

function submit(payload: string, opts: { slug?: string; contentType?: string; lang?: string } = {}) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/witness/${opts.slug ?? witnessSlug}/add-checkpoint`,
    headers: { ...(opts.contentType === undefined ? {} : { "content-type": opts.contentType }), ...(opts.lang ? { "accept-language": opts.lang } : {}) },
    payload,
  });
}

async function storedState(): Promise<{ size: number } | undefined> {
  const row = await t.ctx.database.tenant({ koperasiId: witnessId }, (trx) =>
    trx.selectFrom("witness_state").select("tree_size").where("koperasi_id", "=", witnessId).executeTakeFirst(),
  );
  return row ? { size: Number(row.tree_size) } : undefined;
}

async function witnessKey(): Promise<string> {
  const res = await t.app.inject({ url: `/api/v1/public/log/${witnessSlug}/keys` });
  expect(res.statusCode, res.body).toBe(200);
  const key = (res.json() as LogKeys).witnessKey;
  if (!key) throw new Error("the witness cooperative publishes no witness key");
  return key.verifierKey;
}

/** The log's own key signing whatever it is told: a log that misbehaves. */
async function forge(size: number, rootHash: Uint8Array): Promise<{ treeSize: number; signedNote: string }> {
  const key = await t.ctx.database.tenant({ koperasiId: log.koperasiId }, (trx) => loadSignerKey(trx, keyringOf(t.ctx), log.koperasiId, "log"));
  const origin = parseCheckpoint(parseNote(checkpoints[0]!.signedNote).text).origin;
  return { treeSize: size, signedNote: signCheckpoint({ origin, size, rootHash }, key) };
}

let a: string;
let b: string;

beforeAll(async () => {
  t = await createTestApp({ config: { cotenantWitnesses: 0, logWitnesses: [] } });
  log = await ledgerKoperasi(t);
  logSlug = await slugOf(log.koperasiId);
  a = (await memberWithAccount(t, log, { balance: 5_000_000 })).memberAccountId;
  b = (await memberWithAccount(t, log, { balance: 100_000 })).memberAccountId;
  const owner = await createUser(t.ctx);
  witnessId = (await createKoperasi(t.ctx, owner.userId)).koperasiId;
  witnessSlug = await slugOf(witnessId);
  await grow(1, a, b);
});
afterAll(async () => {
  await t?.close();
});

describe("POST /api/v1/witness/:slug/add-checkpoint", () => {
  it("cosigns a first checkpoint: a cosignature/v1 line by the cooperative's witness key, state stored", async () => {
    const first = checkpoints[0]!;
    const res = await submit(await body(0, first), { contentType: "text/plain" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    const vkey = await witnessKey();
    const logKey = ((await t.app.inject({ url: `/api/v1/public/log/${logSlug}/keys` })).json() as LogKeys).log.verifierKey;
    const opened = openCheckpoint(`${first.signedNote}${res.body}`, { log: logKey, witnesses: [vkey], witnessQuorum: 1 });
    expect(opened.checkpoint.size).toBe(first.treeSize);
    expect(opened.cosignatures).toHaveLength(1);
    expect(await storedState()).toEqual({ size: first.treeSize });
  });

  it("cosigns the same checkpoint again when it is replayed, without moving its state", async () => {
    const first = checkpoints[0]!;
    const res = await submit(await body(first.treeSize, first));
    expect(res.statusCode, res.body).toBe(200);
    expect(await storedState()).toEqual({ size: first.treeSize });
  });

  it("409 text/x.tlog.size with the size it last cosigned when the old size is stale, then cosigns from there", async () => {
    const first = checkpoints[0]!;
    const second = await grow(3, a, b);
    const stale = await submit(await body(0, second));
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toBe(TLOG_SIZE_CONTENT_TYPE);
    expect(stale.body).toBe(`${first.treeSize}\n`);
    const ok = await submit(await body(first.treeSize, second));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await storedState()).toEqual({ size: second.treeSize });
  });

  it("422 for a consistency proof that does not verify, and for a log that forked its history", async () => {
    const known = checkpoints.at(-1)!;
    const next = await grow(2, a, b);
    const good = await proof(known.treeSize, next.treeSize);
    const tampered = good.map((h, i) => (i === 0 ? leafHash(h) : h));
    const res = await submit(await body(known.treeSize, next, tampered), { lang: "en" });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: "witness_invalid_proof", status: 422 });
    // The log's own key signs a tree that does not extend the cosigned one.
    const forked = await forge(next.treeSize, leafHash(new TextEncoder().encode("riwayat lain")));
    expect((await submit(await body(known.treeSize, forked, good))).statusCode).toBe(422);
    expect(await storedState()).toEqual({ size: known.treeSize });
    expect((await submit(await body(known.treeSize, next))).statusCode).toBe(200);
  });

  it("409 problem for another root at the size it already cosigned (a fork)", async () => {
    const known = checkpoints.at(-1)!;
    const forked = await forge(known.treeSize, leafHash(new TextEncoder().encode("akar lain")));
    const res = await submit(await body(known.treeSize, forked));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "witness_checkpoint_fork" });
  });

  it("403 for a checkpoint not signed by the log's key, or with its signature broken", async () => {
    const known = checkpoints.at(-1)!;
    const cp = parseCheckpoint(parseNote(known.signedNote).text);
    const impostor = signCheckpoint(cp, generateSignerKey(cp.origin, "ed25519"));
    const res = await submit(await body(known.treeSize, { treeSize: known.treeSize, signedNote: impostor }));
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: "witness_untrusted_signature" });
    // The log's signature line with one signature byte changed.
    const [text, sig] = known.signedNote.split("\n\n") as [string, string];
    const [dash, name, b64] = sig.trim().split(" ") as [string, string, string];
    const bytes = decodeBase64(b64);
    bytes[10] = bytes[10]! ^ 1;
    const broken = `${text}\n\n${dash} ${name} ${Buffer.from(bytes).toString("base64")}\n`;
    expect((await submit(await body(known.treeSize, { treeSize: known.treeSize, signedNote: broken }))).statusCode).toBe(403);
  });

  it("404 for an origin it does not witness: another deployment's, its own, and for an unknown witness", async () => {
    const elsewhere = signCheckpoint({ origin: "lain.contoh.id/k/lain", size: 1, rootHash: leafHash(new Uint8Array([1])) }, generateSignerKey("lain.contoh.id/k/lain"));
    const res = await submit(formatAddCheckpointRequest({ oldSize: 0, proof: [], signedCheckpoint: elsewhere }));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: "witness_unknown_log" });
    // A cooperative never witnesses its own log.
    const known = checkpoints.at(-1)!;
    expect((await submit(await body(0, known), { slug: logSlug })).statusCode).toBe(404);
    const unknownWitness = await submit(await body(0, known), { slug: "tidak-ada" });
    expect(unknownWitness.statusCode).toBe(404);
    expect(unknownWitness.json()).toMatchObject({ code: "not_found" });
  });

  it("400 for malformed bodies, whatever their content type, and for an old size beyond the checkpoint", async () => {
    for (const [payload, contentType] of [
      ["halo", "text/plain"],
      ['{"old": 0}', "application/json"],
      ["", undefined],
      [`old 01\n\n${checkpoints[0]!.signedNote}`, undefined],
    ] as const) {
      const res = await submit(payload, contentType === undefined ? {} : { contentType });
      expect(res.statusCode, `${contentType}: ${payload}`).toBe(400);
      expect(res.json()).toMatchObject({ code: "witness_malformed_request" });
    }
    const known = checkpoints.at(-1)!;
    const beyond = formatAddCheckpointRequest({ oldSize: known.treeSize + 1, proof: [], signedCheckpoint: known.signedNote });
    expect((await submit(beyond)).json()).toMatchObject({ status: 400, code: "witness_old_size_too_large" });
    expect(await storedState()).toEqual({ size: known.treeSize });
  });

  it("lets exactly one of concurrent submissions advance; the others learn the new size", async () => {
    const known = checkpoints.at(-1)!;
    const next = await grow(1, a, b);
    const payload = await body(known.treeSize, next);
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit(payload)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const r of answers.filter((x) => x.statusCode === 409)) expect(r.body).toBe(`${next.treeSize}\n`);
    expect(await storedState()).toEqual({ size: next.treeSize });
  });

  it("the database refuses to move a witness state back, even for its owner", async () => {
    const known = checkpoints.at(-1)!;
    await expect(t.db.superuser.query(`UPDATE witness_state SET tree_size = 1 WHERE koperasi_id = $1`, [witnessId])).rejects.toThrow(/cannot go back/);
    expect(await storedState()).toEqual({ size: known.treeSize });
  });
});
