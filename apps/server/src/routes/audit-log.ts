import { AuditEntry, KoperasiParams, Page, paged } from "@koperasi/contracts";
import { listAudit } from "../audit-log/list";
import type { AppContext } from "../context";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";

export async function auditRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
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
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "koperasi.view_audit");
      return listAudit(ctx, access, request.query);
    },
  );
}
