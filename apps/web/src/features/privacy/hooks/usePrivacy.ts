import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConsentPurpose, PrivacyRequestKind } from "@koperasi/domain";
import { queryKeys } from "../../../api/keys";
import { acknowledgeBreachDrill, createPrivacyRequest, erasePersonalData, fetchBreachDrills, fetchProcessingRecord, fetchMyPrivacyRequests, fetchPrivacyNotice, fetchPrivacyRequests, recordConsent, updatePrivacyRequest } from "../api/privacy";

const key = (koperasiId: string) => [...queryKeys.koperasi(koperasiId), "privacy"] as const;

export function usePrivacyNotice(koperasiId: string) {
  return useQuery({ queryKey: [...key(koperasiId), "notice"], queryFn: () => fetchPrivacyNotice(koperasiId) });
}

export function useRecordConsent(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { purpose: ConsentPurpose; given: boolean; noticeVersion: string }) => recordConsent(koperasiId, body),
    onSuccess: (notice) => queryClient.setQueryData([...key(koperasiId), "notice"], notice),
  });
}

export function useMyPrivacyRequests(koperasiId: string) {
  return useQuery({ queryKey: [...key(koperasiId), "mine"], queryFn: () => fetchMyPrivacyRequests(koperasiId) });
}

export function useCreatePrivacyRequest(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: PrivacyRequestKind; details: string }) => createPrivacyRequest(koperasiId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key(koperasiId), "mine"] }),
  });
}

export function usePrivacyRequests(koperasiId: string, status: "terbuka" | "semua") {
  return useQuery({ queryKey: [...key(koperasiId), "queue", status], queryFn: () => fetchPrivacyRequests(koperasiId, status) });
}

export function useUpdatePrivacyRequest(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, ...body }: { requestId: string; status: "diproses" | "selesai" | "ditolak"; answer?: string }) => updatePrivacyRequest(koperasiId, requestId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key(koperasiId), "queue"] }),
  });
}

/** Carries out an erasure request (the server refuses while her membership runs). */
export function useErasePersonalData(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requestId: string) => erasePersonalData(koperasiId, requestId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key(koperasiId), "queue"] }),
  });
}

export function useProcessingRecord(koperasiId: string) {
  return useQuery({ queryKey: [...key(koperasiId), "processing-record"], queryFn: () => fetchProcessingRecord(koperasiId) });
}

export function useBreachDrills(koperasiId: string) {
  return useQuery({ queryKey: [...key(koperasiId), "breach-drills"], queryFn: () => fetchBreachDrills(koperasiId) });
}

export function useAcknowledgeBreachDrill(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (drillId: string) => acknowledgeBreachDrill(koperasiId, drillId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key(koperasiId), "breach-drills"] }),
  });
}
