import { KoperasiProfile, type UpdateKoperasiProfile } from "@koperasi/contracts";
import type { z } from "zod";
import { api } from "../../../api/client";

const path = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}`;

export type ProfileUpdate = z.output<typeof UpdateKoperasiProfile>;

export const fetchProfile = (koperasiId: string) => api(`${path(koperasiId)}/profile`, { schema: KoperasiProfile });

export const updateProfile = (koperasiId: string, body: ProfileUpdate) =>
  api(`${path(koperasiId)}/profile`, { method: "PATCH", json: body, schema: KoperasiProfile });

export function uploadLogo(koperasiId: string, file: File) {
  const form = new FormData();
  form.append("file", file, file.name);
  return api(`${path(koperasiId)}/logo`, { method: "PUT", form, schema: KoperasiProfile });
}
