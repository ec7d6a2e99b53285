import { AuditEntry, paged } from "@koperasi/contracts";
import { api } from "../../../api/client";

const AuditPage = paged(AuditEntry);

export const fetchAudit = (koperasiId: string, page: { page: number; pageSize: number }) =>
  api(`/koperasi/${encodeURIComponent(koperasiId)}/audit`, { query: { ...page }, schema: AuditPage });
