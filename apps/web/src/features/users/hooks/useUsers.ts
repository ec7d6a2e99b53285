import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import {
  createInvitation,
  decideRoleGrant,
  fetchInvitations,
  fetchRoleGrants,
  fetchUsers,
  revokeInvitation,
  updateUser,
  type NewInvitation,
  type UserUpdate,
} from "../api/users";

export function useUsers(koperasiId: string, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.users(koperasiId), queryFn: () => fetchUsers(koperasiId), enabled });
}

export function useUpdateUser(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserUpdate }) => updateUser(koperasiId, id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users(koperasiId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.roleGrants(koperasiId) });
      // Changing one's own roles changes what the session allows.
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}

export function useInvitations(koperasiId: string, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.invitations(koperasiId), queryFn: () => fetchInvitations(koperasiId), enabled });
}

export function useCreateInvitation(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewInvitation) => createInvitation(koperasiId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations(koperasiId) }),
  });
}

export function useRevokeInvitation(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeInvitation(koperasiId, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations(koperasiId) }),
  });
}

export function useRoleGrants(koperasiId: string) {
  return useQuery({ queryKey: queryKeys.roleGrants(koperasiId), queryFn: () => fetchRoleGrants(koperasiId) });
}

/** Approving applies the change: the users, the structure and one's own session may all change. */
export function useDecideRoleGrant(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: "approve" | "reject" }) => decideRoleGrant(koperasiId, id, decision),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.koperasi(koperasiId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}
