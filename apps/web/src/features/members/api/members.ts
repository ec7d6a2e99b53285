import { Member, paged, type CreateMember } from "@koperasi/contracts";
import type { z } from "zod";
import { api } from "../../../api/client";

const path = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}/members`;
const MemberPage = paged(Member);

export type NewMember = z.output<typeof CreateMember>;
export interface MemberQuery {
  q?: string;
  page: number;
  pageSize: number;
}

export const fetchMembers = (koperasiId: string, query: MemberQuery) => api(path(koperasiId), { query: { ...query }, schema: MemberPage });

export const fetchMember = (koperasiId: string, memberId: string) => api(`${path(koperasiId)}/${encodeURIComponent(memberId)}`, { schema: Member });

export const createMember = (koperasiId: string, body: NewMember) => api(path(koperasiId), { method: "POST", json: body, schema: Member });
