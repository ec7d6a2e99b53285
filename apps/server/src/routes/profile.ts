import { KoperasiParams, KoperasiProfile, LOGO_MAX_BYTES, UpdateKoperasiProfile } from "@koperasi/contracts";
import { validateLogo } from "../branding/logo";
import { replaceLogo, toProfile, updateProfile } from "../branding/profile";
import type { AppContext } from "../context";
import { readSingleUpload } from "../files/upload";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";

export async function profileRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/profile",
    { schema: { tags: ["koperasi"], summary: "Profil koperasi", params: KoperasiParams, response: { 200: KoperasiProfile } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "koperasi.view_profile");
      return toProfile(access.koperasi);
    },
  );

  app.patch(
    "/koperasi/:koperasiId/profile",
    {
      schema: {
        tags: ["koperasi"],
        summary: "Mengubah profil koperasi (nama, warna, alamat, kewajiban verifikasi dua langkah)",
        params: KoperasiParams,
        body: UpdateKoperasiProfile,
        response: { 200: KoperasiProfile },
      },
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "koperasi.update_profile");
      return toProfile(await updateProfile(ctx, access, request.body, request));
    },
  );

  app.put(
    "/koperasi/:koperasiId/logo",
    {
      schema: {
        tags: ["koperasi"],
        summary: "Mengganti logo koperasi (multipart, kolom file: PNG atau SVG, paling besar 1 MB)",
        consumes: ["multipart/form-data"],
        params: KoperasiParams,
        response: { 200: KoperasiProfile },
      },
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "koperasi.update_profile");
      const upload = await readSingleUpload(request, { maxBytes: LOGO_MAX_BYTES, fallbackName: "logo" });
      const logo = await validateLogo(upload);
      return toProfile(await replaceLogo(ctx, access, logo, upload.fileName, request));
    },
  );
}
