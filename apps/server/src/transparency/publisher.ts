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

export function createLogPublisher(options: PublisherOptions): LogPublisher {
  const listeners: CheckpointListener[] = [];
  const maxKoperasi = options.maxKoperasiPerRound ?? 500;
  const maxBatches = options.maxBatchesPerKoperasi ?? 5;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let logger = consoleLogger;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let running = false;

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
    for (const koperasiId of await pendingKoperasi(options.database, maxKoperasi)) {
      try {
        for (let batch = 0; batch < maxBatches; batch += 1) {
          const checkpoint = await sequenceKoperasi(options.database, options.keyring, koperasiId, options.now(), { batchSize });
          if (!checkpoint) break;
          published.push(checkpoint);
          await notify(checkpoint);
          if (checkpoint.treeSize - checkpoint.previousSize < batchSize) break;
        }
      } catch (error) {
        // One cooperative's trouble (e.g. a key that does not open) must not
        // stop the others' checkpoints.
        logger.error({ err: error, koperasiId }, "sequencing failed");
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
  };
}
