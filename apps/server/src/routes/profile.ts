import { KoperasiParams, KoperasiProfile, LOGO_MAX_BYTES, UpdateKoperasiProfile } from "@koperasi/contracts";
import { uuidv7 } from "@koperasi/domain";
import { validateLogo } from "../branding/logo";
import { replaceLogo, storeLogo, toProfile, updateProfile } from "../branding/profile";
import type { AppContext } from "../context";
import { readSingleUpload } from "../http/multipart-upload";
import { admission, command, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";

export async function profileRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/profile",
    {
      schema: { tags: ["koperasi"], summary: "Profil koperasi", params: KoperasiParams, response: { 200: KoperasiProfile } },
      config: { gate: { action: "koperasi.view_profile" } },
    },
    async (request) => toProfile(command(request).koperasi),
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
      config: { gate: { action: "koperasi.update_profile" } },
    },
    async (request) => toProfile(await updateProfile(command(request), request.body)),
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
      // Read, checked and stored after the gate and before the transaction.
      config: { gate: { action: "koperasi.update_profile", transaction: "own" } },
    },
    async (request, reply) => {
      const upload = await readSingleUpload(request, { maxBytes: LOGO_MAX_BYTES, fallbackName: "logo" });
      const logo = await validateLogo(upload);
      const stored = await storeLogo(ctx.files, admission(request).koperasi.id, uuidv7(), logo, upload.fileName);
      return reply.send(toProfile(await runCommand(ctx, request, (cmd) => replaceLogo(cmd, stored))));
    },
  );
}
