import { ModuleState, ModuleStatus } from "@koperasi/contracts";
import { api } from "../../../api/client";
import type { ModuleId } from "../../../api/types";

const path = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}/modules`;

export const fetchModules = (koperasiId: string) => api(path(koperasiId), { schema: ModuleState.array() });

export const setModule = (koperasiId: string, module: ModuleId, enabled: boolean) =>
  api(`${path(koperasiId)}/${module}`, { method: "PUT", json: { enabled }, schema: ModuleState });

export const fetchModuleStatus = (koperasiId: string, module: string) =>
  api(`${path(koperasiId)}/${encodeURIComponent(module)}/status`, { schema: ModuleStatus });
