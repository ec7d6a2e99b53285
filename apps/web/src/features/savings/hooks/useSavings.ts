import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { queryKeys } from "../../../api/keys";
import { useIdempotentSubmit } from "../../ledger/idempotency";
import { changeTerms, createDeposit, createWithdrawal, fetchProducts, fetchStanding, type CounterBody, type SavingsTermsBody, type WithdrawalOutcomeData } from "../api/savings";

export function useStanding(koperasiId: string, memberAccountId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.savingsStanding(koperasiId, memberAccountId ?? ""),
    queryFn: () => fetchStanding(koperasiId, memberAccountId ?? ""),
    enabled: memberAccountId !== undefined,
  });
}

/** A deposit or a withdrawal at the counter; both answer with what the receipt needs (a large withdrawal: that it waits for approval). */
export function useCounterTransaction(koperasiId: string, kind: "deposit" | "withdrawal") {
  const queryClient = useQueryClient();
  const submit = useIdempotentSubmit(
    useCallback(
      (body: CounterBody, key: string): Promise<WithdrawalOutcomeData> => (kind === "deposit" ? createDeposit(koperasiId, body, key) : createWithdrawal(koperasiId, body, key)),
      [koperasiId, kind],
    ),
  );
  return useMutation({ mutationFn: submit, onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.ledger(koperasiId) }) });
}

export function useSavingsProducts(koperasiId: string) {
  return useQuery({ queryKey: queryKeys.savingsProducts(koperasiId), queryFn: () => fetchProducts(koperasiId) });
}

export function useChangeTerms(koperasiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ productId, body }: { productId: string; body: SavingsTermsBody }) => changeTerms(koperasiId, productId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.savingsProducts(koperasiId) }),
  });
}
