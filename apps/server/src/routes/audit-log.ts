import { AuditEntry, KoperasiParams, Page, paged } from "@koperasi/contracts";
import { listAudit } from "../audit-log/list";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";

export async function auditRoutes(app: ZodApp): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/audit",
    {
      schema: {
        tags: ["koperasi"],
        summary: "Log audit koperasi (terbaru dahulu), termasuk akses operator platform",
        params: KoperasiParams,
        querystring: Page,
        response: { 200: paged(AuditEntry) },
      },
      config: { gate: { action: "koperasi.view_audit" } },
    },
    async (request) => {
      const cmd = command(request);
      return listAudit(cmd.trx, cmd.koperasiId, request.query);
    },
  );
}
