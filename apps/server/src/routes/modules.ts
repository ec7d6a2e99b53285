import type { AppContext } from "../context";
import type { ZodApp } from "../http/zod-app";

export async function moduleRoutes(_app: ZodApp, _ctx: AppContext): Promise<void> {}
