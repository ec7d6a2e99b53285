import { ConfirmContactChange, ContactChangeSent, KoperasiParams, MemberDetail, RequestContactChange } from "@koperasi/contracts";
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../context";
import { withRetryAfter } from "../http/retry-after";
import { runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import type { CommandRunner } from "../members/command-runner";
import { confirmContactChange, requestContactChange } from "../members/contact-change";

// A member changing her own phone or e-mail. Both routes open their own
// transactions ("own"): the verification code is issued and consumed in the
// code's own transaction, which must commit even when the change is refused
// (a wrong code counts against the limit), between the member's reads and
// writes.

const tags = ["anggota"];

export async function memberContactRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const runner = (request: FastifyRequest): CommandRunner => (work) => runCommand(ctx, request, work);

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
      config: { rateLimit: { max: 30, timeWindow: "10 minutes" }, gate: { action: "members.update_contact_self", transaction: "own" } },
    },
    async (request, reply) => {
      const sent = await withRetryAfter(reply, () => requestContactChange(ctx, runner(request), request.log, request.body));
      reply.status(202).header("cache-control", "no-store");
      return sent;
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
      config: { rateLimit: { max: 30, timeWindow: "10 minutes" }, gate: { action: "members.update_contact_self", transaction: "own" } },
    },
    async (request, reply) => {
      reply.header("cache-control", "private, no-store");
      return confirmContactChange(ctx, runner(request), request.log, request.body);
    },
  );
}
