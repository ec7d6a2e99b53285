import { AcceptInvitation, CreateInvitation, Invitation, InvitationPreview, KoperasiParams, Ok, SessionInfo, Uuid } from "@koperasi/contracts";
import type { Role } from "@koperasi/domain";
import { z } from "zod";
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from "../accounts/invitations";
import { limitPerIp } from "../accounts/rate-limits";
import type { AppContext } from "../context";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";

const tags = ["invitations"];
const InvitationParams = KoperasiParams.extend({ id: Uuid });
const TokenParams = z.object({ token: z.string().min(20).max(200) });

export async function invitationRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/invitations",
    { schema: { tags, summary: "Undangan yang pernah dikirim", params: KoperasiParams, response: { 200: z.array(Invitation) } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "users.invite");
      return listInvitations(ctx, access);
    },
  );

  app.post(
    "/koperasi/:koperasiId/invitations",
    {
      schema: { tags, summary: "Undang pengurus, pengawas, kasir, atau anggota lewat email atau SMS", params: KoperasiParams, body: CreateInvitation, response: { 201: Invitation } },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "users.invite");
      const body = request.body;
      const invitation = await createInvitation(ctx, access, request, { ...body, role: body.role as Role });
      return reply.status(201).send(invitation);
    },
  );

  app.delete(
    "/koperasi/:koperasiId/invitations/:id",
    { schema: { tags, summary: "Batalkan undangan", params: InvitationParams, response: { 200: Ok } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "users.invite");
      await revokeInvitation(ctx, access, request, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    "/invitations/:token",
    {
      schema: { tags, summary: "Pratinjau undangan dari tautannya", params: TokenParams, response: { 200: InvitationPreview } },
      config: { rateLimit: limitPerIp("invitation-preview", 60) },
    },
    async (request) => previewInvitation(ctx, request.params.token),
  );

  app.post(
    "/invitations/accept",
    {
      schema: { tags, summary: "Terima undangan (akun baru dengan kata sandi, atau akun yang sedang masuk)", body: AcceptInvitation, response: { 200: SessionInfo } },
      config: { rateLimit: limitPerIp("invitation-accept", 30) },
    },
    async (request, reply) => acceptInvitation(ctx, request, reply, request.body),
  );
}
