import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { KoperasiParams, ModuleId, ModuleState, ModuleStatus, SetModule, Uuid } from "@koperasi/contracts";
import { MODULES, type ModuleId as ModuleIdType } from "@koperasi/domain";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import type { AppContext } from "../context";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { moduleDefinition, moduleSettings, registerModuleRoutes, setModuleEnabled } from "../modules/registry";

const ModuleParams = z.object({ koperasiId: Uuid, module: ModuleId });

function english(request: FastifyRequest): boolean {
  return /^en\b/i.test(request.headers["accept-language"] ?? "");
}

function stateOf(id: ModuleIdType, enabled: boolean, request: FastifyRequest): z.infer<typeof ModuleState> {
  const definition = moduleDefinition(id);
  const language = english(request) ? "en" : "id";
  return { id, name: definition.name[language], description: definition.description[language], enabled };
}

export async function moduleRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/modules",
    { schema: { tags: ["modul"], summary: "Modul koperasi dan statusnya", params: KoperasiParams, response: { 200: z.array(ModuleState) } } },
    async (request) => {
      const { koperasiId } = request.params;
      const access = await requireTenant(ctx, request, koperasiId, "koperasi.view_profile");
      const settings = await ctx.database.tenant({ koperasiId, userId: access.user.id }, (trx) => moduleSettings(trx, koperasiId));
      return MODULES.map((definition) => stateOf(definition.id, settings[definition.id], request));
    },
  );

  app.put(
    "/koperasi/:koperasiId/modules/:module",
    { schema: { tags: ["modul"], summary: "Mengaktifkan atau menonaktifkan modul", params: ModuleParams, body: SetModule, response: { 200: ModuleState } } },
    async (request) => {
      const { koperasiId, module } = request.params;
      const { enabled } = request.body;
      const access = await requireTenant(ctx, request, koperasiId, "koperasi.manage_modules");
      await ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
        const before = await setModuleEnabled(trx, koperasiId, module, enabled, access.user.id, ctx.now());
        if (before !== enabled) {
          await writeAudit(
            trx,
            {
              ...auditActor(access),
              action: enabled ? "module.enable" : "module.disable",
              targetType: "module",
              targetId: module,
              details: { before: { enabled: before }, after: { enabled } },
            },
            request,
          );
        }
      });
      return stateOf(module, enabled, request);
    },
  );

  // Each module's status endpoint goes through the registry like every other
  // route of the module will: 200 when on, 403 `module_disabled` when off.
  for (const definition of MODULES) {
    await registerModuleRoutes(app, ctx, definition.id, (scope) => {
      scope.get(
        `/koperasi/:koperasiId/modules/${definition.id}/status`,
        {
          config: { action: "koperasi.view_profile" },
          schema: { tags: ["modul"], summary: `Status modul ${definition.name.id}`, params: KoperasiParams, response: { 200: ModuleStatus } },
        },
        () => ({ id: definition.id, enabled: true as const }),
      );
    });
  }
}
