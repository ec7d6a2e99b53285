import { z } from "zod";
import {
  LeftCooperative,
  MemberHeir,
  MembershipApplication,
  ScreeningListVersion,
  ScreeningMatch,
  SettlementPosted,
  SettlementPreview,
  type DecideScreeningMatch,
  type LeaveCooperative,
  type MembershipApplicationFields,
  type PublicMembershipApplication,
  type SettlementRequestBody,
} from "@koperasi/contracts";
import { api } from "../../../api/client";

const base = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}`;

export type ApplicationFields = z.input<typeof MembershipApplicationFields>;
export type PublicApplication = z.input<typeof PublicMembershipApplication>;
export type SettlementBody = z.input<typeof SettlementRequestBody>;
export type LeaveBody = z.input<typeof LeaveCooperative>;
export type Decision = z.input<typeof DecideScreeningMatch>;
export type ApplicationState = "diajukan" | "disetujui" | "ditolak";

// Public: the self-service form.
export const requestApplicationCode = (slug: string, email: string) =>
  api(`/public/koperasi/${encodeURIComponent(slug)}/membership/code`, { method: "POST", json: { email } });

export const submitPublicApplication = (slug: string, body: PublicApplication) =>
  api(`/public/koperasi/${encodeURIComponent(slug)}/membership/applications`, {
    method: "POST",
    json: body,
    schema: z.object({ applicationId: z.string(), memberNumber: z.string() }),
  });

// Staff: the applications queue.
export const fetchApplications = (koperasiId: string, state: ApplicationState) =>
  api(`${base(koperasiId)}/membership/applications`, { query: { state }, schema: z.object({ items: z.array(MembershipApplication) }) });

export const enterApplication = (koperasiId: string, body: ApplicationFields) =>
  api(`${base(koperasiId)}/membership/applications`, { method: "POST", json: body, schema: MembershipApplication });

export const approveApplication = (koperasiId: string, id: string) =>
  api(`${base(koperasiId)}/membership/applications/${encodeURIComponent(id)}/approve`, { method: "POST", schema: MembershipApplication });

export const rejectApplication = (koperasiId: string, id: string, reason: string) =>
  api(`${base(koperasiId)}/membership/applications/${encodeURIComponent(id)}/reject`, { method: "POST", json: { reason }, schema: MembershipApplication });

// Leaving.
export const previewSettlement = (koperasiId: string, memberId: string, body: SettlementBody) =>
  api(`${base(koperasiId)}/members/${encodeURIComponent(memberId)}/settlement/preview`, { method: "POST", json: body, schema: SettlementPreview });

export const postSettlement = (koperasiId: string, memberId: string, body: SettlementBody, key: string) =>
  api(`${base(koperasiId)}/members/${encodeURIComponent(memberId)}/settlement`, { method: "POST", json: body, headers: { "Idempotency-Key": key }, schema: SettlementPosted });

export const leaveCooperative = (koperasiId: string, memberId: string, body: LeaveBody) =>
  api(`${base(koperasiId)}/members/${encodeURIComponent(memberId)}/leave`, { method: "POST", json: body, schema: LeftCooperative });

// Screening.
export const fetchScreeningMatches = (koperasiId: string, state: "held" | "cleared" | "confirmed") =>
  api(`${base(koperasiId)}/screening/matches`, { query: { state }, schema: z.object({ items: z.array(ScreeningMatch) }) });

export const decideScreeningMatch = (koperasiId: string, id: string, body: Decision) =>
  api(`${base(koperasiId)}/screening/matches/${encodeURIComponent(id)}/decision`, { method: "POST", json: body });

export const fetchScreeningLists = () => api("/platform/screening-lists", { schema: z.object({ items: z.array(ScreeningListVersion) }) });

export const uploadScreeningList = (listName: string, csv: string) =>
  api("/platform/screening-lists", { method: "POST", json: { listName, csv }, schema: ScreeningListVersion });

export const fetchHeirs = (koperasiId: string, memberId: string) =>
  api(`${base(koperasiId)}/members/${encodeURIComponent(memberId)}/heirs`, { schema: z.object({ items: z.array(MemberHeir) }) });
