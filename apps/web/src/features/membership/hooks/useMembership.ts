import { useCallback } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useIdempotentSubmit } from "../../ledger/idempotency";
import {
  approveApplication,
  decideScreeningMatch,
  enterApplication,
  fetchApplications,
  fetchScreeningLists,
  fetchScreeningMatches,
  leaveCooperative,
  postSettlement,
  previewSettlement,
  rejectApplication,
  uploadScreeningList,
  type ApplicationFields,
  type ApplicationState,
  type Decision,
  type LeaveBody,
  type SettlementBody,
} from "../api/membership";

// Under ["koperasi", id] like every cooperative's data; a decision refreshes
// the cooperative's members too (a new aktif member, one who left).
const key = (koperasiId: string) => ["koperasi", koperasiId, "membership"] as const;

function useRefresh(koperasiId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["koperasi", koperasiId] });
}

export function useApplications(koperasiId: string, state: ApplicationState) {
  return useQuery({ queryKey: [...key(koperasiId), "applications", state], queryFn: () => fetchApplications(koperasiId, state) });
}

export function useEnterApplication(koperasiId: string) {
  const refresh = useRefresh(koperasiId);
  return useMutation({ mutationFn: (body: ApplicationFields) => enterApplication(koperasiId, body), onSuccess: refresh });
}

export function useDecideApplication(koperasiId: string) {
  const refresh = useRefresh(koperasiId);
  return useMutation({
    mutationFn: (args: { id: string; approve: true } | { id: string; approve: false; reason: string }) =>
      args.approve ? approveApplication(koperasiId, args.id) : rejectApplication(koperasiId, args.id, args.reason),
    onSuccess: refresh,
  });
}

export function usePreviewSettlement(koperasiId: string, memberId: string) {
  return useMutation({ mutationFn: (body: SettlementBody) => previewSettlement(koperasiId, memberId, body) });
}

export function usePostSettlement(koperasiId: string, memberId: string) {
  const refresh = useRefresh(koperasiId);
  const submit = useIdempotentSubmit(useCallback((body: SettlementBody, idempotencyKey: string) => postSettlement(koperasiId, memberId, body, idempotencyKey), [koperasiId, memberId]));
  return useMutation({ mutationFn: submit, onSuccess: refresh });
}

export function useLeaveCooperative(koperasiId: string, memberId: string) {
  const refresh = useRefresh(koperasiId);
  return useMutation({ mutationFn: (body: LeaveBody) => leaveCooperative(koperasiId, memberId, body), onSuccess: refresh });
}

export function useScreeningMatches(koperasiId: string, state: "held" | "cleared" | "confirmed") {
  return useQuery({ queryKey: [...key(koperasiId), "screening", state], queryFn: () => fetchScreeningMatches(koperasiId, state) });
}

export function useDecideScreeningMatch(koperasiId: string) {
  const refresh = useRefresh(koperasiId);
  return useMutation({ mutationFn: (args: { id: string } & Decision) => decideScreeningMatch(koperasiId, args.id, { outcome: args.outcome, note: args.note }), onSuccess: refresh });
}

export function useScreeningLists() {
  return useQuery({ queryKey: ["platform", "screening-lists"], queryFn: fetchScreeningLists, refetchInterval: 5000 });
}

export function useUploadScreeningList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (args: { listName: string; csv: string }) => uploadScreeningList(args.listName, args.csv),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["platform", "screening-lists"] }),
  });
}
