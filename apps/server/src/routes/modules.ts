import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { KoperasiParams, ModuleId, ModuleState, ModuleStatus, SetModule, Uuid } from "@koperasi/contracts";
import { MODULES, type ModuleId as ModuleIdType } from "@koperasi/domain";
import { command } from "../http/tenant-pipeline";
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

export async function moduleRoutes(app: ZodApp): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/modules",
    {
      schema: { tags: ["modul"], summary: "Modul koperasi dan statusnya", params: KoperasiParams, response: { 200: z.array(ModuleState) } },
      config: { gate: { action: "koperasi.view_profile" } },
    },
    async (request) => {
      const cmd = command(request);
      const settings = await moduleSettings(cmd.trx, cmd.koperasiId);
      return MODULES.map((definition) => stateOf(definition.id, settings[definition.id], request));
    },
  );

  app.put(
    "/koperasi/:koperasiId/modules/:module",
    {
      schema: { tags: ["modul"], summary: "Mengaktifkan atau menonaktifkan modul", params: ModuleParams, body: SetModule, response: { 200: ModuleState } },
      // Audited only when the switch changes (module.enable or module.disable), so no one audit is declared.
      config: { gate: { action: "koperasi.manage_modules" } },
    },
    async (request) => {
      const { module } = request.params;
      const { enabled } = request.body;
      await setModuleEnabled(command(request), module, enabled);
      return stateOf(module, enabled, request);
    },
  );

  // Each module's status endpoint goes through the registry like every other
  // route of the module will: 200 when on, 403 `module_disabled` when off.
  for (const definition of MODULES) {
    await registerModuleRoutes(app, definition.id, (scope) => {
      scope.get(
        `/koperasi/:koperasiId/modules/${definition.id}/status`,
        {
          config: { gate: { action: "koperasi.view_profile", module: definition.id } },
          schema: { tags: ["modul"], summary: `Status modul ${definition.name.id}`, params: KoperasiParams, response: { 200: ModuleStatus } },
        },
        () => ({ id: definition.id, enabled: true as const }),
      );
    });
  }
}
