import { BreachDrill, PrivacyNotice, PrivacyRequest, ProcessingRecord } from "@koperasi/contracts";
import type { ConsentPurpose, PrivacyRequestKind } from "@koperasi/domain";
import { api } from "../../../api/client";

const base = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}/privacy`;

export const fetchPrivacyNotice = (koperasiId: string) => api(`${base(koperasiId)}/notice`, { schema: PrivacyNotice });

export const recordConsent = (koperasiId: string, body: { purpose: ConsentPurpose; given: boolean; noticeVersion: string }) =>
  api(`${base(koperasiId)}/consents`, { method: "POST", json: body, schema: PrivacyNotice });

export const createPrivacyRequest = (koperasiId: string, body: { kind: PrivacyRequestKind; details: string }) =>
  api(`${base(koperasiId)}/requests`, { method: "POST", json: body, schema: PrivacyRequest });

export const fetchMyPrivacyRequests = (koperasiId: string) => api(`${base(koperasiId)}/requests/mine`, { schema: PrivacyRequest.array() });

export const fetchPrivacyRequests = (koperasiId: string, status: "terbuka" | "semua") =>
  api(`${base(koperasiId)}/requests`, { query: { status }, schema: PrivacyRequest.array() });

export const erasePersonalData = (koperasiId: string, requestId: string) =>
  api(`${base(koperasiId)}/requests/${encodeURIComponent(requestId)}/erase`, { method: "POST", schema: PrivacyRequest });

export const updatePrivacyRequest = (koperasiId: string, requestId: string, body: { status: "diproses" | "selesai" | "ditolak"; answer?: string }) =>
  api(`${base(koperasiId)}/requests/${encodeURIComponent(requestId)}`, { method: "PATCH", json: body, schema: PrivacyRequest });

export const fetchProcessingRecord = (koperasiId: string) => api(`${base(koperasiId)}/processing-record`, { schema: ProcessingRecord });

export const fetchBreachDrills = (koperasiId: string) => api(`${base(koperasiId)}/breach-drills`, { schema: BreachDrill.array() });

export const acknowledgeBreachDrill = (koperasiId: string, drillId: string) =>
  api(`${base(koperasiId)}/breach-drills/${encodeURIComponent(drillId)}/acknowledge`, { method: "POST", schema: BreachDrill });

/** The operator's side: start a drill for one cooperative, and see its drills. */
export const startBreachDrill = (koperasiId: string) => api(`/platform/koperasi/${encodeURIComponent(koperasiId)}/breach-drills`, { method: "POST", schema: BreachDrill });
export const fetchOperatorBreachDrills = (koperasiId: string) => api(`/platform/koperasi/${encodeURIComponent(koperasiId)}/breach-drills`, { schema: BreachDrill.array() });
