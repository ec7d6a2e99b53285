import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import type { KoperasiProfile } from "../../../api/types";
import { fetchProfile, updateProfile, uploadLogo, type ProfileUpdate } from "../api/koperasi";

export function useProfile(koperasiId: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.profile(koperasiId ?? ""),
    queryFn: () => fetchProfile(koperasiId ?? ""),
    enabled: Boolean(koperasiId),
    staleTime: 60_000,
  });
}

function useStoreProfile(koperasiId: string) {
  const queryClient = useQueryClient();
  return (profile: KoperasiProfile) => {
    queryClient.setQueryData(queryKeys.profile(koperasiId), profile);
    // The name and status also live in the session's membership list and on the public page.
    void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    void queryClient.invalidateQueries({ queryKey: queryKeys.publicKoperasi(profile.slug) });
  };
}

export function useUpdateProfile(koperasiId: string) {
  const store = useStoreProfile(koperasiId);
  return useMutation({ mutationFn: (body: ProfileUpdate) => updateProfile(koperasiId, body), onSuccess: store });
}

export function useUploadLogo(koperasiId: string) {
  const store = useStoreProfile(koperasiId);
  return useMutation({ mutationFn: (file: File) => uploadLogo(koperasiId, file), onSuccess: store });
}
