import { AcceptInvitation, CreateInvitation, Invitation, InvitationPreview, KoperasiParams, Ok, SessionInfo, Uuid } from "@koperasi/contracts";
import { maskPhone, type Role } from "@koperasi/domain";
import { z } from "zod";
import {
  acceptInvitation,
  createInvitation,
  invitationDto,
  listInvitations,
  previewInvitation,
  revokeInvitation,
  sendInvitation,
  withdrawUndelivered,
} from "../accounts/invitations";
import { authHeaders, forwardAuthCookies, setActiveKoperasiCookie } from "../accounts/auth-bridge";
import { limitPerIp } from "../accounts/rate-limits";
import { loadSessionInfo } from "../accounts/session-info";
import { userError } from "../accounts/user-errors";
import type { AppContext } from "../context";
import { currentUser } from "../http/session";
import { admission, command, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";

const tags = ["invitations"];
const InvitationParams = KoperasiParams.extend({ id: Uuid });
const TokenParams = z.object({ token: z.string().min(20).max(200) });

export async function invitationRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/invitations",
    {
      schema: { tags, summary: "Undangan yang pernah dikirim", params: KoperasiParams, response: { 200: z.array(Invitation) } },
      config: { gate: { action: "users.invite" } },
    },
    async (request) => {
      const cmd = command(request);
      return listInvitations(cmd.trx, cmd.koperasiId, cmd.now);
    },
  );

  app.post(
    "/koperasi/:koperasiId/invitations",
    {
      schema: { tags, summary: "Undang pengurus, pengawas, kasir, atau anggota lewat email atau SMS", params: KoperasiParams, body: CreateInvitation, response: { 201: Invitation } },
      // The link is sent after the invitation is committed, and withdrawn in a second transaction if it cannot be.
      config: { gate: { action: "users.invite", transaction: "own" } },
    },
    async (request, reply) => {
      const { koperasi, actor } = admission(request);
      const body = request.body;
      const { row, token } = await runCommand(ctx, request, (cmd) => createInvitation(cmd, { ...body, role: body.role as Role }, ctx.secrets.tokenPepper));
      try {
        await sendInvitation(ctx, koperasi, actor.name, row, token);
      } catch (error) {
        request.log.error({ event: "invitation_delivery_failed", invitationId: row.id, err: error }, "invitation could not be sent");
        await runCommand(ctx, request, (cmd) => withdrawUndelivered(cmd, row.id));
        throw userError("delivery_failed");
      }
      request.log.info(
        { event: "invitation_created", koperasiId: koperasi.id, invitationId: row.id, role: row.role, phone: row.phone ? maskPhone(row.phone) : undefined },
        "invitation sent",
      );
      reply.status(201);
      return invitationDto(row, ctx.now());
    },
  );

  app.delete(
    "/koperasi/:koperasiId/invitations/:id",
    {
      schema: { tags, summary: "Batalkan undangan", params: InvitationParams, response: { 200: Ok } },
      // Audited when it withdraws a pending invitation; one already withdrawn is left as it is.
      config: { gate: { action: "users.invite" } },
    },
    async (request) => {
      await revokeInvitation(command(request), request.params.id);
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
    async (request, reply) => {
      const accepted = await acceptInvitation(ctx, request.body, { signedIn: await currentUser(ctx, request), origin: request });
      if (accepted.newLogin) {
        const signIn = await ctx.auth.api.signInEmail({ body: accepted.newLogin, headers: authHeaders(request), returnHeaders: true });
        forwardAuthCookies(reply, signIn.headers);
      }
      setActiveKoperasiCookie(reply, accepted.koperasiId, ctx.config.secureCookies);
      request.log.info(
        { event: "invitation_accepted", koperasiId: accepted.koperasiId, invitationId: accepted.invitationId, userId: accepted.userId, newAccount: accepted.newLogin !== null },
        "invitation accepted",
      );
      return loadSessionInfo(ctx, accepted.userId, accepted.koperasiId);
    },
  );
}
