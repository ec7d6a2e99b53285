import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogKeys } from "@koperasi/contracts";
import { uuidv7 } from "@koperasi/domain";
import { encodeVerifierKey, openCheckpoint, parseNote } from "@koperasi/tlog";
import { headers, ledgerKoperasi, memberWithAccount, type LedgerKoperasi } from "../ledger/test-support";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import { loadOrCreateWitnessKey } from "./standalone";
import { witnessingOf } from "./witnessing";

// Witnessing as a deployment runs it: a cooperative posts, the publisher
// signs a checkpoint, the next two approved cooperatives on the deployment
// cosign it in process, and a standalone `koperasi witness` — a separate
// process with its own key and directory — cosigns it over HTTP. The public
// checkpoint then carries all three cosignatures, each verifying with a key
// fetched on its own.

const CLI = fileURLToPath(new URL("../../bin/koperasi.mjs", import.meta.url));

let t: TestApp;
let log: LedgerKoperasi;
let slug: string;
let a: string;
let b: string;
let witnesses: { id: string; slug: string }[];
let witnessDir: string;
let witnessPort: number;
let witnessVkey: string;
let child: ChildProcess | undefined;
let childOutput = "";

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** `koperasi witness` as its operator would start it, witnessing this cooperative's log. */
async function startWitness(logVkey: string): Promise<void> {
  childOutput = "";
  const proc = spawn(process.execPath, [CLI, "witness", "--dir", witnessDir, "--port", String(witnessPort), "--log", logVkey], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`witness did not start:\n${childOutput}`)), 60_000);
    proc.stdout?.on("data", (chunk: Buffer) => {
      childOutput += chunk.toString();
      if (childOutput.includes("mendengarkan di")) {
        clearTimeout(timer);
        ready();
      }
    });
    proc.stderr?.on("data", (chunk: Buffer) => (childOutput += chunk.toString()));
    proc.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`witness exited with ${code}:\n${childOutput}`));
    });
  });
}

async function stopWitness(): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((done) => proc.once("exit", done));
  proc.kill("SIGTERM");
  await exited;
  child = undefined;
}

async function slugOf(koperasiId: string): Promise<string> {
  return (await t.ctx.database.db.selectFrom("koperasi").select("slug").where("id", "=", koperasiId).executeTakeFirstOrThrow()).slug;
}

async function keysOf(koperasiSlug: string): Promise<LogKeys> {
  const res = await t.app.inject({ url: `/api/v1/public/log/${koperasiSlug}/keys` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as LogKeys;
}

/** A transfer, a checkpoint, and every witness's submission finished. */
async function postAndPublish(): Promise<number> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${log.koperasiId}/transfers`,
    headers: headers(log.bendahara, uuidv7()),
    payload: { fromMemberAccountId: a, toMemberAccountId: b, amount: 25_000 },
  });
  expect(res.statusCode, res.body).toBe(201);
  const published = (await t.ctx.transparency.publishNow()).filter((c) => c.koperasiId === log.koperasiId);
  await witnessingOf(t.ctx)!.settled();
  return published.at(-1)!.treeSize;
}

async function publicCheckpoint(): Promise<string> {
  const res = await t.app.inject({ url: `/api/v1/public/log/${slug}/checkpoint` });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
}

function cosigners(note: string): string[] {
  return parseNote(note)
    .signatures.map((s) => s.name)
    .filter((name) => name !== parseNote(note).text.split("\n")[0])
    .sort();
}

beforeAll(async () => {
  witnessDir = mkdtempSync(join(tmpdir(), "koperasi-saksi-"));
  witnessPort = await freePort();
  // The witness's operator makes its key first and hands out the vkey.
  witnessVkey = encodeVerifierKey(loadOrCreateWitnessKey(witnessDir, "saksi.dinkop.contoh.id").key);
  t = await createTestApp({
    config: { cotenantWitnesses: 2, logWitnesses: [{ url: `http://127.0.0.1:${witnessPort}`, verifierKey: witnessVkey }] },
  });
  log = await ledgerKoperasi(t);
  slug = await slugOf(log.koperasiId);
  a = (await memberWithAccount(t, log, { balance: 2_000_000 })).memberAccountId;
  b = (await memberWithAccount(t, log, { balance: 0 })).memberAccountId;
  const owner = await createUser(t.ctx);
  witnesses = [];
  for (let i = 0; i < 3; i += 1) {
    const { koperasiId } = await createKoperasi(t.ctx, owner.userId);
    witnesses.push({ id: koperasiId, slug: await slugOf(koperasiId) });
  }
  await startWitness((await keysOf(slug)).log.verifierKey);
}, 120_000);

