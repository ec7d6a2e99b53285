import { KoperasiParams, KoperasiUser, UpdateKoperasiUser, Uuid } from "@koperasi/contracts";
import type { Role } from "@koperasi/domain";
import { z } from "zod";
import { listKoperasiUsers, updateKoperasiUser } from "../accounts/koperasi-users";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";

const tags = ["users"];
const UserParams = KoperasiParams.extend({ id: Uuid });

export async function userRoutes(app: ZodApp): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/users",
    {
      schema: { tags, summary: "Pengguna koperasi dan perannya", params: KoperasiParams, response: { 200: z.array(KoperasiUser) } },
      config: { gate: { action: "users.manage_roles" } },
    },
    async (request) => {
      const cmd = command(request);
      return listKoperasiUsers(cmd.trx, cmd.koperasiId, cmd.today);
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
      config: { gate: { action: "users.manage_roles", audit: "user.update" } },
    },
    async (request) => {
      const { roles, positions, status } = request.body;
      return updateKoperasiUser(command(request), request.params.id, { roles: roles as Role[] | undefined, positions, status });
    },
  );
}
