import {
  MemberDetail,
  MemberFileInfo,
  MemberHeir,
  MemberStatusChange,
  Member,
  Ok,
  paged,
  type CreateMember,
  type CreateMemberHeir,
  type UpdateMemberHeir,
  type MEMBER_STATUS_VALUES,
  type MEMBER_TYPE_VALUES,
  type UpdateMember,
} from "@koperasi/contracts";
import { z } from "zod";
import { api, buildUrl } from "../../../api/client";

const path = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}/members`;
const memberPath = (koperasiId: string, memberId: string) => `${path(koperasiId)}/${encodeURIComponent(memberId)}`;
const MemberPage = paged(Member);

export type NewMember = z.output<typeof CreateMember>;
export type MemberChanges = z.output<typeof UpdateMember>;
export type MemberRecord = z.output<typeof MemberDetail>;
export type Heir = z.output<typeof MemberHeir>;
export type NewHeir = z.output<typeof CreateMemberHeir>;
export type HeirChanges = z.output<typeof UpdateMemberHeir>;
export type StatusChange = z.output<typeof MemberStatusChange>;
export type MemberFileKind = "photo" | "ktp";

export interface MemberQuery {
  q?: string;
  status?: (typeof MEMBER_STATUS_VALUES)[number];
  memberType?: (typeof MEMBER_TYPE_VALUES)[number];
  /** Exact lookups: sent only in the request body, never in the URL. */
  nik?: string;
  phone?: string;
  page: number;
  pageSize: number;
}

/** Every list request is a POST body: a NIK or phone typed into the search box must never reach a URL or an access log. */
export const fetchMembers = (koperasiId: string, query: MemberQuery) =>
  api(`${path(koperasiId)}/search`, { method: "POST", json: withoutUndefined(query), schema: MemberPage });

export const fetchMember = (koperasiId: string, memberId: string) => api(memberPath(koperasiId, memberId), { schema: MemberDetail });

export const createMember = (koperasiId: string, body: NewMember) => api(path(koperasiId), { method: "POST", json: body, schema: MemberDetail });

export const updateMember = (koperasiId: string, memberId: string, body: MemberChanges) =>
  api(memberPath(koperasiId, memberId), { method: "PATCH", json: body, schema: MemberDetail });

export const fetchStatusHistory = (koperasiId: string, memberId: string) =>
  api(`${memberPath(koperasiId, memberId)}/status-history`, { schema: z.object({ items: z.array(MemberStatusChange) }) });

export const fetchHeirs = (koperasiId: string, memberId: string) =>
  api(`${memberPath(koperasiId, memberId)}/heirs`, { schema: z.object({ items: z.array(MemberHeir) }) });

export const addHeir = (koperasiId: string, memberId: string, body: NewHeir) =>
  api(`${memberPath(koperasiId, memberId)}/heirs`, { method: "POST", json: body, schema: MemberHeir });

export const updateHeir = (koperasiId: string, memberId: string, heirId: string, body: HeirChanges) =>
  api(`${memberPath(koperasiId, memberId)}/heirs/${encodeURIComponent(heirId)}`, { method: "PATCH", json: body, schema: MemberHeir });

export const removeHeir = (koperasiId: string, memberId: string, heirId: string) =>
  api(`${memberPath(koperasiId, memberId)}/heirs/${encodeURIComponent(heirId)}`, { method: "DELETE", schema: Ok });

export const uploadMemberFile = (koperasiId: string, memberId: string, kind: MemberFileKind, file: File) => {
  const form = new FormData();
  form.append("file", file, file.name);
  return api(`${memberPath(koperasiId, memberId)}/files/${kind}`, { method: "PUT", form, schema: MemberFileInfo });
};

/** For <img src>: the browser sends the session cookie; `version` busts the cache after an upload. */
export const memberFileUrl = (koperasiId: string, memberId: string, kind: MemberFileKind, version?: string) =>
  buildUrl(`${memberPath(koperasiId, memberId)}/files/${kind}`, { v: version });

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}
