import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import { fetchAudit } from "../api/audit";

export function useAudit(koperasiId: string, page: { page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: queryKeys.audit(koperasiId, page),
    queryFn: () => fetchAudit(koperasiId, page),
    placeholderData: keepPreviousData,
    enabled,
  });
}
