import { KoperasiParams, KoperasiUser, RoleGrantDecision, RoleGrantPending, RoleGrantRequest, UpdateKoperasiUser, Uuid } from "@koperasi/contracts";
import type { Role } from "@koperasi/domain";
import { z } from "zod";
import { listKoperasiUsers, updateKoperasiUser } from "../accounts/koperasi-users";
import { decideRoleGrant, type Decision } from "../accounts/role-grant-decisions";
import { listRoleGrantRequests, notifyPengawas } from "../accounts/role-grants";
import type { AppContext } from "../context";
import { command, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";

const tags = ["users"];
const UserParams = KoperasiParams.extend({ id: Uuid });

export async function userRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
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
        summary: "Ubah peran, jabatan, atau status pengguna (peran keuangan atau admin menunggu persetujuan orang kedua: 202)",
        params: UserParams,
        body: UpdateKoperasiUser,
        response: { 200: KoperasiUser, 202: RoleGrantPending },
      },
      // Audited as user.update, or role_grant.request when the change waits for approval.
      config: { gate: { action: "users.manage_roles" } },
    },
    async (request, reply) => {
      const { roles, positions, status } = request.body;
      const cmd = command(request);
      const outcome = await updateKoperasiUser(cmd, request.params.id, { roles: roles as Role[] | undefined, positions, status });
      if (outcome.kind === "updated") return outcome.user;
      await notifyPengawas(ctx, request.log, cmd, outcome.request);
      reply.status(202);
      return { status: "pending_approval" as const, request: outcome.request };
    },
  );

  app.get(
    "/koperasi/:koperasiId/role-grants",
    {
      schema: { tags, summary: "Pemberian peran keuangan atau admin yang menunggu persetujuan, dan keputusan terakhir", params: KoperasiParams, response: { 200: z.array(RoleGrantRequest) } },
      config: { gate: { action: ["users.approve_role_grant", "users.manage_roles"] } },
    },
    async (request) => {
      const cmd = command(request);
      return listRoleGrantRequests(cmd.trx, cmd.koperasiId);
    },
  );

  const decide = (decision: Decision, summary: string) =>
    app.post(
      `/koperasi/:koperasiId/role-grants/:id/${decision}`,
      {
        schema: { tags, summary, params: UserParams, response: { 200: RoleGrantDecision } },
        // A refusal is audited and that entry must commit although the answer is 403/409.
        config: { gate: { action: "users.approve_role_grant", transaction: "own" } },
      },
      async (request) => {
        const outcome = await runCommand(ctx, request, (cmd) => decideRoleGrant(cmd, request.params.id, decision));
        if ("refused" in outcome) throw outcome.refused;
        return outcome;
      },
    );
  decide("approve", "Menyetujui pemberian peran (orang kedua: admin lain, ketua, atau pengawas bila admin hanya satu)");
  decide("reject", "Menolak pemberian peran");
}
