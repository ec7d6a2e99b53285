import { PassThrough } from "node:stream";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { DOCUMENT_MAX_BYTES, ImportDryRun, KoperasiParams, MemberBookPdfQuery, MemberImportJob, Uuid } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { notFound } from "../errors/app-error";
import { readSingleUpload } from "../http/multipart-upload";
import { admission, command, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { describeProblem, type DryRun } from "../member-import/check-rows";
import { dryRunImport, getImportJob, startImport } from "../member-import/import-job";
import { importTemplateCsv, importTemplateXlsx } from "../member-import/import-template";
import { readMemberBookVolume, renderMemberBookPdf, writeMemberBookXlsx } from "../member-import/member-book-export";
import type { CommandRunner } from "../members/command-runner";
import { keyringOf } from "../members/members";
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
  const keyring = keyringOf(ctx);
  const runner = (request: FastifyRequest): CommandRunner => (work) => runCommand(ctx, request, work);

  app.get(
    "/koperasi/:koperasiId/member-import/template.xlsx",
    { schema: { tags, summary: "Templat impor anggota (Excel, dengan petunjuk)", params: KoperasiParams }, config: { gate: { action: "members.create" } } },
    async (_request, reply) => {
      const template = await importTemplateXlsx();
      reply.header("content-disposition", attachment("templat-impor-anggota.xlsx")).type(XLSX);
      return template;
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-import/template.csv",
    { schema: { tags, summary: "Templat impor anggota (CSV)", params: KoperasiParams }, config: { gate: { action: "members.create" } } },
    async (_request, reply) => {
      reply.header("content-disposition", attachment("templat-impor-anggota.csv")).type("text/csv; charset=utf-8");
      return importTemplateCsv();
    },
  );

  app.post(
    "/koperasi/:koperasiId/member-import/dry-run",
    {
      schema: { tags, summary: "Memeriksa berkas anggota (Excel/CSV) tanpa menyimpan: semua masalah per baris dan kolom", params: KoperasiParams, response: { 200: ImportDryRun } },
      // The upload is read after the gate and before the transaction, as every upload is.
      config: { gate: { action: "members.create", transaction: "own" } },
    },
    async (request, reply) => {
      const upload = await readSingleUpload(request, { maxBytes: DOCUMENT_MAX_BYTES, fallbackName: "anggota" });
      return reply.send(dryRunReport(await runCommand(ctx, request, (cmd) => dryRunImport(cmd, keyring, upload.bytes))));
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
      // The import runs in the background after the answer, in transactions of its own (audited there as member.import).
      config: { gate: { action: "members.create", transaction: "own" } },
    },
    async (request, reply) => {
      const upload = await readSingleUpload(request, { maxBytes: DOCUMENT_MAX_BYTES, fallbackName: "anggota" });
      const started = await startImport(ctx, runner(request), upload);
      started.finished.catch((error: unknown) => request.log.error({ err: error }, "member import"));
      reply.status(started.alreadySubmitted ? 200 : 202);
      return { ...started.job, alreadySubmitted: started.alreadySubmitted };
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-import/:jobId",
    { schema: { tags, summary: "Kemajuan impor anggota", params: JobParams, response: { 200: MemberImportJob } }, config: { gate: { action: "members.create" } } },
    async (request) => {
      const cmd = command(request);
      const job = await getImportJob(cmd.trx, cmd.koperasiId, request.params.jobId);
      if (!job) throw notFound("Impor", "Import");
      return job;
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-book.xlsx",
    {
      schema: { tags, summary: "Buku daftar anggota (Excel, dialirkan)", params: KoperasiParams },
      // Streamed: the rows are read in a transaction of its own while the answer goes out.
      config: { gate: { action: "members.view", transaction: "own" } },
    },
    async (request, reply) => {
      const stream = new PassThrough();
      runCommand(ctx, request, (cmd) => writeMemberBookXlsx(cmd, keyring, stream)).catch((error: unknown) => {
        request.log.error({ err: error }, "member book export");
        stream.destroy(error as Error);
      });
      reply.header("cache-control", "private, no-store").header("content-disposition", attachment("buku-daftar-anggota.xlsx")).type(XLSX);
      return stream;
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-book.pdf",
    {
      schema: { tags, summary: "Buku daftar anggota (PDF berkop surat, per jilid 2.000 anggota)", params: KoperasiParams, querystring: MemberBookPdfQuery },
      // The letterhead reads the logo in a transaction of its own, after the book's rows are read.
      config: { gate: { action: "members.view", transaction: "own" } },
    },
    async (request, reply) => {
      const book = await runCommand(ctx, request, (cmd) => readMemberBookVolume(cmd, keyring, request.query.jilid));
      const pdf = await renderMemberBookPdf(ctx, admission(request).koperasi, book);
      return privatePdf(reply, pdf, `buku-daftar-anggota-jilid-${request.query.jilid}.pdf`);
    },
  );
}
