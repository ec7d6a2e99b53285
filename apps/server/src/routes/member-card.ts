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
import { admission, command, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { cardPdf, cardSecret, issueCard, listCards, ownCard, ownPrintedCard, revokeCard } from "../member-card/member-cards";
import { resolveMemberCard } from "../member-card/resolve";

const MemberParams = z.object({ koperasiId: Uuid, id: Uuid });
const CardParams = z.object({ koperasiId: Uuid, id: Uuid, cardId: Uuid });

/** A document with a member's data: never cached by a shared cache, downloaded under a telling name. Returns the body to answer with. */
export function privatePdf(reply: FastifyReply, pdf: Buffer, fileName: string): Buffer {
  reply
    .header("cache-control", "private, no-store")
    .header("x-content-type-options", "nosniff")
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .type("application/pdf");
  return pdf;
}

export async function memberCardRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const secret = cardSecret(ctx);

  app.get(
    "/koperasi/:koperasiId/members/me/card",
    {
      schema: {
        tags: ["kartu anggota"],
        summary: "Kartu anggota saya: kartu cetak dan kode QR bergilir (berlaku beberapa menit)",
        params: KoperasiParams,
        response: { 200: OwnMemberCard },
      },
      // Audited as member_card.issue when her first card is issued on this visit.
      config: { gate: { action: "members.card_self" } },
    },
    async (request, reply) => {
      reply.header("cache-control", "private, no-store");
      return ownCard(command(request), secret);
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/me/card.pdf",
    {
      schema: { tags: ["kartu anggota"], summary: "Kartu anggota saya untuk dicetak (PDF, ukuran kartu ID-1)", params: KoperasiParams },
      // The letterhead reads the logo in a transaction of its own: the card is issued and committed first, then drawn.
      config: { gate: { action: "members.card_self", transaction: "own" } },
    },
    async (request, reply) => {
      const { member, card } = await runCommand(ctx, request, (cmd) => ownPrintedCard(cmd, secret));
      return privatePdf(reply, await cardPdf(ctx, admission(request).koperasi, member, card), `kartu-anggota-${member.member_number}.pdf`);
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id/cards",
    {
      schema: { tags: ["kartu anggota"], summary: "Kartu-kartu seorang anggota (yang berlaku dan yang dicabut)", params: MemberParams, response: { 200: MemberCardList } },
      config: { gate: { action: "members.card_issue" } },
    },
    async (request) => {
      const cmd = command(request);
      return listCards(cmd.trx, cmd.koperasiId, secret, request.params.id);
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
      // Audited as member_card.issue only when a card is issued (201).
      config: { gate: { action: "members.card_issue" } },
    },
    async (request, reply) => {
      const { card, issued } = await issueCard(command(request), secret, request.params.id);
      reply.status(issued ? 201 : 200);
      return card;
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id/card.pdf",
    {
      schema: { tags: ["kartu anggota"], summary: "Mencetak kartu anggota yang berlaku (PDF, ukuran kartu ID-1)", params: MemberParams },
      config: { gate: { action: "members.card_issue", transaction: "own" } },
    },
    async (request, reply) => {
      const { card, member } = await runCommand(ctx, request, (cmd) => issueCard(cmd, secret, request.params.id));
      return privatePdf(reply, await cardPdf(ctx, admission(request).koperasi, member, card), `kartu-anggota-${member.member_number}.pdf`);
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
      config: { gate: { action: "members.card_revoke", audit: "member_card.revoke" } },
    },
    async (request) => revokeCard(command(request), secret, { memberId: request.params.id, cardId: request.params.cardId, reason: request.body.reason }),
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
      // A refused scan is audited too, and that entry must commit although the answer is a 422.
      config: { gate: { action: "members.card_resolve", transaction: "own" } },
    },
    async (request) => {
      const outcome = await runCommand(ctx, request, (cmd) => resolveMemberCard(cmd, secret, request.body.code));
      if ("refused" in outcome) throw outcome.refused;
      return outcome.resolved;
    },
  );
}
