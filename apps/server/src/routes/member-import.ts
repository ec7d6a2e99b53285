import { PassThrough } from "node:stream";
import { z } from "zod";
import { DOCUMENT_MAX_BYTES, ImportDryRun, KoperasiParams, MemberBookPdfQuery, MemberImportJob, Uuid } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { readSingleUpload } from "../files/upload";
import { notFound } from "../errors/app-error";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { describeProblem, type DryRun } from "../member-import/check-rows";
import { dryRunImport, getImportJob, startImport } from "../member-import/import-job";
import { importTemplateCsv, importTemplateXlsx } from "../member-import/import-template";
import { renderMemberBookPdf, writeMemberBookXlsx } from "../member-import/member-book-export";
import { privatePdf } from "./member-card";

// Importing members from a spreadsheet, and the member book as Excel or PDF.
// Importing writes the register, so it takes members.create (admin, ketua,
// sekretaris — those who register members one by one). The book is read with
// members.view; the NIK in it is in full only for the register's keepers.

const tags = ["anggota"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const JobParams = z.object({ koperasiId: Uuid, jobId: Uuid });

function dryRunReport(dryRun: DryRun): z.infer<typeof ImportDryRun> {
  return {
    rowsTotal: dryRun.rowsTotal,
    rowsReady: dryRun.rows.length,
    errors: dryRun.problems.filter((p) => p.severity === "error").length,
    warnings: dryRun.problems.filter((p) => p.severity === "warning").length,
    problems: dryRun.problems.map((p) => ({ ...p, text: describeProblem(p) })),
  };
}

const attachment = (fileName: string) => `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export async function memberImportRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/member-import/template.xlsx",
    { schema: { tags, summary: "Templat impor anggota (Excel, dengan petunjuk)", params: KoperasiParams } },
    async (request, reply) => {
      await requireTenant(ctx, request, request.params.koperasiId, "members.create");
      return reply.header("content-disposition", attachment("templat-impor-anggota.xlsx")).type(XLSX).send(await importTemplateXlsx());
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-import/template.csv",
    { schema: { tags, summary: "Templat impor anggota (CSV)", params: KoperasiParams } },
    async (request, reply) => {
      await requireTenant(ctx, request, request.params.koperasiId, "members.create");
      return reply.header("content-disposition", attachment("templat-impor-anggota.csv")).type("text/csv; charset=utf-8").send(importTemplateCsv());
    },
  );

  app.post(
    "/koperasi/:koperasiId/member-import/dry-run",
    { schema: { tags, summary: "Memeriksa berkas anggota (Excel/CSV) tanpa menyimpan: semua masalah per baris dan kolom", params: KoperasiParams, response: { 200: ImportDryRun } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.create");
      const upload = await readSingleUpload(request, { maxBytes: DOCUMENT_MAX_BYTES, fallbackName: "anggota" });
      return dryRunReport(await dryRunImport(ctx, access, upload.bytes));
    },
  );

  app.post(
    "/koperasi/:koperasiId/member-import",
    {
      schema: {
        tags,
        summary: "Mengimpor anggota dari berkas: semua atau tidak sama sekali, berjalan di latar belakang; berkas yang sama tidak diimpor dua kali",
        params: KoperasiParams,
        response: { 200: MemberImportJob, 202: MemberImportJob },
      },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.create");
      const upload = await readSingleUpload(request, { maxBytes: DOCUMENT_MAX_BYTES, fallbackName: "anggota" });
      const started = await startImport(ctx, access, upload);
      started.finished.catch((error: unknown) => request.log.error({ err: error }, "member import"));
      return reply.status(started.alreadySubmitted ? 200 : 202).send({ ...started.job, alreadySubmitted: started.alreadySubmitted });
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-import/:jobId",
    { schema: { tags, summary: "Kemajuan impor anggota", params: JobParams, response: { 200: MemberImportJob } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.create");
      const job = await getImportJob(ctx, access, request.params.jobId);
      if (!job) throw notFound("Impor");
      return job;
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-book.xlsx",
    { schema: { tags, summary: "Buku daftar anggota (Excel, dialirkan)", params: KoperasiParams } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.view");
      const stream = new PassThrough();
      writeMemberBookXlsx(ctx, access, stream).catch((error: unknown) => {
        request.log.error({ err: error }, "member book export");
        stream.destroy(error as Error);
      });
      return reply
        .header("cache-control", "private, no-store")
        .header("content-disposition", attachment("buku-daftar-anggota.xlsx"))
        .type(XLSX)
        .send(stream);
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-book.pdf",
    { schema: { tags, summary: "Buku daftar anggota (PDF berkop surat, per jilid 2.000 anggota)", params: KoperasiParams, querystring: MemberBookPdfQuery } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.view");
      const pdf = await renderMemberBookPdf(ctx, access, request.query.jilid);
      return privatePdf(reply, pdf, `buku-daftar-anggota-jilid-${request.query.jilid}.pdf`);
    },
  );
}
