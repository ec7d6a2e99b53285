import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import {
  addHeir,
  createMember,
  fetchHeirs,
  fetchMember,
  fetchMembers,
  fetchStatusHistory,
  removeHeir,
  updateHeir,
  updateMember,
  uploadMemberFile,
  type HeirChanges,
  type MemberChanges,
  type MemberFileKind,
  type MemberQuery,
  type NewHeir,
  type NewMember,
} from "../api/members";

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

/** After any change to one member: her record, her list rows, her history and heirs are read again. */
function useMemberInvalidation(koperasiId: string, memberId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.member(koperasiId, memberId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.members(koperasiId) }),
    ]);
}

export function useUpdateMember(koperasiId: string, memberId: string) {
  const invalidate = useMemberInvalidation(koperasiId, memberId);
  return useMutation({ mutationFn: (body: MemberChanges) => updateMember(koperasiId, memberId, body), onSuccess: invalidate });
}

export function useStatusHistory(koperasiId: string, memberId: string) {
  return useQuery({ queryKey: [...queryKeys.member(koperasiId, memberId), "status-history"], queryFn: () => fetchStatusHistory(koperasiId, memberId) });
}

export function useHeirs(koperasiId: string, memberId: string) {
  return useQuery({ queryKey: [...queryKeys.member(koperasiId, memberId), "heirs"], queryFn: () => fetchHeirs(koperasiId, memberId) });
}

export function useAddHeir(koperasiId: string, memberId: string) {
  const invalidate = useMemberInvalidation(koperasiId, memberId);
  return useMutation({ mutationFn: (body: NewHeir) => addHeir(koperasiId, memberId, body), onSuccess: invalidate });
}

export function useUpdateHeir(koperasiId: string, memberId: string) {
  const invalidate = useMemberInvalidation(koperasiId, memberId);
  return useMutation({ mutationFn: ({ heirId, body }: { heirId: string; body: HeirChanges }) => updateHeir(koperasiId, memberId, heirId, body), onSuccess: invalidate });
}

export function useRemoveHeir(koperasiId: string, memberId: string) {
  const invalidate = useMemberInvalidation(koperasiId, memberId);
  return useMutation({ mutationFn: (heirId: string) => removeHeir(koperasiId, memberId, heirId), onSuccess: invalidate });
}

export function useUploadMemberFile(koperasiId: string, memberId: string, kind: MemberFileKind) {
  const invalidate = useMemberInvalidation(koperasiId, memberId);
  return useMutation({ mutationFn: (file: File) => uploadMemberFile(koperasiId, memberId, kind, file), onSuccess: invalidate });
}
