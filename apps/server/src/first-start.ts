import type { FastifyBaseLogger } from "fastify";
import type { AppContext } from "./context";

/** First start: the operator login (when configured) and, in the embedded default, the demo cooperative. */
export async function ensureFirstStart(_ctx: AppContext, _log: FastifyBaseLogger): Promise<void> {}
