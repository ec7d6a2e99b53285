import { sql } from "kysely";
import {
  TLOG_SIZE_CONTENT_TYPE,
  acceptCosignatures,
  consistencyProof,
  formatAddCheckpointRequest,
  parseTlogSize,
  parseVerifierKey,
  type AcceptedCosignature,
} from "@koperasi/tlog";
import type { ExternalWitness } from "../config";
import type { AppContext } from "../context";
import { ensureLogKeys, keyringOf } from "../transparency/keys";
import { LogNodeStore } from "../transparency/node-store";
import type { PublishedCheckpoint } from "../transparency/sequencer";
import { cotenantAddCheckpoint, cotenantState, type WitnessingKoperasi } from "./cotenant";

// After a cooperative publishes a checkpoint, witnesses cosign it (C2SP
// tlog-witness) and the cosignature lines go into log_cosignature, where
// the public checkpoint endpoint appends them:
// - a few other approved cooperatives on this deployment (the next ones by
//   id, wrapping around: a deterministic, bounded choice that needs one
//   index range scan however many cooperatives there are), in process,
//   through the same handler as POST /api/v1/witness/:slug/add-checkpoint;
// - every external witness in LOG_WITNESSES, over HTTP.
// All of it runs in the background, one submission at a time per (log,
// witness): a checkpoint published meanwhile replaces the waiting one, and
// a failure is logged and retried with the next checkpoint, never holding
// up publishing or posting.

export interface WitnessingLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface Witnessing {
  /** Resolves when no submission is running or waiting (tests, shutdown). */
  settled(): Promise<void>;
  /** Stops taking checkpoints; running submissions finish. */
  stop(): Promise<void>;
}

/** Answers from a witness, however it was reached. */
interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

interface WitnessTarget {
  /** Its verifier key: only its cosignatures are kept. */
  readonly verifierKey: string;
  readonly label: string;
  /** The size this witness last cosigned for the log, as far as we know (0: none). */
  knownSize(checkpoint: PublishedCheckpoint): Promise<number>;
  send(body: string): Promise<RawAnswer>;
}

/** A witness answered other than with cosignatures or a size to retry from. */
export class WitnessRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`witness answered ${status}: ${body.slice(0, 300)}`);
  }
}

/** Submissions after a 409 names the size to prove from: one is enough unless the witness moves meanwhile. */
const MAX_CONFLICT_RETRIES = 3;
const EXTERNAL_TIMEOUT_MS = 10_000;
/** Submissions running at once across all logs and witnesses: a busy round must not take every database connection. */
const MAX_PARALLEL_SUBMISSIONS = 4;

/** A counting semaphore: run(fn) waits for one of `size` places. */
function limiter(size: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (active >= size) await new Promise<void>((enter) => waiting.push(enter));
    else active += 1;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/** The cooperatives that witness `koperasiId`'s log: the next `count` approved ones by id, wrapping around. */
export async function cotenantWitnessesOf(ctx: AppContext, koperasiId: string, count: number): Promise<WitnessingKoperasi[]> {
  if (count <= 0) return [];
  const approved = () => ctx.database.db.selectFrom("koperasi").select(["id", "slug"]).where("status", "=", "approved").orderBy("id").limit(count);
  const after = await approved().where("id", ">", koperasiId).execute();
  const wrapped = after.length < count ? await approved().where("id", "<", koperasiId).execute() : [];
  return [...after, ...wrapped].slice(0, count);
}

async function proofFrom(ctx: AppContext, checkpoint: PublishedCheckpoint, oldSize: number): Promise<Uint8Array[]> {
  if (oldSize === 0 || oldSize === checkpoint.treeSize) return [];
  return ctx.database.tenant({ koperasiId: checkpoint.koperasiId }, (trx) =>
    consistencyProof(new LogNodeStore(trx, checkpoint.koperasiId), oldSize, checkpoint.treeSize),
  );
}

/**
 * The cosignatures of one witness on one checkpoint, proving consistency
 * from the size it last cosigned; null when it has already cosigned a larger
 * tree (another process got there first), so there is nothing to add.
 */
async function obtainCosignatures(ctx: AppContext, target: WitnessTarget, checkpoint: PublishedCheckpoint): Promise<AcceptedCosignature[] | null> {
  let oldSize = await target.knownSize(checkpoint);
  for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt += 1) {
    if (oldSize > checkpoint.treeSize) return null;
    const body = formatAddCheckpointRequest({
      oldSize,
      proof: await proofFrom(ctx, checkpoint, oldSize),
      signedCheckpoint: checkpoint.signedNote,
    });
    const answer = await target.send(body);
    if (answer.status === 200) {
      const accepted = acceptCosignatures(checkpoint.signedNote, answer.body, [target.verifierKey]);
      if (accepted.length === 0) throw new Error(`witness ${target.label} answered 200 without a cosignature by its key`);
      return accepted;
    }
    if (answer.status === 409 && answer.contentType.split(";")[0]?.trim() === TLOG_SIZE_CONTENT_TYPE) {
      oldSize = parseTlogSize(answer.body);
      continue;
    }
    throw new WitnessRefusedError(answer.status, answer.body);
  }
  throw new Error(`witness ${target.label} kept answering 409 for ${checkpoint.origin} at ${checkpoint.treeSize}`);
}

async function storeCosignatures(ctx: AppContext, checkpoint: PublishedCheckpoint, accepted: readonly AcceptedCosignature[]): Promise<void> {
  await ctx.database.tenant({ koperasiId: checkpoint.koperasiId }, async (trx) => {
    for (const { line, signature } of accepted) {
      await trx
        .insertInto("log_cosignature")
        .values({
          koperasi_id: checkpoint.koperasiId,
          tree_size: checkpoint.treeSize,
          witness_name: signature.name,
          signature_line: line.replace(/\n$/, ""),
        })
        .onConflict((oc) => oc.columns(["koperasi_id", "tree_size", "witness_name"]).doNothing())
        .execute();
    }
  });
}

