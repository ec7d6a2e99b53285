import type { FastifyReply } from "fastify";
import { z } from "zod";
import {
  KoperasiParams,
  MemberCard,
  MemberCardList,
  OwnMemberCard,
  ResolvedMemberCard,
  ResolveMemberCard,
  RevokedMemberCard,
  RevokeMemberCard,
  Uuid,
} from "@koperasi/contracts";
import type { AppContext } from "../context";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { cardPdf, issueCard, listCards, ownCard, ownCardPdf, revokeCard } from "../member-card/member-cards";
import { resolveMemberCard } from "../member-card/resolve";

const MemberParams = z.object({ koperasiId: Uuid, id: Uuid });
const CardParams = z.object({ koperasiId: Uuid, id: Uuid, cardId: Uuid });

/** A document with a member's data: never cached by a shared cache, downloaded under a telling name. */
export function sendPrivatePdf(reply: FastifyReply, pdf: Buffer, fileName: string) {
  return reply
    .header("cache-control", "private, no-store")
    .header("x-content-type-options", "nosniff")
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .type("application/pdf")
    .send(pdf);
}

export async function memberCardRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/members/me/card",
    {
      schema: {
        tags: ["kartu anggota"],
        summary: "Kartu anggota saya: kartu cetak dan kode QR bergilir (berlaku beberapa menit)",
        params: KoperasiParams,
        response: { 200: OwnMemberCard },
      },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.card_self");
      reply.header("cache-control", "private, no-store");
      return ownCard(ctx, access, request);
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/me/card.pdf",
    { schema: { tags: ["kartu anggota"], summary: "Kartu anggota saya untuk dicetak (PDF, ukuran kartu ID-1)", params: KoperasiParams } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.card_self");
      const { pdf, memberNumber } = await ownCardPdf(ctx, access, request);
      return sendPrivatePdf(reply, pdf, `kartu-anggota-${memberNumber}.pdf`);
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id/cards",
    { schema: { tags: ["kartu anggota"], summary: "Kartu-kartu seorang anggota (yang berlaku dan yang dicabut)", params: MemberParams, response: { 200: MemberCardList } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.card_issue");
      return listCards(ctx, access, request.params.id);
    },
  );

  app.post(
    "/koperasi/:koperasiId/members/:id/cards",
    {
      schema: {
        tags: ["kartu anggota"],
        summary: "Menerbitkan kartu anggota (atau mengembalikan kartu yang masih berlaku)",
        params: MemberParams,
        response: { 200: MemberCard, 201: MemberCard },
      },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.card_issue");
      const { card, issued } = await issueCard(ctx, access, request.params.id, request);
      return reply.status(issued ? 201 : 200).send(card);
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id/card.pdf",
    { schema: { tags: ["kartu anggota"], summary: "Mencetak kartu anggota yang berlaku (PDF, ukuran kartu ID-1)", params: MemberParams } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.card_issue");
      const { card, member } = await issueCard(ctx, access, request.params.id, request);
      return sendPrivatePdf(reply, await cardPdf(ctx, access, member, card), `kartu-anggota-${member.member_number}.pdf`);
    },
  );

  app.post(
    "/koperasi/:koperasiId/members/:id/cards/:cardId/revoke",
    {
      schema: {
        tags: ["kartu anggota"],
        summary: "Mencabut kartu (hilang/rusak) dan menerbitkan penggantinya",
        params: CardParams,
        body: RevokeMemberCard,
        response: { 200: RevokedMemberCard },
      },
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.card_revoke");
      return revokeCard(ctx, access, { memberId: request.params.id, cardId: request.params.cardId, reason: request.body.reason }, request);
    },
  );

  app.post(
    "/koperasi/:koperasiId/member-card/resolve",
    {
      schema: {
        tags: ["kartu anggota"],
        summary: "Mengenali anggota dari kode QR kartu (aplikasi atau cetak) atau nomor kartu yang diketik",
        params: KoperasiParams,
        body: ResolveMemberCard,
        response: { 200: ResolvedMemberCard },
      },
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.card_resolve");
      return resolveMemberCard(ctx, access, request.body.code, request);
    },
  );
}
