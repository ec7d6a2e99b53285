import { FinancialStatementsQuery, FinancialStatementsReport, KoperasiParams } from "@koperasi/contracts";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { admission, command, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { privatePdf } from "../routes/member-card";
import { listSavingsProducts } from "../savings/products";
import { currentStructure } from "../structure/terms";
import { calkSections } from "./calk";
import { financialStatementsReport } from "./financial-statements";
import { renderFinancialStatementsPdf, signatoriesOf } from "./financial-statements-pdf";
import { financialStatementsXlsx } from "./financial-statements-xlsx";

// The SAK EP financial statements of a month, quarter or year, for the
// pengurus and pengawas: JSON for the app, a signed-off PDF on the
// letterhead, and an Excel workbook for the accountant. The three read the
// same figures; the PDF and Excel are rendered after the read transaction ends.

const tags = ["laporan"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PATH = "/koperasi/:koperasiId/reports/financial-statements";

/** The notes, with the savings products' terms as they stood on the as-at date. */
async function calkOf(cmd: CommandContext, report: FinancialStatementsReport) {
  return calkSections(cmd.koperasi, report, await listSavingsProducts(cmd.trx, cmd.koperasiId, report.period.to));
}

export async function reportRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    PATH,
    {
      schema: { tags, summary: "Laporan keuangan SAK EP sebulan, triwulan atau setahun, dengan periode sebelumnya", params: KoperasiParams, querystring: FinancialStatementsQuery, response: { 200: FinancialStatementsReport } },
      config: { gate: { action: "reports.view" } },
    },
    async (request) => financialStatementsReport(command(request), request.query.period, request.query.knownAt),
  );

  app.get(
    `${PATH}.pdf`,
    {
      schema: { tags, summary: "Laporan keuangan SAK EP sebagai PDF berkop surat, dengan tanda tangan pengurus dan pengawas", params: KoperasiParams, querystring: FinancialStatementsQuery },
      config: { gate: { action: "reports.view", transaction: "own" } },
    },
    async (request, reply) => {
      const input = await runCommand(ctx, request, async (cmd) => {
        const report = await financialStatementsReport(cmd, request.query.period, request.query.knownAt);
        const structure = await currentStructure(cmd.trx, cmd.koperasiId, report.period.to < cmd.today ? report.period.to : cmd.today);
        return { report, calk: await calkOf(cmd, report), signatories: signatoriesOf(structure), printedAt: cmd.now, printedBy: cmd.actor.name };
      });
      const pdf = await renderFinancialStatementsPdf(ctx, admission(request).koperasi, input);
      return privatePdf(reply, pdf, `laporan-keuangan-${input.report.period.label}.pdf`);
    },
  );

  app.get(
    `${PATH}.xlsx`,
    {
      schema: { tags, summary: "Laporan keuangan SAK EP sebagai Excel, satu lembar per laporan dan satu untuk catatannya", params: KoperasiParams, querystring: FinancialStatementsQuery },
      config: { gate: { action: "reports.view", transaction: "own" } },
    },
    async (request, reply) => {
      const { report, calk } = await runCommand(ctx, request, async (cmd) => {
        const read = await financialStatementsReport(cmd, request.query.period, request.query.knownAt);
        return { report: read, calk: await calkOf(cmd, read) };
      });
      const file = await financialStatementsXlsx(admission(request).koperasi, report, calk);
      reply
        .header("cache-control", "private, no-store")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`laporan-keuangan-${report.period.label}.xlsx`)}`)
        .type(XLSX);
      return file;
    },
  );
}
