import { z } from "zod";
import { LogFailure, OutboundMessage, PendingKoperasi, ReviewRegistration, Uuid } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { requireOperator } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { latestOutbox, listPending, readDocument, reviewKoperasi } from "../registration/review";
import { attachmentDisposition } from "../files/download";

const tags = ["Operator"];
const KoperasiParams = z.object({ koperasiId: Uuid });
const DocumentParams = z.object({ koperasiId: Uuid, fileId: Uuid });

export async function platformRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/platform/registrations",
    { schema: { tags, summary: "Koperasi yang menunggu tinjauan, dengan dokumennya", response: { 200: z.array(PendingKoperasi) } } },
    async (request) => listPending(ctx, await requireOperator(ctx, request)),
  );

  app.post(
    "/platform/koperasi/:koperasiId/review",
    { schema: { tags, summary: "Setujui atau tolak pendaftaran koperasi", params: KoperasiParams, body: ReviewRegistration, response: { 200: PendingKoperasi } } },
    async (request) => {
      const operator = await requireOperator(ctx, request);
      return reviewKoperasi(ctx, request, operator, request.params.koperasiId, request.body.decision, request.body.note);
    },
  );

  app.get(
    "/platform/koperasi/:koperasiId/documents/:fileId",
    { schema: { tags, summary: "Unduh dokumen pendaftaran (tercatat di log audit koperasi)", params: DocumentParams } },
    async (request, reply) => {
      const operator = await requireOperator(ctx, request);
      const file = await readDocument(ctx, request, operator, request.params.koperasiId, request.params.fileId);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", attachmentDisposition(file.fileName))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(file.bytes);
    },
  );

  app.get(
    "/platform/outbox",
    { schema: { tags, summary: "200 pesan keluar terakhir (email dan SMS)", response: { 200: z.array(OutboundMessage) } } },
    async (request) => {
      await requireOperator(ctx, request);
      return latestOutbox(ctx);
    },
  );

  app.get(
    "/platform/log-failures",
    {
      schema: {
        tags,
        summary: "Koperasi yang checkpoint lognya tidak dapat diterbitkan proses ini sekarang (mis. kunci log tidak terbuka), dengan galat terakhirnya",
        response: { 200: z.array(LogFailure) },
      },
    },
    async (request) => {
      await requireOperator(ctx, request);
      const failures = ctx.transparency.failures();
      if (failures.length === 0) return [];
      const names = await ctx.database.platform((trx) =>
        trx.selectFrom("koperasi").select(["id", "slug", "name"]).where("id", "in", failures.map((f) => f.koperasiId)).execute(),
      );
      return failures.map((f) => {
        const koperasi = names.find((n) => n.id === f.koperasiId);
        return { koperasiId: f.koperasiId, slug: koperasi?.slug ?? "", name: koperasi?.name ?? "", since: f.since.toISOString(), attempts: f.attempts, message: f.message, retryAt: f.retryAt.toISOString() };
      });
    },
  );
}
