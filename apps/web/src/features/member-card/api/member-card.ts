import { MemberCard, MemberCardList, OwnMemberCard, ResolvedMemberCard, RevokedMemberCard } from "@koperasi/contracts";
import type { z } from "zod";
import { api, buildUrl } from "../../../api/client";

export type OwnCard = z.output<typeof OwnMemberCard>;
export type ResolvedCard = z.output<typeof ResolvedMemberCard>;
export type Card = z.output<typeof MemberCard>;

const base = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}`;

export const fetchOwnCard = (koperasiId: string) => api(`${base(koperasiId)}/members/me/card`, { schema: OwnMemberCard });

export const resolveCard = (koperasiId: string, code: string) =>
  api(`${base(koperasiId)}/member-card/resolve`, { method: "POST", json: { code }, schema: ResolvedMemberCard });

/** Plain links: the browser downloads them with the session cookie. */
export const ownCardPdfUrl = (koperasiId: string) => buildUrl(`${base(koperasiId)}/members/me/card.pdf`);
export const personalDataUrl = (koperasiId: string, format: "json" | "pdf") => buildUrl(`${base(koperasiId)}/members/me/export`, { format });

const memberCards = (koperasiId: string, memberId: string) => `${base(koperasiId)}/members/${encodeURIComponent(memberId)}/cards`;

export const fetchMemberCards = (koperasiId: string, memberId: string) => api(memberCards(koperasiId, memberId), { schema: MemberCardList });

export const issueMemberCard = (koperasiId: string, memberId: string) => api(memberCards(koperasiId, memberId), { method: "POST", json: {}, schema: MemberCard });

export const revokeMemberCard = (koperasiId: string, memberId: string, cardId: string, reason: string) =>
  api(`${memberCards(koperasiId, memberId)}/${encodeURIComponent(cardId)}/revoke`, { method: "POST", json: { reason }, schema: RevokedMemberCard });

export const memberCardPdfUrl = (koperasiId: string, memberId: string) => buildUrl(`${base(koperasiId)}/members/${encodeURIComponent(memberId)}/card.pdf`);
