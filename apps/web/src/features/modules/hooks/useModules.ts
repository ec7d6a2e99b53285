import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import type { ModuleId, ModuleState } from "../../../api/types";
import { fetchModuleStatus, fetchModules, setModule } from "../api/modules";

export function useModules(koperasiId: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.modules(koperasiId ?? ""),
    queryFn: () => fetchModules(koperasiId ?? ""),
    enabled: Boolean(koperasiId),
    staleTime: 60_000,
  });
}

export function useModuleStatus(koperasiId: string, module: string) {
  return useQuery({
    queryKey: queryKeys.moduleStatus(koperasiId, module),
    queryFn: () => fetchModuleStatus(koperasiId, module),
    retry: false,
  });
}

/**
 * Switches a module. The switch and the nav read the same query, updated
 * before the server answers (and put back if it refuses), so a switched-off
 * module leaves the menu at once.
 */
export function useSetModule(koperasiId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.modules(koperasiId);
  const replace = (state: Pick<ModuleState, "id" | "enabled">) =>
    queryClient.setQueryData<ModuleState[]>(key, (current) => current?.map((m) => (m.id === state.id ? { ...m, enabled: state.enabled } : m)));
  const mutationKey = ["setModule", koperasiId];
  return useMutation({
    mutationKey,
    // Quick on–off–on taps reach the server in the order they were made.
    scope: { id: `modules-${koperasiId}` },
    mutationFn: ({ module, enabled }: { module: ModuleId; enabled: boolean }) => setModule(koperasiId, module, enabled),
    onMutate: async ({ module, enabled }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<ModuleState[]>(key);
      replace({ id: module, enabled });
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (state) => replace(state),
    // Refetch once the last queued switch is done (this one still counts), so no answer undoes a later tap.
    // It also refreshes each module's status query, which sits under the same key.
    onSettled: () => {
      if (queryClient.isMutating({ mutationKey }) <= 1) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
