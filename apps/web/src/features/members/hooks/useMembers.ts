import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import { createMember, fetchMember, fetchMembers, type MemberQuery, type NewMember } from "../api/members";

export function useMembers(koperasiId: string, query: MemberQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.members(koperasiId, query),
    queryFn: () => fetchMembers(koperasiId, query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMember(koperasiId: string, memberId: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.member(koperasiId, memberId ?? ""),
    queryFn: () => fetchMember(koperasiId, memberId ?? ""),
    enabled: Boolean(memberId),
  });
}

export function useCreateMember(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewMember) => createMember(koperasiId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.members(koperasiId) }),
  });
}
