import { sql } from "kysely";
import type { AppContext } from "../context";
import type { ZodApp } from "../http/zod-app";

export async function healthRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  // Liveness: the process answers. Readiness: the database answers too.
  app.get("/healthz", { schema: { hide: true } }, () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(ctx.database.db);
      return { status: "ready", database: ctx.database.kind };
    } catch {
      return reply.status(503).type("application/problem+json").send({
        type: "https://koperasi-pintar.id/problems/not_ready",
        title: "not ready",
        status: 503,
        code: "not_ready",
        detail: "Basis data belum siap.",
      });
    }
  });
}
