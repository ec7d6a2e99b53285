import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogKeys } from "@koperasi/contracts";
import { uuidv7 } from "@koperasi/domain";
import {
  cosignCheckpoint,
  decodeBase64,
  decodeLeafOpening,
  encodeLeafOpening,
  encodeReceipt,
  inclusionProof,
  openCheckpoint,
  parseNote,
  parseReceipt,
  rootFromLeafHashes,
  verifyConsistency,
  verifyEntryReceipt,
  verifyInclusion,
} from "@koperasi/tlog";
import { createKoperasi, createUser, sessionCookie, signedInAs, createTestApp, type TestApp } from "../testing/harness";
import { headers, ledgerKoperasi, memberWithAccount, type LedgerKoperasi, type Person } from "../ledger/test-support";
import { ensureLogKeys, keyringOf, loadSignerKey, unsealSeed } from "./keys";
import { LogNodeStore } from "./node-store";
import { createLogPublisher } from "./publisher";
import { pendingKoperasi, sequenceKoperasi, type PublishedCheckpoint } from "./sequencer";

// Publishing the transparency log: sequencing, signed checkpoints, the public
// proofs and the members' receipts — each checked with the verifiers of
// @koperasi/tlog against keys fetched separately, as a member's app would.

let t: TestApp;
let k: LedgerKoperasi;
let slug: string;
let anggota: Person;
let kasir: Person;
let a: Awaited<ReturnType<typeof memberWithAccount>>;
let b: Awaited<ReturnType<typeof memberWithAccount>>;
let now = new Date("2026-04-01T02:00:00.000Z");
const heard: PublishedCheckpoint[] = [];
let firstTransferId: string;

beforeAll(async () => {
  // Witnesses are driven by hand here (the cosignatures test); none cosign in the background.
  t = await createTestApp({ now: () => now, config: { cotenantWitnesses: 0 } });
  t.ctx.transparency.onCheckpoint((checkpoint) => {
    heard.push(checkpoint);
  });
  k = await ledgerKoperasi(t);
  anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: k.koperasiId });
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  a = await memberWithAccount(t, k, { balance: 1_000_000, userId: anggota.userId });
  b = await memberWithAccount(t, k, { balance: 500_000 });
  slug = (await t.ctx.database.db.selectFrom("koperasi").select("slug").where("id", "=", k.koperasiId).executeTakeFirstOrThrow()).slug;
});
afterAll(async () => {
  await t?.close();
});

const pub = (path: string, lang?: string) =>
  t.app.inject({ url: `/api/v1/public/log/${slug}${path}`, headers: lang ? { "accept-language": lang } : {} });

async function transfer(from: string, to: string, amount: number): Promise<string> {
  now = new Date(now.getTime() + 1000);
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${k.koperasiId}/transfers`,
    headers: headers(k.bendahara, uuidv7()),
    payload: { fromMemberAccountId: from, toMemberAccountId: to, amount },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

function receipt(entryId: string, person: Person) {
  return t.app.inject({ url: `/api/v1/koperasi/${k.koperasiId}/journals/${entryId}/receipt`, headers: { cookie: person.cookie } });
}

async function keys(): Promise<LogKeys> {
  const res = await pub("/keys");
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as LogKeys;
}

/** Leaf hashes in tree order, straight from the leaves (the test's own reference, not the stored nodes). */
async function leafHashesBySeq(): Promise<{ entryId: string; seq: number; hash: Uint8Array }[]> {
  const rows = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
    trx.selectFrom("log_leaf").select(["entry_id", "seq", "leaf_hash"]).where("seq", "is not", null).orderBy("seq").execute(),
  );
  return rows.map((row) => ({ entryId: row.entry_id, seq: Number(row.seq), hash: new Uint8Array(row.leaf_hash) }));
}

async function checkpointText(size?: number): Promise<string> {
  const res = await pub(size === undefined ? "/checkpoint" : `/checkpoints/${size}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
  return res.body;
}

