import type { FastifyReply } from "fastify";
import type { Transaction } from "kysely";
import { z } from "zod";
import {
  CheckpointSizeParams,
  ConsistencyProof,
  ConsistencyQuery,
  EntryReceipt,
  InclusionProof,
  InclusionQuery,
  LogKeys,
  LogSlugParams,
  Uuid,
} from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { consistencyProof, encodeBase64, inclusionProof } from "@koperasi/tlog";
import { koperasiBySlug } from "../branding/public-assets";
import type { AppContext } from "../context";
import { AppError, invalidField, notFound } from "../errors/app-error";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { latestCheckpoint, checkpointAt } from "./checkpoints";
import { ensureLogKeys, keyringOf, publicKeyOf, witnessKeysByName } from "./keys";
import { LogNodeStore } from "./node-store";
import { entryReceipt } from "./receipt";
import { currentTreeSize } from "./sequencer";

// The transparency log over HTTP: public, per cooperative slug (no login —
// anyone may audit a log), and the member's receipt under the cooperative.
// Proofs come from log_node in O(log n) reads. Shapes: ./README.md.

const tags = ["log transparansi"];
const PROOF_CACHE = "public, max-age=31536000, immutable";
/** Cosignatures are added to a checkpoint after it is published. */
const CHECKPOINT_CACHE = "public, max-age=60";
/** How many recent checkpoints' cosigners count as this log's witnesses. */
const RECENT_COSIGNED = 50;

const checkpointNotFound = () => new AppError(404, "checkpoint_not_found", "Checkpoint tidak ditemukan.", "No such checkpoint.");

function treeSizeExceeded(latest: number) {
  return new AppError(
    400,
    "tree_size_exceeded",
    `Ukuran pohon melebihi checkpoint terbaru log ini (${latest}).`,
    `The tree size is beyond this log's latest checkpoint (${latest}).`,
  );
}

function publicHeaders(reply: FastifyReply, cache: string): FastifyReply {
  return reply.header("cache-control", cache);
}

/** A leaf hash as base64 (either alphabet, "+" that arrived as a space tolerated) or hex: 32 bytes, or undefined. */
export function parseLeafHash(text: string): Uint8Array | undefined {
  const value = text.trim().replace(/ /g, "+");
  if (/^[0-9a-fA-F]{64}$/.test(value)) return new Uint8Array(Buffer.from(value, "hex"));
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return undefined;
  const bytes = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return bytes.length === 32 ? new Uint8Array(bytes) : undefined;
}

async function inLog<T>(ctx: AppContext, slug: string, fn: (trx: Transaction<DB>, koperasiId: string) => Promise<T>): Promise<T> {
  const koperasi = await koperasiBySlug(ctx, slug);
  return ctx.database.tenant({ koperasiId: koperasi.id }, (trx) => fn(trx, koperasi.id));
}

