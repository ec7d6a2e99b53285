import type { FastifyReply } from "fastify";
import { RateLimitedError } from "../verification/codes";

/** Runs a step that may send a one-time code; a 429 from the code limits also tells the client when to try again. */
export async function withRetryAfter<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof RateLimitedError) reply.header("retry-after", String(error.retryAfterSeconds));
    throw error;
  }
}
