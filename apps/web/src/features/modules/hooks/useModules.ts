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

/** Switches a module; the nav reads the same query, so a switched-off module disappears at once. */
export function useSetModule(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ module, enabled }: { module: ModuleId; enabled: boolean }) => setModule(koperasiId, module, enabled),
    onSuccess: (state) => {
      queryClient.setQueryData<ModuleState[]>(queryKeys.modules(koperasiId), (current) =>
        current ? current.map((m) => (m.id === state.id ? state : m)) : current,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.modules(koperasiId) });
    },
  });
}
