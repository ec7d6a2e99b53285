import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import { fetchHome } from "../api/home";

export function useHome(koperasiId: string) {
  return useQuery({ queryKey: queryKeys.home(koperasiId), queryFn: () => fetchHome(koperasiId), staleTime: 30_000 });
}
