import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { CreateMember, KoperasiParams, Member, MemberQuery, paged, Uuid } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { AppError } from "../http/problem";
import { requireTenant, type TenantAccess } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { createMember, getMember, listMembers } from "../members/members";

const MemberParams = z.object({ koperasiId: Uuid, id: Uuid });

/** Staff who may view members, or else an anggota limited to her own record. */
async function memberViewer(ctx: AppContext, request: FastifyRequest, koperasiId: string): Promise<{ access: TenantAccess; selfOnly: boolean }> {
  try {
    return { access: await requireTenant(ctx, request, koperasiId, "members.view"), selfOnly: false };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "forbidden") throw error;
    return { access: await requireTenant(ctx, request, koperasiId, "members.view_self"), selfOnly: true };
  }
}

export async function memberRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/members",
    {
      schema: {
        tags: ["anggota"],
        summary: "Daftar anggota (cari dengan nomor anggota atau nama)",
        params: KoperasiParams,
        querystring: MemberQuery,
        response: { 200: paged(Member) },
      },
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.view");
      return listMembers(ctx, access, request.query);
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id",
    { schema: { tags: ["anggota"], summary: "Data seorang anggota", params: MemberParams, response: { 200: Member } } },
    async (request) => {
      const { access, selfOnly } = await memberViewer(ctx, request, request.params.koperasiId);
      return getMember(ctx, access, request.params.id, selfOnly ? access.user.id : undefined);
    },
  );

  app.post(
    "/koperasi/:koperasiId/members",
    { schema: { tags: ["anggota"], summary: "Menambah anggota", params: KoperasiParams, body: CreateMember, response: { 201: Member } } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.create");
      return reply.status(201).send(await createMember(ctx, access, request.body, request));
    },
  );
}
