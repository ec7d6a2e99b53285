import type { FastifyBaseLogger } from "fastify";

// Work a request starts but does not wait for: sending a one-time code. The
// answer then comes after the same work whether or not there was anyone to
// send to. Shutdown (and a test) waits for what is still running.

const running = new WeakMap<object, Set<Promise<void>>>();

/** Starts `work` for `owner` (the app's context) without waiting; a failure is logged, never thrown. */
export function defer(owner: object, log: FastifyBaseLogger, what: string, work: () => Promise<void>): void {
  const set = running.get(owner) ?? new Set<Promise<void>>();
  running.set(owner, set);
  // Started on a later turn of the event loop, once the answer is on its way, so it does not delay it.
  const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .catch((error: unknown) => log.error({ err: error, event: what }, "deferred work failed"))
    .finally(() => set.delete(task));
  set.add(task);
}

/** Waits until every piece of deferred work of `owner`, including what it started meanwhile, has finished. */
export async function settleDeferred(owner: object): Promise<void> {
  const set = running.get(owner);
  while (set && set.size > 0) await Promise.all([...set]);
}
