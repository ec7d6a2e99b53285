import { OwnMemberCard, ResolvedMemberCard } from "@koperasi/contracts";
import type { z } from "zod";
import { api, buildUrl } from "../../../api/client";

export type OwnCard = z.output<typeof OwnMemberCard>;
export type ResolvedCard = z.output<typeof ResolvedMemberCard>;

const base = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}`;

export const fetchOwnCard = (koperasiId: string) => api(`${base(koperasiId)}/members/me/card`, { schema: OwnMemberCard });

export const resolveCard = (koperasiId: string, code: string) =>
  api(`${base(koperasiId)}/member-card/resolve`, { method: "POST", json: { code }, schema: ResolvedMemberCard });

/** Plain links: the browser downloads them with the session cookie. */
export const ownCardPdfUrl = (koperasiId: string) => buildUrl(`${base(koperasiId)}/members/me/card.pdf`);
export const personalDataUrl = (koperasiId: string, format: "json" | "pdf") => buildUrl(`${base(koperasiId)}/members/me/export`, { format });
