import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import { fetchPublicKoperasi } from "../api/public";

export function usePublicKoperasi(slug: string | undefined) {
  return useQuery({
    queryKey: queryKeys.publicKoperasi(slug ?? ""),
    queryFn: () => fetchPublicKoperasi(slug ?? ""),
    enabled: Boolean(slug),
    staleTime: 5 * 60_000,
    retry: (count, error) => count < 2 && !("status" in error && (error as { status: number }).status === 404),
  });
}
