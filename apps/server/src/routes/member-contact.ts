import { ConfirmContactChange, ContactChangeSent, KoperasiParams, MemberDetail, RequestContactChange } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { withRetryAfter } from "../http/retry-after";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { confirmContactChange, requestContactChange } from "../members/contact-change";

const tags = ["anggota"];

export async function memberContactRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    "/koperasi/:koperasiId/members/me/contact-change",
    {
      schema: {
        tags,
        summary: "Mengganti nomor HP atau email saya: kirim kode ke nomor/alamat yang baru",
        params: KoperasiParams,
        body: RequestContactChange,
        response: { 202: ContactChangeSent },
      },
      // Each request sends an SMS or an e-mail: a per-address cap on top of the per-target code limits.
      config: { rateLimit: { max: 30, timeWindow: "10 minutes" } },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.update_contact_self");
      const sent = await withRetryAfter(reply, () => requestContactChange(ctx, access, request.body, request));
      return reply.status(202).header("cache-control", "no-store").send(sent);
    },
  );

  app.post(
    "/koperasi/:koperasiId/members/me/contact-change/confirm",
    {
      schema: {
        tags,
        summary: "Mengganti nomor HP atau email saya: konfirmasi dengan kode",
        params: KoperasiParams,
        body: ConfirmContactChange,
        response: { 200: MemberDetail },
      },
      config: { rateLimit: { max: 30, timeWindow: "10 minutes" } },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.update_contact_self");
      reply.header("cache-control", "private, no-store");
      return confirmContactChange(ctx, access, request.body, request);
    },
  );
}