/** Whether the entry has a line on a member account — any, or one of this login's own. */
async function touchesMemberAccount(trx: Transaction<DB>, koperasiId: string, entryId: string, ownerUserId?: string): Promise<boolean> {
  let query = trx
    .selectFrom("journal_line as l")
    .innerJoin("member_account as ma", (join) => join.onRef("ma.koperasi_id", "=", "l.koperasi_id").onRef("ma.id", "=", "l.member_account_id"))
    .innerJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "ma.koperasi_id").onRef("m.id", "=", "ma.member_id"))
    .select("l.line_no")
    .where("l.koperasi_id", "=", koperasiId)
    .where("l.entry_id", "=", entryId);
  if (ownerUserId !== undefined) query = query.where("m.user_id", "=", ownerUserId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

export async function transparencyRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  // Anyone may audit a log, from any origin; refusals included, so a verifier in another site's page can read them.
  app.addHook("onRequest", async (request, reply) => {
    if (request.url.startsWith("/api/v1/public/log/")) reply.header("access-control-allow-origin", "*");
  });
  app.get(
    "/public/log/:slug/checkpoint",
    { schema: { tags, summary: "Checkpoint terbaru log koperasi (signed note, dengan kosignatur saksi)", params: LogSlugParams } },
    async (request, reply) => {
      const checkpoint = await inLog(ctx, request.params.slug, (trx, koperasiId) => latestCheckpoint(trx, koperasiId));
      if (!checkpoint) throw new AppError(404, "checkpoint_not_found", "Log koperasi ini belum memiliki checkpoint.", "This log has no checkpoint yet.");
      return publicHeaders(reply, "no-cache").type("text/plain; charset=utf-8").send(checkpoint.note);
    },
  );

  app.get(
    "/public/log/:slug/checkpoints/:size",
    { schema: { tags, summary: "Checkpoint pada ukuran pohon tertentu", params: CheckpointSizeParams } },
    async (request, reply) => {
      const checkpoint = await inLog(ctx, request.params.slug, (trx, koperasiId) => checkpointAt(trx, koperasiId, request.params.size));
      if (!checkpoint) throw checkpointNotFound();
      return publicHeaders(reply, CHECKPOINT_CACHE).type("text/plain; charset=utf-8").send(checkpoint.note);
    },
  );

  app.get(
    "/public/log/:slug/proof/consistency",
    { schema: { tags, summary: "Bukti konsistensi antara dua ukuran pohon", params: LogSlugParams, querystring: ConsistencyQuery, response: { 200: ConsistencyProof } } },
    async (request, reply) => {
      const { from, to } = request.query;
      if (from > to) throw invalidField("querystring.from", "range_invalid", "Ukuran awal tidak boleh lebih besar dari ukuran akhir.");
      const proof = await inLog(ctx, request.params.slug, async (trx, koperasiId) => {
        const latest = await currentTreeSize(trx, koperasiId);
        if (to > latest) throw treeSizeExceeded(latest);
        return consistencyProof(new LogNodeStore(trx, koperasiId), from, to);
      });
      publicHeaders(reply, PROOF_CACHE);
      return { from, to, proof: proof.map(encodeBase64) };
    },
  );

  app.get(
    "/public/log/:slug/proof/inclusion",
    {
      schema: {
        tags,
        summary: "Bukti inklusi satu daun (menurut indeks atau hash daun)",
        params: LogSlugParams,
        querystring: InclusionQuery,
        response: { 200: InclusionProof },
      },
    },
    async (request, reply) => {
      const { index, leafHash, treeSize } = request.query;
      if ((index === undefined) === (leafHash === undefined)) {
        throw invalidField("querystring", "index_or_leaf_hash", "Isi tepat satu dari index atau leafHash.");
      }
      const wantedHash = leafHash === undefined ? undefined : parseLeafHash(leafHash);
      if (leafHash !== undefined && !wantedHash) {
        throw invalidField("querystring.leafHash", "leaf_hash_invalid", "Hash daun harus 32 bita dalam base64 atau heksadesimal.");
      }
      const result = await inLog(ctx, request.params.slug, async (trx, koperasiId) => {
        const latest = await currentTreeSize(trx, koperasiId);
        if (latest === 0) throw new AppError(404, "checkpoint_not_found", "Log koperasi ini belum memiliki checkpoint.", "This log has no checkpoint yet.");
        const size = treeSize ?? latest;
        if (size > latest) throw treeSizeExceeded(latest);
        const store = new LogNodeStore(trx, koperasiId);
        let leafIndex: number;
        let hash: Uint8Array;
        if (wantedHash) {
          const leaf = await trx
            .selectFrom("log_node")
            .select("idx")
            .where("koperasi_id", "=", koperasiId)
            .where("level", "=", 0)
            .where("hash", "=", Buffer.from(wantedHash))
            .where("idx", "<", size)
            .orderBy("idx")
            .limit(1)
            .executeTakeFirst();
          if (!leaf) throw new AppError(404, "leaf_not_found", "Daun dengan hash itu tidak ada di pohon berukuran ini.", "No leaf with that hash in a tree of this size.");
          leafIndex = Number(leaf.idx);
          hash = wantedHash;
        } else {
          leafIndex = index ?? 0;
          if (leafIndex >= size) {
            throw new AppError(400, "index_out_of_range", "Indeks daun harus lebih kecil dari ukuran pohon.", "The leaf index must be smaller than the tree size.");
          }
          [hash] = (await store.getNodes([{ level: 0, index: leafIndex }])) as [Uint8Array];
        }
        return { index: leafIndex, treeSize: size, leafHash: encodeBase64(hash), proof: (await inclusionProof(store, leafIndex, size)).map(encodeBase64) };
      });
      publicHeaders(reply, PROOF_CACHE);
      return result;
    },
  );

  app.get(
    "/public/log/:slug/keys",
    { schema: { tags, summary: "Kunci verifikasi log koperasi dan saksinya", params: LogSlugParams, response: { 200: LogKeys } } },
    async (request, reply) => {
      const koperasi = await koperasiBySlug(ctx, request.params.slug);
      const { keys, cosigners } = await ctx.database.tenant({ koperasiId: koperasi.id }, async (trx) => {
        const keys = await ensureLogKeys(trx, keyringOf(ctx), koperasi.id, koperasi.slug);
        const rows = await trx
          .selectFrom("log_cosignature")
          .select("witness_name")
          .distinct()
          .where("koperasi_id", "=", koperasi.id)
          .where("tree_size", "in", (sub) =>
            sub.selectFrom("log_checkpoint").select("tree_size").where("koperasi_id", "=", koperasi.id).orderBy("tree_size", "desc").limit(RECENT_COSIGNED),
          )
          .execute();
        return { keys, cosigners: rows.map((row) => row.witness_name) };
      });
      const witnesses = await witnessKeysByName(ctx.database, cosigners);
      // Witnesses elsewhere (LOG_WITNESSES) are not in log_key: their keys come from the settings.
      const external = ctx.config.logWitnesses.map((w) => publicKeyOf(w.verifierKey)).filter((key) => cosigners.includes(key.name));
      publicHeaders(reply, "public, max-age=300");
      return {
        origin: keys.log.name,
        log: publicKeyOf(keys.log.verifierKey),
        witnessKey: publicKeyOf(keys.witness.verifierKey),
        witnesses: [...witnesses.map((w) => publicKeyOf(w.verifierKey)), ...external],
      };
    },
  );

  app.get(
    "/koperasi/:koperasiId/journals/:entryId/receipt",
    {
      schema: {
        tags,
        summary: "Bukti transaksi (C2SP tlog-proof) untuk satu jurnal yang sudah diposting",
        params: z.object({ koperasiId: Uuid, entryId: Uuid }),
        response: { 200: EntryReceipt },
      },
      config: { gate: { action: ["journal.view", "savings.view", "savings.view_self"] } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const { entryId } = request.params;
      // Counter staff see entries on members' accounts; a member only those
      // on her own — another's is as if it did not exist.
      const visible =
        cmd.action === "journal.view" ||
        (await touchesMemberAccount(cmd.trx, cmd.koperasiId, entryId, cmd.action === "savings.view_self" ? cmd.actor.userId : undefined));
      const outcome = visible ? await entryReceipt(cmd.trx, cmd.koperasiId, entryId) : { kind: "not_found" as const };
      switch (outcome.kind) {
        case "ready":
          return { ...outcome.receipt, koperasiSlug: cmd.koperasi.slug };
        case "not_found":
          throw notFound("Jurnal", "Journal entry");
        case "not_posted":
          throw new AppError(409, "entry_not_posted", "Jurnal ini belum diposting, jadi belum ada bukti transaksinya.", "This entry is not posted, so it has no receipt.");
        case "not_ready":
          reply.header("retry-after", "2");
          throw new AppError(
            409,
            "receipt_not_ready",
            "Bukti transaksi belum siap: transaksi ini belum tercatat di checkpoint log. Coba lagi beberapa detik lagi.",
            "The receipt is not ready: no log checkpoint covers this entry yet. Try again in a few seconds.",
          );
      }
    },
  );
}
