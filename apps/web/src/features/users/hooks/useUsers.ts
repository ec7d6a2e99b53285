import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import { createInvitation, fetchInvitations, fetchUsers, revokeInvitation, updateUser, type NewInvitation, type UserUpdate } from "../api/users";

export function useUsers(koperasiId: string, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.users(koperasiId), queryFn: () => fetchUsers(koperasiId), enabled });
}

export function useUpdateUser(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserUpdate }) => updateUser(koperasiId, id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users(koperasiId) });
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
