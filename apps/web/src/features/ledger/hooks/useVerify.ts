import { useMutation } from "@tanstack/react-query";
import { isApiError } from "../../../api/problem";
import { fetchConsistency, fetchLogKeys, fetchReceipt } from "../api/transparency";
import { storagePins } from "../verify/pins";
import { verifyTransaction, type ExpectedEntry, type VerifyOutcome } from "../verify/verify-receipt";

export type VerifyResult = VerifyOutcome | { ok: false; reason: "not_ready"; detail: string };

/**
 * "Verifikasi": fetch the receipt, then the log's keys from the public
 * endpoint, and check the one against the other and against what this
 * browser pinned before. A receipt that no checkpoint covers yet is not a
 * failure: the member is told to try again in a few seconds.
 */
export function useVerifyTransaction(slug: string) {
  return useMutation({
    mutationFn: async (expected: ExpectedEntry): Promise<VerifyResult> => {
      let receipt;
      try {
        receipt = await fetchReceipt(expected.koperasiId, expected.entryId);
      } catch (error) {
        if (isApiError(error) && error.code === "receipt_not_ready") return { ok: false, reason: "not_ready", detail: error.detail };
        throw error;
      }
      const keys = await fetchLogKeys(slug);
      return verifyTransaction({ receipt, keys, expected, pins: storagePins(), consistency: (from, to) => fetchConsistency(slug, from, to) });
    },
  });
}
