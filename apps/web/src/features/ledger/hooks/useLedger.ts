import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { queryKeys } from "../../../api/keys";
import {
  approveJournal,
  createManualJournal,
  createTransfer,
  fetchAccounts,
  fetchGeneralLedger,
  fetchJournal,
  fetchJournals,
  fetchMemberAccounts,
  fetchStatement,
  fetchTrialBalance,
  rejectJournal,
  reverseJournal,
  type JournalListQuery,
  type MemberAccountListQuery,
  type PeriodQuery,
  type TransferBody,
} from "../api/ledger";
import { useIdempotentSubmit } from "../idempotency";
import type { ManualJournalBody } from "../journal-form";

export function useGlAccounts(koperasiId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.glAccounts(koperasiId), queryFn: () => fetchAccounts(koperasiId), enabled, staleTime: 60_000 });
}

/** `asOf` empty: today, as the server reckons it in the cooperative's zone. */
export function useTrialBalance(koperasiId: string, asOf: string) {
  return useQuery({
    queryKey: queryKeys.trialBalance(koperasiId, asOf),
    queryFn: () => fetchTrialBalance(koperasiId, asOf || undefined),
    placeholderData: keepPreviousData,
  });
}

export function useGeneralLedger(koperasiId: string, accountId: string, query: PeriodQuery) {
  return useQuery({
    queryKey: queryKeys.generalLedger(koperasiId, accountId, query),
    queryFn: () => fetchGeneralLedger(koperasiId, accountId, query),
    placeholderData: keepPreviousData,
    enabled: Boolean(accountId),
  });
}

export function useJournals(koperasiId: string, query: JournalListQuery) {
  return useQuery({ queryKey: queryKeys.journals(koperasiId, query), queryFn: () => fetchJournals(koperasiId, query), placeholderData: keepPreviousData });
}

export function useJournal(koperasiId: string, entryId: string) {
  return useQuery({ queryKey: queryKeys.journal(koperasiId, entryId), queryFn: () => fetchJournal(koperasiId, entryId), enabled: Boolean(entryId) });
}

export function useMemberAccounts(koperasiId: string, query: MemberAccountListQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.memberAccounts(koperasiId, query),
    queryFn: () => fetchMemberAccounts(koperasiId, query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useStatement(koperasiId: string, memberAccountId: string, query: PeriodQuery) {
  return useQuery({
    queryKey: queryKeys.statement(koperasiId, memberAccountId, query),
    queryFn: () => fetchStatement(koperasiId, memberAccountId, query),
    placeholderData: keepPreviousData,
    enabled: Boolean(memberAccountId),
  });
}

/** After anything is posted, approved, rejected or reversed: every ledger view is stale. */
function useInvalidateLedger(koperasiId: string) {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: queryKeys.ledger(koperasiId) }), [queryClient, koperasiId]);
}

export function useCreateManualJournal(koperasiId: string) {
  const invalidate = useInvalidateLedger(koperasiId);
  const submit = useIdempotentSubmit(useCallback((body: ManualJournalBody, key: string) => createManualJournal(koperasiId, body, key), [koperasiId]));
  return useMutation({ mutationFn: submit, onSuccess: invalidate });
}

export function useApproveJournal(koperasiId: string) {
  const invalidate = useInvalidateLedger(koperasiId);
  const submit = useIdempotentSubmit(useCallback((entryId: string, key: string) => approveJournal(koperasiId, entryId, key), [koperasiId]));
  return useMutation({ mutationFn: submit, onSuccess: invalidate });
}

export function useRejectJournal(koperasiId: string) {
  const invalidate = useInvalidateLedger(koperasiId);
  return useMutation({ mutationFn: ({ entryId, reason }: { entryId: string; reason: string }) => rejectJournal(koperasiId, entryId, reason), onSuccess: invalidate });
}

export function useReverseJournal(koperasiId: string) {
  const invalidate = useInvalidateLedger(koperasiId);
  const submit = useIdempotentSubmit(
    useCallback(({ entryId, reason }: { entryId: string; reason: string }, key: string) => reverseJournal(koperasiId, entryId, reason, key), [koperasiId]),
  );
  return useMutation({ mutationFn: submit, onSuccess: invalidate });
}

export function useCreateTransfer(koperasiId: string) {
  const invalidate = useInvalidateLedger(koperasiId);
  const submit = useIdempotentSubmit(useCallback((body: TransferBody, key: string) => createTransfer(koperasiId, body, key), [koperasiId]));
  return useMutation({ mutationFn: submit, onSuccess: invalidate });
}
