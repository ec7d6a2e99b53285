import type { AppContext } from "../context";
import type { ZodApp } from "../http/zod-app";

export async function userRoutes(_app: ZodApp, _ctx: AppContext): Promise<void> {}
