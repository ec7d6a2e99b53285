import type { KoperasiStatus } from "@koperasi/db";
import { AppError } from "../errors/app-error";

const REASONS: Record<Exclude<KoperasiStatus, "approved">, { id: string; en: string }> = {
  pending: {
    id: "Pendaftaran koperasi masih menunggu persetujuan operator. Fitur uang terbuka setelah disetujui.",
    en: "The cooperative's registration is awaiting the operator's approval. Money features unlock once it is approved.",
  },
  rejected: {
    id: "Pendaftaran koperasi ditolak operator, sehingga fitur uang tidak tersedia.",
    en: "The cooperative's registration was rejected, so money features are unavailable.",
  },
  suspended: {
    id: "Koperasi sedang dibekukan oleh operator, sehingga fitur uang tidak tersedia.",
    en: "The cooperative is suspended by the operator, so money features are unavailable.",
  },
};

/**
 * Money features (savings, loans, journals, payments) unlock only once the
 * operator approved the cooperative. The request pipeline calls this for
 * every route that declares `money` or `approved` in its gate.
 */
export function requireApproved(koperasi: { status: KoperasiStatus | string }): void {
  if (koperasi.status === "approved") return;
  const reason = REASONS[koperasi.status as Exclude<KoperasiStatus, "approved">] ?? REASONS.pending;
  throw new AppError(403, "koperasi_not_approved", reason.id, reason.en);
}
