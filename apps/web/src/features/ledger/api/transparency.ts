import { ConsistencyProof, EntryReceipt, LogKeys } from "@koperasi/contracts";
import { api } from "../../../api/client";

// The receipt comes from the signed-in route; the keys and proofs from the
// cooperative's PUBLIC log endpoints, in separate requests — the receipt is
// never checked against anything in its own response.

export const fetchReceipt = (koperasiId: string, entryId: string) =>
  api(`/koperasi/${encodeURIComponent(koperasiId)}/journals/${encodeURIComponent(entryId)}/receipt`, { schema: EntryReceipt });

export const fetchLogKeys = (slug: string) => api(`/public/log/${encodeURIComponent(slug)}/keys`, { schema: LogKeys });

export const fetchConsistency = async (slug: string, from: number, to: number): Promise<readonly string[]> =>
  (await api(`/public/log/${encodeURIComponent(slug)}/proof/consistency`, { query: { from, to }, schema: ConsistencyProof })).proof;
