import { useQuery } from "@tanstack/react-query";
import { PublicKoperasi as PublicKoperasiSchema } from "@koperasi/contracts";
import { queryKeys } from "../../../api/keys";
import { isApiError } from "../../../api/problem";
import type { PublicKoperasi } from "../../../api/types";
import { fetchPublicKoperasi } from "../api/public";

// A cooperative's installed app opens at /k/<slug>/ — offline too. Its name,
// colour and logo address are public, so the last ones seen are kept in
// localStorage and shown until the server answers.
const storageKey = (slug: string) => `koperasi.public.${slug}`;

function remembered(slug: string): PublicKoperasi | undefined {
  try {
    const raw = localStorage.getItem(storageKey(slug));
    if (!raw) return undefined;
    const parsed = PublicKoperasiSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function remember(koperasi: PublicKoperasi): void {
  try {
    localStorage.setItem(storageKey(koperasi.slug), JSON.stringify(koperasi));
  } catch {
    // storage full or unavailable: the page still works online
  }
}

export function usePublicKoperasi(slug: string | undefined) {
  return useQuery({
    queryKey: queryKeys.publicKoperasi(slug ?? ""),
    queryFn: async () => {
      const koperasi = await fetchPublicKoperasi(slug ?? "");
      remember(koperasi);
      return koperasi;
    },
    enabled: Boolean(slug),
    initialData: () => (slug ? remembered(slug) : undefined),
    initialDataUpdatedAt: 0,
    staleTime: 5 * 60_000,
    retry: (count, error) => count < 2 && !(isApiError(error) && (error.status === 404 || error.code === "network_error")),
  });
}
