import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { defaultModuleSettings, isAction, isModuleId, MODULES, type ModuleDefinition, type ModuleId } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { AppError } from "../errors/app-error";
import type { ZodApp } from "../http/zod-app";

// The one module registry. A module's routes are registered through
// `registerModuleRoutes`, which refuses at start-up a route that does not
// declare its module in its gate; the request pipeline then checks the
// module switch after the permission and before the handler runs: a route
// of a switched-off module cannot be reached, whoever writes it.

export const moduleRegistry: ReadonlyMap<ModuleId, ModuleDefinition> = new Map(MODULES.map((definition) => [definition.id, definition]));

export function moduleDefinition(id: ModuleId): ModuleDefinition {
  const definition = moduleRegistry.get(id);
  if (!definition) throw new RangeError(`unknown module: ${id}`);
  return definition;
}

export function moduleDisabled(id: ModuleId): AppError {
  const { name } = moduleDefinition(id);
  return new AppError(
    403,
    "module_disabled",
    `Modul ${name.id} tidak aktif di koperasi ini.`,
    `The ${name.en} module is not enabled for this cooperative.`,
  );
}

/** Every module's switch for a cooperative: its stored choice, or the module's default. Inside a tenant transaction. */
export async function moduleSettings(trx: Transaction<DB>, koperasiId: string): Promise<Record<ModuleId, boolean>> {
  const settings = defaultModuleSettings();
  const rows = await trx.selectFrom("koperasi_module").select(["id", "enabled"]).where("koperasi_id", "=", koperasiId).execute();
  for (const row of rows) if (isModuleId(row.id)) settings[row.id] = row.enabled;
  return settings;
}

/** Sets one switch, audited when it changes; returns the previous value. */
export async function setModuleEnabled(cmd: CommandContext, id: ModuleId, enabled: boolean): Promise<boolean> {
  const { trx, koperasiId } = cmd;
  const userId = cmd.actor.userId;
  const now = cmd.now;
  const before = (await moduleSettings(trx, koperasiId))[id];
  await trx
    .insertInto("koperasi_module")
    .values({ koperasi_id: koperasiId, id, enabled, updated_by: userId, updated_at: now })
    .onConflict((oc) => oc.columns(["koperasi_id", "id"]).doUpdateSet({ enabled, updated_by: userId, updated_at: now }))
    .execute();
  if (before !== enabled) {
    await cmd.audit({
      action: enabled ? "module.enable" : "module.disable",
      targetType: "module",
      targetId: id,
      details: { before: { enabled: before }, after: { enabled } },
    });
  }
  return before;
}

/**
 * Registers a module's routes. Each must live under `/koperasi/:koperasiId`
 * and declare its gate with an action and this module
 * (`config: { gate: { action, module } }`), or start-up fails: the request
 * pipeline then checks, in order, that the person may take that action in
 * the cooperative (403 `not_a_member`, `forbidden`) and that the module is
 * on (403 `module_disabled`) before the handler runs.
 */
export async function registerModuleRoutes(app: ZodApp, id: ModuleId, routes: (scope: ZodApp) => Promise<void> | void): Promise<void> {
  moduleDefinition(id);
  await app.register(async (instance) => {
    const scope = instance as unknown as ZodApp;
    scope.addHook("onRoute", (route) => {
      if (!route.url.includes("/koperasi/:koperasiId/")) {
        throw new Error(`route ${route.method} ${route.url} of module ${id} must be under /koperasi/:koperasiId/`);
      }
      const gate = route.config?.gate;
      const actions: readonly unknown[] = typeof gate?.action === "string" ? [gate.action] : (gate?.action ?? []);
      if (!gate || actions.length === 0 || !actions.every(isAction)) {
        throw new Error(`route ${route.method} ${route.url} of module ${id} must declare config.gate with its action`);
      }
      if (gate.module !== id) {
        throw new Error(`route ${route.method} ${route.url} of module ${id} must declare config.gate.module "${id}"`);
      }
    });
    await routes(scope);
  });
}
