import type { Database } from "@koperasi/db";
import type { LogKeyring } from "./keys";
import { DEFAULT_BATCH_SIZE, pendingKoperasi, sequenceKoperasi, type PublishedCheckpoint } from "./sequencer";

// Publishes checkpoints while there is traffic: every `intervalMs` one round
// sequences the cooperatives with waiting leaves and tells the listeners
// (witness cosigning) about each new checkpoint. A round is bounded (so many
// cooperatives, so many batches each); whatever is left waits for the next
// round, a second later. Rounds never overlap within a process; across
// processes the sequencer's advisory lock keeps them apart.

export type CheckpointListener = (checkpoint: PublishedCheckpoint) => Promise<void> | void;

export interface PublisherLogger {
  error(details: object, message: string): void;
  info?(details: object, message: string): void;
}

/** A cooperative whose checkpoints this process cannot publish (e.g. its log key does not open). */
export interface LogFailure {
  koperasiId: string;
  /** The first failure of this run of failures. */
  since: Date;
  attempts: number;
  message: string;
  /** Not tried again before this. */
  retryAt: Date;
}

export interface LogPublisher {
  /** Called after each checkpoint commits, in registration order; returns an unsubscribe function. */
  onCheckpoint(listener: CheckpointListener): () => void;
  /** One round now (after any round in progress): what it published. */
  publishNow(): Promise<PublishedCheckpoint[]>;
  /** Starts the timer (no-op when the interval is 0 or it already runs). */
  start(logger?: PublisherLogger): void;
  /** Stops the timer and waits for the round in progress. */
  stop(): Promise<void>;
  /** Cooperatives whose last attempt failed, oldest failure first. */
  failures(): LogFailure[];
}

export interface PublisherOptions {
  database: Database;
  keyring: LogKeyring;
  now: () => Date;
  /** Pause between rounds; 0 disables the timer (publishNow still works). */
  intervalMs: number;
  /** Cooperatives per round. */
  maxKoperasiPerRound?: number;
  /** Batches per cooperative per round. */
  maxBatchesPerKoperasi?: number;
  batchSize?: number;
}

const consoleLogger: PublisherLogger = { error: (details, message) => console.error(message, details) };

/** A failing cooperative is tried again after twice the previous wait, from one interval up to this. */
export const MAX_RETRY_MS = 10 * 60_000;

export function createLogPublisher(options: PublisherOptions): LogPublisher {
  const listeners: CheckpointListener[] = [];
  const maxKoperasi = options.maxKoperasiPerRound ?? 500;
  const maxBatches = options.maxBatchesPerKoperasi ?? 5;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let logger = consoleLogger;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const failing = new Map<string, LogFailure>();

  // One error line when a cooperative starts failing (or fails differently),
  // one when it recovers; in between it is retried less and less often, and
  // shown to the operator (failures()), not logged every second.
  function failed(koperasiId: string, error: unknown): void {
    const now = options.now();
    const message = error instanceof Error ? error.message : String(error);
    const previous = failing.get(koperasiId);
    const attempts = (previous?.attempts ?? 0) + 1;
    const waitMs = Math.min(Math.max(options.intervalMs, 1000) * 2 ** (attempts - 1), MAX_RETRY_MS);
    failing.set(koperasiId, { koperasiId, since: previous?.since ?? now, attempts, message, retryAt: new Date(now.getTime() + waitMs) });
    if (!previous || previous.message !== message) logger.error({ err: error, koperasiId }, "sequencing failed; retried with growing pauses until it succeeds");
  }

  function succeeded(koperasiId: string): void {
    const previous = failing.get(koperasiId);
    if (!previous) return;
    failing.delete(koperasiId);
    logger.info?.({ koperasiId, attempts: previous.attempts, since: previous.since }, "sequencing recovered");
  }

  async function notify(checkpoint: PublishedCheckpoint): Promise<void> {
    for (const listener of [...listeners]) {
      try {
        await listener(checkpoint);
      } catch (error) {
        logger.error({ err: error, koperasiId: checkpoint.koperasiId, treeSize: checkpoint.treeSize }, "checkpoint listener failed");
      }
    }
  }

  async function round(): Promise<PublishedCheckpoint[]> {
    const published: PublishedCheckpoint[] = [];
    // Those still pausing after a failure are left out in the query, so however many fail, the others keep their places.
    const now = options.now();
    const pausing = [...failing.values()].filter((f) => f.retryAt > now).map((f) => f.koperasiId);
    for (const koperasiId of await pendingKoperasi(options.database, maxKoperasi, pausing)) {
      try {
        for (let batch = 0; batch < maxBatches; batch += 1) {
          const checkpoint = await sequenceKoperasi(options.database, options.keyring, koperasiId, options.now(), { batchSize });
          if (!checkpoint) break;
          published.push(checkpoint);
          await notify(checkpoint);
          if (checkpoint.treeSize - checkpoint.previousSize < batchSize) break;
        }
        succeeded(koperasiId);
      } catch (error) {
        // One cooperative's trouble (e.g. a key that does not open) must not
        // stop the others' checkpoints.
        failed(koperasiId, error);
      }
    }
    return published;
  }

  function publishNow(): Promise<PublishedCheckpoint[]> {
    const next = queue.then(round, round);
    queue = next.catch(() => undefined);
    return next;
  }

  function schedule(): void {
    if (!running) return;
    timer = setTimeout(() => {
      publishNow()
        .catch((error: unknown) => logger.error({ err: error }, "checkpoint publishing failed"))
        .finally(schedule);
    }, options.intervalMs);
    timer.unref();
  }

  return {
    onCheckpoint(listener) {
      listeners.push(listener);
      return () => {
        const at = listeners.indexOf(listener);
        if (at >= 0) listeners.splice(at, 1);
      };
    },
    publishNow,
    start(startLogger) {
      if (startLogger) logger = startLogger;
      if (running || options.intervalMs <= 0) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await queue;
    },
    failures() {
      return [...failing.values()].sort((a, b) => a.since.getTime() - b.since.getTime());
    },
  };
}
