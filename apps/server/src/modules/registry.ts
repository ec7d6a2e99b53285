import type { FastifyRequest } from "fastify";
import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { defaultModuleSettings, isAction, isModuleId, isUuid, MODULES, type Action, type ModuleDefinition, type ModuleId } from "@koperasi/domain";
import type { AppContext } from "../context";
import { AppError, notFound } from "../errors/app-error";
import { requireTenant, type TenantAccess } from "../http/session";
import type { ZodApp } from "../http/zod-app";

// The one module registry. A module's routes are registered through
// `registerModuleRoutes`, which puts them in a scope whose every request
// passes the tenant gate and then the module switch before its handler runs:
// a route of a switched-off module cannot be reached, whoever writes it.

declare module "fastify" {
  interface FastifyContextConfig {
    /** The permission a module route requires; checked by the module scope before the handler. */
    action?: Action;
  }
}

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

/** Sets one switch; returns the previous value. */
export async function setModuleEnabled(
  trx: Transaction<DB>,
  koperasiId: string,
  id: ModuleId,
  enabled: boolean,
  userId: string,
  now: Date,
): Promise<boolean> {
  const before = (await moduleSettings(trx, koperasiId))[id];
  await trx
    .insertInto("koperasi_module")
    .values({ koperasi_id: koperasiId, id, enabled, updated_by: userId, updated_at: now })
    .onConflict((oc) => oc.columns(["koperasi_id", "id"]).doUpdateSet({ enabled, updated_by: userId, updated_at: now }))
    .execute();
  return before;
}

export async function isModuleEnabled(ctx: AppContext, koperasiId: string, id: ModuleId): Promise<boolean> {
  return ctx.database.tenant({ koperasiId }, async (trx) => (await moduleSettings(trx, koperasiId))[id]);
}

/** Refuses with 403 `module_disabled` unless the module is on for the cooperative the access was granted for. */
export async function requireModule(ctx: AppContext, access: TenantAccess, id: ModuleId): Promise<void> {
  if (!(await isModuleEnabled(ctx, access.koperasiId, id))) throw moduleDisabled(id);
}

const accessOfRequest = new WeakMap<FastifyRequest, TenantAccess>();

/** The access the module scope granted this request. Only inside a route registered with `registerModuleRoutes`. */
export function moduleAccess(request: FastifyRequest): TenantAccess {
  const access = accessOfRequest.get(request);
  if (!access) throw new Error("moduleAccess() called outside a module route");
  return access;
}

/**
 * Registers a module's routes. Each must live under `/koperasi/:koperasiId`
 * and declare `config: { action }`; the scope then checks, in order, that
 * the person may take that action in the cooperative (403 `not_a_member`,
 * `forbidden`) and that the module is on (403 `module_disabled`). Handlers
 * read the granted access with `moduleAccess(request)`.
 */
export async function registerModuleRoutes(
  app: ZodApp,
  ctx: AppContext,
  id: ModuleId,
  routes: (scope: ZodApp) => Promise<void> | void,
): Promise<void> {
  moduleDefinition(id);
  await app.register(async (instance) => {
    const scope = instance as unknown as ZodApp;
    scope.addHook("onRoute", (route) => {
      if (!route.url.includes("/koperasi/:koperasiId/")) {
        throw new Error(`route ${route.method} ${route.url} of module ${id} must be under /koperasi/:koperasiId/`);
      }
      if (!isAction(route.config?.action)) {
        throw new Error(`route ${route.method} ${route.url} of module ${id} must declare config.action`);
      }
    });
    scope.addHook("preHandler", async (request) => {
      const { koperasiId } = request.params as { koperasiId?: unknown };
      if (!isUuid(koperasiId)) throw notFound("Koperasi");
      const action = request.routeOptions.config.action;
      if (!isAction(action)) throw new Error("module route without an action");
      const access = await requireTenant(ctx, request, koperasiId, action);
      await requireModule(ctx, access, id);
      accessOfRequest.set(request, access);
    });
    await routes(scope);
  });
}