afterAll(async () => {
  await stopWitness();
  await t?.close();
  if (witnessDir) rmSync(witnessDir, { recursive: true, force: true });
});

describe("witnessing after each checkpoint", () => {
  it("the next two cooperatives and the standalone witness cosign; the public checkpoint verifies with their keys", async () => {
    const size = await postAndPublish();
    const note = await publicCheckpoint();
    const [w1, w2, w3] = await Promise.all(witnesses.map((w) => keysOf(w.slug)));
    const expected = [w1!.witnessKey!.name, w2!.witnessKey!.name, "saksi.dinkop.contoh.id"].sort();
    expect(cosigners(note)).toEqual(expected);
    expect(cosigners(note)).not.toContain(w3!.witnessKey?.name);

    const logKeys = await keysOf(slug);
    const opened = openCheckpoint(note, {
      log: logKeys.log.verifierKey,
      witnesses: [w1!.witnessKey!.verifierKey, w2!.witnessKey!.verifierKey, witnessVkey],
      witnessQuorum: 3,
    });
    expect(opened.checkpoint.size).toBe(size);
    // The log's key list names its witnesses, the standalone one included.
    expect(logKeys.witnesses.map((k) => k.verifierKey)).toEqual(expect.arrayContaining([w1!.witnessKey!.verifierKey, witnessVkey]));
  });

  it("each witness proves consistency from the size it last cosigned as the log grows", async () => {
    const first = await postAndPublish();
    const second = await postAndPublish();
    expect(second).toBeGreaterThan(first);
    expect(cosigners(await publicCheckpoint())).toHaveLength(3);
    // The standalone witness's own state file moved with it.
    const stateDir = join(witnessDir, "state");
    const [file] = readdirSync(stateDir);
    expect((JSON.parse(readFileSync(join(stateDir, file!), "utf8")) as { size: number }).size).toBe(second);
  });

  it("an unreachable witness neither blocks posting nor publishing, and cosigns again with the next checkpoint", async () => {
    const logVkey = (await keysOf(slug)).log.verifierKey;
    await stopWitness();
    const missed = await postAndPublish();
    const note = await publicCheckpoint();
    expect(cosigners(note)).toHaveLength(2);
    expect(cosigners(note)).not.toContain("saksi.dinkop.contoh.id");
    await startWitness(logVkey);
    const next = await postAndPublish();
    expect(next).toBeGreaterThan(missed);
    expect(cosigners(await publicCheckpoint())).toContain("saksi.dinkop.contoh.id");
  });

  it("when the deployment's record of a witness is behind, its 409 gives the size to prove from", async () => {
    // Lose what the deployment stored from the standalone witness: it
    // starts from 0 and must learn the witness's size from the 409.
    await t.db.superuser.exec(`DELETE FROM log_cosignature WHERE witness_name = 'saksi.dinkop.contoh.id'`);
    const size = await postAndPublish();
    const note = await publicCheckpoint();
    expect(cosigners(note)).toContain("saksi.dinkop.contoh.id");
    expect(openCheckpoint(note, { log: (await keysOf(slug)).log.verifierKey, witnesses: [witnessVkey], witnessQuorum: 1 }).checkpoint.size).toBe(size);
  });
});
