import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import { fetchMemberCards, fetchOwnCard, issueMemberCard, resolveCard, revokeMemberCard } from "../api/member-card";

const cardsKey = (koperasiId: string, memberId: string) => [...queryKeys.koperasi(koperasiId), "member-card", "member", memberId] as const;

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

/** A member's cards, for the staff who print and replace them. */
export function useMemberCards(koperasiId: string, memberId: string) {
  return useQuery({ queryKey: cardsKey(koperasiId, memberId), queryFn: () => fetchMemberCards(koperasiId, memberId) });
}

export function useIssueMemberCard(koperasiId: string, memberId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => issueMemberCard(koperasiId, memberId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cardsKey(koperasiId, memberId) }),
  });
}

export function useRevokeMemberCard(koperasiId: string, memberId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ cardId, reason }: { cardId: string; reason: string }) => revokeMemberCard(koperasiId, memberId, cardId, reason),
    onSettled: () => queryClient.invalidateQueries({ queryKey: cardsKey(koperasiId, memberId) }),
  });
}
