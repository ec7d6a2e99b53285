import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import { confirmContactChange, requestContactChange, type ContactChangeConfirmation, type ContactChangeRequest } from "../api/contact-change";

export function useRequestContactChange(koperasiId: string) {
  return useMutation({ mutationFn: (body: ContactChangeRequest) => requestContactChange(koperasiId, body) });
}

/** On success her record (the home card) shows the new value at once. */
export function useConfirmContactChange(koperasiId: string, memberId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactChangeConfirmation) => confirmContactChange(koperasiId, body),
    onSuccess: (member) => {
      queryClient.setQueryData(queryKeys.member(koperasiId, memberId), member);
      return queryClient.invalidateQueries({ queryKey: queryKeys.member(koperasiId, memberId) });
    },
  });
}
