import { useMutation, useQuery } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import { fetchOwnCard, resolveCard } from "../api/member-card";

/** The member's own card; refetched before its rotating code expires. */
export function useOwnCard(koperasiId: string) {
  return useQuery({
    queryKey: [...queryKeys.koperasi(koperasiId), "member-card", "own"],
    queryFn: () => fetchOwnCard(koperasiId),
    refetchInterval: (query) => (query.state.data?.rotating.refreshAfterSeconds ?? 120) * 1000,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    retry: 1,
  });
}

export function useResolveCard(koperasiId: string) {
  return useMutation({ mutationFn: (code: string) => resolveCard(koperasiId, code) });
}