describe("before the first checkpoint", () => {
  it("has no checkpoint to show, and a posted transfer's receipt is not ready yet (409, try again)", async () => {
    firstTransferId = await transfer(a.memberAccountId, b.memberAccountId, 100_000);
    const none = await pub("/checkpoint");
    expect(none.statusCode).toBe(404);
    expect(none.headers["content-type"]).toContain("application/problem+json");
    expect(none.json()).toMatchObject({ code: "checkpoint_not_found", detail: "Log koperasi ini belum memiliki checkpoint." });

    const early = await receipt(firstTransferId, anggota);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: "receipt_not_ready" });
    expect(early.json().detail).toMatch(/belum siap/);
    expect(early.headers["retry-after"]).toBe("2");
    expect(await pendingKoperasi(t.ctx.database)).toContain(k.koperasiId);
  });
});

describe("sequencing", () => {
  it("numbers the waiting leaves densely in posting order and signs a checkpoint over them", async () => {
    const published = await t.ctx.transparency.publishNow();
    const mine = published.filter((c) => c.koperasiId === k.koperasiId);
    expect(mine).toHaveLength(1);
    const checkpoint = mine[0]!;
    // Two opening balances and the transfer.
    expect(checkpoint).toMatchObject({ treeSize: 3, previousSize: 0 });
    expect(heard.filter((c) => c.koperasiId === k.koperasiId)).toEqual(mine);

    const leaves = await leafHashesBySeq();
    expect(leaves.map((l) => l.seq)).toEqual([0, 1, 2]);
    expect(leaves[2]?.entryId).toBe(firstTransferId);
    expect(Buffer.from(checkpoint.rootHash).toString("hex")).toBe(Buffer.from(rootFromLeafHashes(leaves.map((l) => l.hash))).toString("hex"));

    const logKeys = await keys();
    expect(logKeys.origin).toBe(`${new URL(t.ctx.config.publicUrl).host}/k/${slug}`);
    expect(logKeys.log.name).toBe(logKeys.origin);
    expect(logKeys.witnessKey?.name).toBe(`${logKeys.origin}/witness`);
    const opened = openCheckpoint(await checkpointText(), { log: logKeys.log.verifierKey });
    expect(opened.checkpoint.size).toBe(3);
    expect(opened.checkpoint.origin).toBe(logKeys.origin);
    expect(Buffer.from(opened.checkpoint.rootHash).equals(Buffer.from(checkpoint.rootHash))).toBe(true);
    expect(await checkpointText(3)).toBe(await checkpointText());

    expect(await pendingKoperasi(t.ctx.database)).not.toContain(k.koperasiId);
    expect(await sequenceKoperasi(t.ctx.database, keyringOf(t.ctx), k.koperasiId, now)).toBeNull();
  });

  it("takes bounded batches, one checkpoint each, every one consistent with the last", async () => {
    for (let i = 0; i < 5; i += 1) await transfer(b.memberAccountId, a.memberAccountId, 1_000 + i);
    const sizes: number[] = [];
    for (;;) {
      const checkpoint = await sequenceKoperasi(t.ctx.database, keyringOf(t.ctx), k.koperasiId, now, { batchSize: 2 });
      if (!checkpoint) break;
      sizes.push(checkpoint.treeSize);
    }
    expect(sizes).toEqual([5, 7, 8]);
    expect((await leafHashesBySeq()).map((l) => l.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    const logKey = (await keys()).log.verifierKey;
    const rootAt = async (size: number) => openCheckpoint(await checkpointText(size), { log: logKey }).checkpoint.rootHash;
    for (const [from, to] of [[3, 5], [5, 7], [7, 8], [3, 8], [1, 8], [8, 8]] as const) {
      const res = await pub(`/proof/consistency?from=${from}&to=${to}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { from: number; to: number; proof: string[] };
      expect(body).toMatchObject({ from, to });
      // Size 1 was never published: its root is the first leaf's hash.
      const root1 = from === 1 ? (await leafHashesBySeq())[0]!.hash : await rootAt(from);
      verifyConsistency(from, to, body.proof.map(decodeBase64), root1, await rootAt(to));
    }
  });
});

describe("public proofs", () => {
  it("proves every leaf's inclusion, by index and by leaf hash, at the latest and at an older size", async () => {
    const logKey = (await keys()).log.verifierKey;
    const leaves = await leafHashesBySeq();
    for (const size of [8, 5]) {
      const root = openCheckpoint(await checkpointText(size), { log: logKey }).checkpoint.rootHash;
      for (const leaf of leaves.filter((l) => l.seq < size)) {
        const res = await pub(`/proof/inclusion?index=${leaf.seq}&treeSize=${size}`);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { index: number; treeSize: number; leafHash: string; proof: string[] };
        expect(body).toMatchObject({ index: leaf.seq, treeSize: size });
        expect(Buffer.from(decodeBase64(body.leafHash)).equals(Buffer.from(leaf.hash))).toBe(true);
        verifyInclusion(leaf.seq, size, leaf.hash, body.proof.map(decodeBase64), root);
      }
    }
    const leaf = leaves[6]!;
    const base64 = Buffer.from(leaf.hash).toString("base64");
    for (const form of [encodeURIComponent(base64), Buffer.from(leaf.hash).toString("base64url"), Buffer.from(leaf.hash).toString("hex")]) {
      const res = await pub(`/proof/inclusion?leafHash=${form}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ index: 6, treeSize: 8, leafHash: base64 });
    }
    expect(res404Code(await pub(`/proof/inclusion?leafHash=${encodeURIComponent(base64)}&treeSize=5`))).toBe("leaf_not_found");
  });

  it("reads O(log n) stored nodes in one query per proof, never the leaves", async () => {
    const counts = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
      const store = new LogNodeStore(trx, k.koperasiId);
      await inclusionProof(store, 3, 8);
      return { reads: store.reads, nodes: store.nodesRead };
    });
    expect(counts.reads).toBe(1);
    expect(counts.nodes).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(8)));
  });

  it("refuses bad input with problem+json in Indonesian (English on request)", async () => {
    const cases: [string, number, string][] = [
      ["/proof/consistency?from=5&to=3", 400, "invalid_input"],
      ["/proof/consistency?from=3&to=99", 400, "tree_size_exceeded"],
      ["/proof/consistency?from=0&to=3", 400, "invalid_input"],
      ["/proof/consistency?from=x&to=3", 400, "invalid_input"],
      ["/proof/inclusion?index=8&treeSize=8", 400, "index_out_of_range"],
      ["/proof/inclusion?index=1&treeSize=9", 400, "tree_size_exceeded"],
      ["/proof/inclusion?treeSize=8", 400, "invalid_input"],
      ["/proof/inclusion?index=1&leafHash=AAAA", 400, "invalid_input"],
      ["/proof/inclusion?leafHash=bukan-hash", 400, "invalid_input"],
      [`/proof/inclusion?leafHash=${"00".repeat(32)}`, 404, "leaf_not_found"],
      ["/checkpoints/4", 404, "checkpoint_not_found"],
      ["/checkpoints/-1", 400, "invalid_input"],
    ];
    for (const [path, status, code] of cases) {
      const res = await pub(path);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(status);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().code, path).toBe(code);
    }
    expect((await pub("/proof/consistency?from=3&to=99")).json().detail).toBe("Ukuran pohon melebihi checkpoint terbaru log ini (8).");
    expect((await pub("/proof/consistency?from=3&to=99", "en")).json().detail).toBe("The tree size is beyond this log's latest checkpoint (8).");
    expect((await pub("/proof/consistency?from=5&to=3")).json().errors[0]).toMatchObject({ code: "range_invalid" });
    const unknown = await t.app.inject({ url: "/api/v1/public/log/tidak-ada-koperasi/checkpoint" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "not_found", detail: "Koperasi tidak ditemukan." });
    // Open to verifiers on any site, answers and refusals alike.
    expect(unknown.headers["access-control-allow-origin"]).toBe("*");
    expect((await pub("/checkpoint")).headers["access-control-allow-origin"]).toBe("*");
  });

  it("shows a log only its own checkpoints: a cooperative without entries has none", async () => {
    const other = await createKoperasi(t.ctx, k.bendahara.userId);
    const otherSlug = (await t.ctx.database.db.selectFrom("koperasi").select("slug").where("id", "=", other.koperasiId).executeTakeFirstOrThrow()).slug;
    expect((await t.app.inject({ url: `/api/v1/public/log/${otherSlug}/checkpoint` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/public/log/${otherSlug}/proof/inclusion?index=0` })).statusCode).toBe(404);
    const otherKeys = (await t.app.inject({ url: `/api/v1/public/log/${otherSlug}/keys` })).json() as LogKeys;
    expect(otherKeys.origin).toBe(`${new URL(t.ctx.config.publicUrl).host}/k/${otherSlug}`);
    expect(otherKeys.log.verifierKey).not.toBe((await keys()).log.verifierKey);
  });
});

describe("receipts", () => {
  it("gives the member a tlog-proof receipt for her transfer that verifies against the separately fetched log key", async () => {
    const res = await receipt(firstTransferId, anggota);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { entryId: string; koperasiSlug: string; origin: string; index: number; treeSize: number; receipt: string };
    expect(body).toMatchObject({ entryId: firstTransferId, koperasiSlug: slug, index: 2, treeSize: 8 });
    const logKeys = await keys();
    expect(body.origin).toBe(logKeys.origin);
    const verified = verifyEntryReceipt({ receipt: body.receipt, policy: { log: logKeys.log.verifierKey } });
    expect(verified.index).toBe(2);
    expect(verified.summary).toMatchObject({ koperasiId: k.koperasiId, entryId: firstTransferId, voucherNo: "TRF/2026/000001", businessDate: "2026-04-01" });
    expect(verified.summary.lines).toEqual(
      expect.arrayContaining([
        { accountCode: "2-1100", memberAccountId: a.memberAccountId, debit: 100_000, credit: 0 },
        { accountCode: "2-1100", memberAccountId: b.memberAccountId, debit: 0, credit: 100_000 },
      ]),
    );

    // A receipt whose summary was altered (a bigger amount) recomputes another leaf and fails.
    const parsed = parseReceipt(body.receipt);
    const { summary, salt } = decodeLeafOpening(parsed.extra!);
    const forged = { ...summary, lines: summary.lines.map((l) => (l.debit > 0 ? { ...l, debit: 900_000 } : { ...l, credit: 900_000 })) };
    const tampered = encodeReceipt({ ...parsed, extra: encodeLeafOpening(forged, salt) });
    expect(() => verifyEntryReceipt({ receipt: tampered, policy: { log: logKeys.log.verifierKey } })).toThrow();
    // And a receipt checked against some other log's key proves nothing.
    const otherKey = (await t.app.inject({ url: `/api/v1/public/log/${slug}/keys` })).json().witnessKey.verifierKey as string;
    expect(() => verifyEntryReceipt({ receipt: body.receipt, policy: { log: otherKey } })).toThrow();
  });

  it("lets staff with the journal or the counter fetch receipts, and a member only those on her own accounts", async () => {
    const bOpening = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx
        .selectFrom("journal_line")
        .select("entry_id")
        .where("member_account_id", "=", b.memberAccountId)
        .orderBy("entry_id")
        .executeTakeFirstOrThrow(),
    );
    expect((await receipt(bOpening.entry_id, k.ketua)).statusCode).toBe(200);
    expect((await receipt(bOpening.entry_id, kasir)).statusCode).toBe(200);
    const refused = await receipt(bOpening.entry_id, anggota);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ code: "not_found", detail: "Jurnal tidak ditemukan." });
    expect((await receipt(uuidv7(), k.ketua)).statusCode).toBe(404);
  });

  it("has no receipt for a pending journal (409 entry_not_posted)", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/koperasi/${k.koperasiId}/journals`,
      headers: headers(k.bendahara, uuidv7()),
      payload: {
        businessDate: "2026-04-01",
        description: "Biaya listrik",
        lines: [
          { accountId: k.account("5-2100"), debit: 75_000 },
          { accountId: k.account("1-1100"), credit: 75_000 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const pending = await receipt(res.json().id, k.ketua);
    expect(pending.statusCode).toBe(409);
    expect(pending.json()).toMatchObject({ code: "entry_not_posted" });
  });
});

describe("cosignatures", () => {
  it("serves checkpoints with the witnesses' cosignature lines, names the witness among the log's keys, and receipts prefer a cosigned checkpoint", async () => {
    const witnessKoperasi = await createKoperasi(t.ctx, k.bendahara.userId);
    const witness = await t.ctx.database.tenant({ koperasiId: witnessKoperasi.koperasiId }, async (trx) => {
      await ensureLogKeys(trx, keyringOf(t.ctx), witnessKoperasi.koperasiId);
      return loadSignerKey(trx, keyringOf(t.ctx), witnessKoperasi.koperasiId, "witness");
    });
    const note = await checkpointText(8);
    const cosigned = cosignCheckpoint(note, witness, Math.floor(now.getTime() / 1000));
    const line = cosigned.trimEnd().split("\n").at(-1)!;
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx
        .insertInto("log_cosignature")
        .values([
          { koperasi_id: k.koperasiId, tree_size: 8, witness_name: witness.name, signature_line: line },
          // A malformed line is left out rather than spoiling the checkpoint.
          { koperasi_id: k.koperasiId, tree_size: 8, witness_name: "zz.rusak.example", signature_line: "— zz.rusak.example bukan base64!" },
        ])
        .execute(),
    );

    const served = await checkpointText(8);
    expect(served).toBe(cosigned);
    expect(parseNote(served).signatures).toHaveLength(2);
    const logKeys = await keys();
    expect(logKeys.witnesses.map((w) => w.name)).toEqual([witness.name]);
    const opened = openCheckpoint(served, { log: logKeys.log.verifierKey, witnesses: logKeys.witnesses.map((w) => w.verifierKey), witnessQuorum: 1 });
    expect(opened.cosignatures).toHaveLength(1);

    // A newer checkpoint without cosignatures: an older entry's receipt keeps the cosigned one.
    await transfer(a.memberAccountId, b.memberAccountId, 5_000);
    await t.ctx.transparency.publishNow();
    const res = await receipt(firstTransferId, anggota);
    expect(res.json()).toMatchObject({ treeSize: 8 });
    verifyEntryReceipt({
      receipt: res.json().receipt,
      policy: { log: logKeys.log.verifierKey, witnesses: logKeys.witnesses.map((w) => w.verifierKey), witnessQuorum: 1 },
    });
  });
});

describe("keys and the publisher", () => {
  it("keeps private keys sealed: no seed in the row, and another deployment secret does not open them", async () => {
    const { row, signer } = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => ({
      row: await trx.selectFrom("log_key").selectAll().where("purpose", "=", "log").executeTakeFirstOrThrow(),
      signer: await loadSignerKey(trx, keyringOf(t.ctx), k.koperasiId, "log"),
    }));
    expect(Buffer.from(row.sealed_signer_key).includes(Buffer.from(signer.seed))).toBe(false);
    expect(Buffer.from(unsealSeed(t.ctx.secrets.logSealKey, k.koperasiId, "log", row.key_name, row.sealed_signer_key)).equals(Buffer.from(signer.seed))).toBe(true);
    expect(() => unsealSeed("another-secret", k.koperasiId, "log", row.key_name, row.sealed_signer_key)).toThrow(/LOG_SEAL_KEY/);
    // Bound to its row: the same blob does not open as the witness key.
    expect(() => unsealSeed(t.ctx.secrets.logSealKey, k.koperasiId, "witness", row.key_name, row.sealed_signer_key)).toThrow();
    // Stable: asking again changes nothing.
    const again = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) => ensureLogKeys(trx, keyringOf(t.ctx), k.koperasiId));
    expect(again.log.verifierKey).toBe(row.verifier_key);
  });

  it("keeps publishing when a listener throws, and an unsubscribed listener hears nothing", async () => {
    const calls: number[] = [];
    const stopThrowing = t.ctx.transparency.onCheckpoint(() => {
      throw new Error("saksi sedang tidak bisa dihubungi");
    });
    const unsubscribe = t.ctx.transparency.onCheckpoint((c) => {
      calls.push(c.treeSize);
    });
    await transfer(a.memberAccountId, b.memberAccountId, 1_000);
    const first = await t.ctx.transparency.publishNow();
    expect(first.map((c) => c.treeSize)).toEqual([10]);
    expect(calls).toEqual([10]);
    unsubscribe();
    stopThrowing();
    await transfer(a.memberAccountId, b.memberAccountId, 1_000);
    expect((await t.ctx.transparency.publishNow()).map((c) => c.treeSize)).toEqual([11]);
    expect(calls).toEqual([10]);
  });
});

describe("the publisher's timer", () => {
  it("publishes a posting on its own within a round, and stops cleanly", async () => {
    const publisher = createLogPublisher({ database: t.ctx.database, keyring: keyringOf(t.ctx), now: () => now, intervalMs: 10 });
    const next = new Promise<PublishedCheckpoint>((resolve) => publisher.onCheckpoint(resolve));
    publisher.start();
    const entryId = await transfer(b.memberAccountId, a.memberAccountId, 2_000);
    const checkpoint = await next;
    await publisher.stop();
    expect(checkpoint).toMatchObject({ koperasiId: k.koperasiId, previousSize: 11, treeSize: 12 });
    expect((await receipt(entryId, anggota)).json()).toMatchObject({ entryId, index: 11, treeSize: 12 });
  });
});

describe("a cooperative whose log cannot be signed", () => {
  it("is logged once, retried with growing pauses, listed for the operator, and logged again once when it recovers", async () => {
    // A keyring whose seal secret can be switched: wrong first (as in a process started with other secrets), then right.
    let sealSecret = "rahasia-deployment-lain";
    const keyring = { publicUrl: t.ctx.config.publicUrl, get sealSecret() { return sealSecret; } };
    let clock = new Date("2026-04-01T03:00:00.000Z");
    const errors: string[] = [];
    const infos: string[] = [];
    const publisher = createLogPublisher({ database: t.ctx.database, keyring, now: () => clock, intervalMs: 1000 });
    publisher.start({ error: (_d, message) => errors.push(message), info: (_d, message) => infos.push(message) });
    await publisher.stop(); // the logger is set; rounds are driven by hand below
    await transfer(a.memberAccountId, b.memberAccountId, 1_000);

    expect(await publisher.publishNow()).toEqual([]);
    expect(publisher.failures()).toMatchObject([{ koperasiId: k.koperasiId, attempts: 1, since: clock, retryAt: new Date(clock.getTime() + 1000) }]);
    expect(publisher.failures()[0]!.message).toMatch(/LOG_SEAL_KEY/);
    // Within the pause: not tried again.
    await publisher.publishNow();
    expect(publisher.failures()[0]!.attempts).toBe(1);
    // After each pause: tried, the pause doubles, and nothing more is logged.
    for (const [attempt, pauseMs] of [[2, 2000], [3, 4000], [4, 8000]] as const) {
      clock = new Date(publisher.failures()[0]!.retryAt.getTime());
      await publisher.publishNow();
      expect(publisher.failures()[0]).toMatchObject({ attempts: attempt, retryAt: new Date(clock.getTime() + pauseMs) });
    }
    expect(errors).toEqual(["sequencing failed; retried with growing pauses until it succeeds"]);

    // The operator's console lists it (from the serving process's publisher); nobody else may ask.
    const operator = await createUser(t.ctx, { email: "operator.log@platform.contoh.id", name: "Operator Log" });
    await t.ctx.database.db.insertInto("platform_operator").values({ user_id: operator.userId }).execute();
    const served = t.ctx.transparency;
    (t.ctx as { transparency: typeof publisher }).transparency = publisher;
    try {
      const listed = await t.app.inject({ url: "/api/v1/platform/log-failures", headers: { cookie: await sessionCookie(t.ctx, operator.email, operator.password) } });
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toEqual([
        expect.objectContaining({ koperasiId: k.koperasiId, slug, attempts: 4, message: expect.stringMatching(/LOG_SEAL_KEY/) }),
      ]);
      expect((await t.app.inject({ url: "/api/v1/platform/log-failures", headers: { cookie: anggota.cookie } })).statusCode).toBe(403);
    } finally {
      (t.ctx as { transparency: typeof publisher }).transparency = served;
    }

    sealSecret = t.ctx.secrets.logSealKey;
    clock = new Date(publisher.failures()[0]!.retryAt.getTime());
    expect((await publisher.publishNow()).map((c) => c.koperasiId)).toEqual([k.koperasiId]);
    expect(publisher.failures()).toEqual([]);
    expect(infos).toEqual(["sequencing recovered"]);
    expect(errors).toHaveLength(1);
  });
});

function res404Code(res: { statusCode: number; json: () => { code?: string } }): string | undefined {
  expect(res.statusCode).toBe(404);
  return res.json().code;
}
