import { KoperasiParams, KoperasiUser, UpdateKoperasiUser, Uuid } from "@koperasi/contracts";
import type { Role } from "@koperasi/domain";
import { z } from "zod";
import { listKoperasiUsers, updateKoperasiUser } from "../accounts/koperasi-users";
import type { AppContext } from "../context";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";

const tags = ["users"];
const UserParams = KoperasiParams.extend({ id: Uuid });

export async function userRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/users",
    { schema: { tags, summary: "Pengguna koperasi dan perannya", params: KoperasiParams, response: { 200: z.array(KoperasiUser) } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "users.manage_roles");
      return listKoperasiUsers(ctx, access);
    },
  );

  app.patch(
    "/koperasi/:koperasiId/users/:id",
    {
      schema: {
        tags,
        summary: "Ubah peran, jabatan, atau status pengguna",
        params: UserParams,
        body: UpdateKoperasiUser,
        response: { 200: KoperasiUser },
      },
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "users.manage_roles");
      const { roles, positions, status } = request.body;
      return updateKoperasiUser(ctx, access, request, request.params.id, { roles: roles as Role[] | undefined, positions, status });
    },
  );
}
