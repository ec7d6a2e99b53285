import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import { fetchLogFailures, fetchOutbox, fetchPendingRegistrations, reviewRegistration } from "../api/platform";

export function usePendingRegistrations() {
  return useQuery({ queryKey: queryKeys.platformRegistrations, queryFn: fetchPendingRegistrations });
}

export function useReviewRegistration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ koperasiId, decision, note }: { koperasiId: string; decision: "approve" | "reject"; note?: string }) =>
      reviewRegistration(koperasiId, note ? { decision, note } : { decision }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.platformRegistrations }),
  });
}

/** The outbox refreshes itself while open: a code sent a moment ago should appear without a reload. */
export function useOutbox() {
  return useQuery({ queryKey: queryKeys.platformOutbox, queryFn: fetchOutbox, refetchInterval: 5_000 });
}

/** Cooperatives whose log the server cannot publish now; checked again every half minute. */
export function useLogFailures() {
  return useQuery({ queryKey: queryKeys.platformLogFailures, queryFn: fetchLogFailures, refetchInterval: 30_000 });
}
