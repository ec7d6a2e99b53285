import { KoperasiParams, PersonalDataExportQuery } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { admission, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { keyringOf } from "../members/members";
import { letterheadOf } from "../pdf";
import { renderPersonalDataPdf } from "../personal-data/personal-data-pdf";
import { collectPersonalData } from "../personal-data/personal-data";
import { privatePdf } from "./member-card";

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
      // The data is read and the export audited in one transaction; the PDF's letterhead reads the logo in one of its own, after it.
      config: { gate: { action: "members.export_self", transaction: "own" } },
    },
    async (request, reply) => {
      const { format } = request.query;
      const data = await runCommand(ctx, request, (cmd) => collectPersonalData(cmd, keyringOf(ctx), format));
      const baseName = `data-pribadi-${data.member.memberNumber}`;
      if (format === "pdf") return privatePdf(reply, await renderPersonalDataPdf(data, await letterheadOf(ctx, admission(request).koperasi)), `${baseName}.pdf`);
      reply
        .header("cache-control", "private, no-store")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`${baseName}.json`)}`)
        .type("application/json; charset=utf-8");
      return JSON.stringify(data, null, 2);
    },
  );
}
