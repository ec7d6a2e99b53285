import { Counter, Registry, collectDefaultMetrics } from "prom-client";
import type { AppContext } from "../context";
import type { ZodApp } from "../http/zod-app";
import { forbidden } from "../errors/app-error";

// Prometheus metrics for whoever watches the deployment: the process's own
// (CPU, memory, event-loop lag) and the statements sent to the database,
// from which round trips per request follow. Served to loopback only: a
// scraper runs beside the server (or behind a proxy that forwards nothing),
// and nobody outside learns how busy a deployment is.

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

export async function metricsRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Counter({
    name: "koperasi_db_statements_total",
    help: "Statements this process sent to the database, BEGIN and COMMIT included.",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(ctx.database.statements.count);
    },
  });
  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    if (!LOOPBACK.test(request.socket.remoteAddress ?? "")) throw forbidden("Metrik hanya dilayani ke alamat lokal.", "Metrics are served to loopback only.");
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
