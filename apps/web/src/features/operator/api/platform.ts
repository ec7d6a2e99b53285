import { BackupOverview, LogFailure, OutboundMessage, PendingKoperasi } from "@koperasi/contracts";
import { API_BASE, api } from "../../../api/client";

export const fetchPendingRegistrations = () => api("/platform/registrations", { schema: PendingKoperasi.array() });

export const reviewRegistration = (koperasiId: string, body: { decision: "approve" | "reject"; note?: string }) =>
  api(`/platform/koperasi/${encodeURIComponent(koperasiId)}/review`, { method: "POST", json: body, schema: PendingKoperasi });

export const fetchOutbox = () => api("/platform/outbox", { schema: OutboundMessage.array() });

export const fetchLogFailures = () => api("/platform/log-failures", { schema: LogFailure.array() });

/** A registration document, opened by the operator (the server records the access). */
export const documentHref = (koperasiId: string, fileId: string) =>
  `${API_BASE}/platform/koperasi/${encodeURIComponent(koperasiId)}/documents/${encodeURIComponent(fileId)}`;

export const fetchBackups = () => api("/platform/backups", { schema: BackupOverview });
