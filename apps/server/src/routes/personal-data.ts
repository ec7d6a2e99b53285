import { KoperasiParams, PersonalDataExportQuery } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { letterheadOf } from "../pdf";
import { renderPersonalDataPdf } from "../personal-data/personal-data-pdf";
import { collectPersonalData } from "../personal-data/personal-data";
import { sendPrivatePdf } from "./member-card";

export async function personalDataRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/members/me/export",
    {
      schema: {
        tags: ["anggota"],
        summary: "Mengunduh seluruh data pribadi saya (JSON atau PDF)",
        params: KoperasiParams,
        querystring: PersonalDataExportQuery,
      },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.export_self");
      const { format } = request.query;
      const data = await collectPersonalData(ctx, access, format, request);
      const baseName = `data-pribadi-${data.member.memberNumber}`;
      if (format === "pdf") return sendPrivatePdf(reply, await renderPersonalDataPdf(data, await letterheadOf(ctx, access.koperasi)), `${baseName}.pdf`);
      return reply
        .header("cache-control", "private, no-store")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`${baseName}.json`)}`)
        .type("application/json; charset=utf-8")
        .send(JSON.stringify(data, null, 2));
    },
  );
}
