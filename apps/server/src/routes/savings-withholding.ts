import { KoperasiParams, WithholdingQuery, WithholdingReport } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { withholdingReport, withholdingReportXlsx } from "../jobs/savings/withholding-report";
import { keyringOf } from "../members/members";

// The month's final tax withheld on savings interest (bukti potong list), for
// those who read the cooperative's reports: JSON for the app, Excel for the tax office.

const tags = ["simpanan"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function savingsWithholdingRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const keyring = keyringOf(ctx);

  app.get(
    "/koperasi/:koperasiId/savings/tax-withholding",
    {
      schema: { tags, summary: "Daftar bukti potong PPh final bunga simpanan sebulan", params: KoperasiParams, querystring: WithholdingQuery, response: { 200: WithholdingReport } },
      config: { gate: { action: "reports.view" } },
    },
    async (request) => withholdingReport(command(request), keyring, request.query.period),
  );

  app.get(
    "/koperasi/:koperasiId/savings/tax-withholding.xlsx",
    {
      schema: { tags, summary: "Daftar bukti potong PPh final bunga simpanan sebulan (Excel)", params: KoperasiParams, querystring: WithholdingQuery },
      config: { gate: { action: "reports.view" } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const file = await withholdingReportXlsx(cmd.koperasi, await withholdingReport(cmd, keyring, request.query.period));
      reply
        .header("cache-control", "private, no-store")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`bukti-potong-pph-final-${request.query.period}.xlsx`)}`)
        .type(XLSX);
      return file;
    },
  );
}
