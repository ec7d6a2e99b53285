import { PublicKoperasi } from "@koperasi/contracts";
import { api } from "../../../api/client";

export const fetchPublicKoperasi = (slug: string) => api(`/public/koperasi/${encodeURIComponent(slug)}`, { schema: PublicKoperasi });

export const manifestHref = (slug: string) => `/k/${encodeURIComponent(slug)}/manifest.webmanifest`;
export const iconHref = (slug: string, size: 192 | 512) => `/api/v1/public/koperasi/${encodeURIComponent(slug)}/icon-${size}.png`;