function cotenantTarget(ctx: AppContext, witness: WitnessingKoperasi, verifierKey: string): WitnessTarget {
  return {
    verifierKey,
    label: `koperasi ${witness.slug}`,
    knownSize: async (checkpoint) => (await cotenantState(ctx, witness.id, checkpoint.origin))?.size ?? 0,
    send: async (body) => {
      const answer = await cotenantAddCheckpoint(ctx, witness, body);
      if ("body" in answer) return { status: answer.status, contentType: answer.contentType, body: answer.body };
      return { status: answer.status, contentType: "application/problem+json", body: `${answer.problem.code}: ${answer.reason}` };
    },
  };
}

function externalTarget(ctx: AppContext, witness: ExternalWitness): WitnessTarget {
  const name = parseVerifierKey(witness.verifierKey).name;
  return {
    verifierKey: witness.verifierKey,
    label: witness.url,
    // What we stored from it before; a witness that knows more says so with 409.
    knownSize: async (checkpoint) => {
      const row = await ctx.database.tenant({ koperasiId: checkpoint.koperasiId }, (trx) =>
        trx
          .selectFrom("log_cosignature")
          .select(sql<string | null>`max(tree_size)::text`.as("size"))
          .where("koperasi_id", "=", checkpoint.koperasiId)
          .where("witness_name", "=", name)
          .executeTakeFirst(),
      );
      return row?.size ? Number(row.size) : 0;
    },
    send: async (body) => {
      const res = await fetch(`${witness.url}/add-checkpoint`, {
        method: "POST",
        headers: { "content-type": "text/plain; charset=utf-8" },
        body,
        signal: AbortSignal.timeout(EXTERNAL_TIMEOUT_MS),
      });
      return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
    },
  };
}

/** The co-tenant's witness vkey, its keys made first if it has none yet (approved before logs existed). */
async function cotenantWitnessKey(ctx: AppContext, witness: WitnessingKoperasi): Promise<string> {
  return ctx.database.tenant({ koperasiId: witness.id }, async (trx) => (await ensureLogKeys(trx, keyringOf(ctx), witness.id, witness.slug)).witness.verifierKey);
}

const installed = new WeakMap<AppContext, Witnessing>();

/** The witnessing installed for this context (by buildApp), if any: tests await its settled(). */
export function witnessingOf(ctx: AppContext): Witnessing | undefined {
  return installed.get(ctx);
}

/** Registers on the publisher: every checkpoint goes to the co-tenant and external witnesses. */
export function installWitnessing(ctx: AppContext, logger: WitnessingLogger): Witnessing {
  const existing = installed.get(ctx);
  if (existing) return existing;
  const slots = new Map<string, { next: PublishedCheckpoint | undefined; running: Promise<void> }>();
  let stopped = false;
  const limit = limiter(MAX_PARALLEL_SUBMISSIONS);

  async function submit(target: () => Promise<WitnessTarget>, checkpoint: PublishedCheckpoint): Promise<void> {
    const witness = await target();
    const accepted = await obtainCosignatures(ctx, witness, checkpoint);
    if (accepted) await storeCosignatures(ctx, checkpoint, accepted);
  }

  /** One submission at a time per (log, witness); a newer checkpoint replaces one still waiting. */
  function enqueue(key: string, label: string, target: () => Promise<WitnessTarget>, checkpoint: PublishedCheckpoint): void {
    const slot = slots.get(key);
    if (slot) {
      if (!slot.next || slot.next.treeSize < checkpoint.treeSize) slot.next = checkpoint;
      return;
    }
    const fresh: { next: PublishedCheckpoint | undefined; running: Promise<void> } = { next: checkpoint, running: Promise.resolve() };
    slots.set(key, fresh);
    fresh.running = (async () => {
      for (let current = fresh.next; current; current = fresh.next) {
        fresh.next = undefined;
        try {
          const checkpoint = current;
          await limit(() => submit(target, checkpoint));
        } catch (error) {
          const details = { err: error, witness: label, koperasiId: current.koperasiId, origin: current.origin, treeSize: current.treeSize };
          // A co-tenant refusing a checkpoint of this deployment means the log
          // and its stored history disagree: loud. An unreachable outside
          // witness is retried with the next checkpoint.
          if (error instanceof WitnessRefusedError) logger.error(details, "witness refused a checkpoint");
          else logger.warn(details, "checkpoint could not be submitted to a witness");
        }
      }
      slots.delete(key);
    })();
  }

  const unsubscribe = ctx.transparency.onCheckpoint(async (checkpoint) => {
    if (stopped) return;
    for (const witness of await cotenantWitnessesOf(ctx, checkpoint.koperasiId, ctx.config.cotenantWitnesses)) {
      const target = async () => cotenantTarget(ctx, witness, await cotenantWitnessKey(ctx, witness));
      enqueue(`${checkpoint.koperasiId}/koperasi/${witness.id}`, `koperasi ${witness.slug}`, target, checkpoint);
    }
    for (const witness of ctx.config.logWitnesses) {
      enqueue(`${checkpoint.koperasiId}/external/${witness.url}`, witness.url, async () => externalTarget(ctx, witness), checkpoint);
    }
  });

  async function settled(): Promise<void> {
    while (slots.size > 0) await Promise.all([...slots.values()].map((slot) => slot.running));
  }

  const witnessing: Witnessing = {
    settled,
    async stop() {
      stopped = true;
      unsubscribe();
      await settled();
      installed.delete(ctx);
    },
  };
  installed.set(ctx, witnessing);
  return witnessing;
}
