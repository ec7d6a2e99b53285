import { KoperasiHome, KoperasiParams } from "@koperasi/contracts";
import { homeFigures } from "../home/home";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";

export async function homeRoutes(app: ZodApp): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/home",
    {
      schema: {
        tags: ["beranda"],
        summary: "Beranda: angka yang dilihat peran ini (simpanan sendiri, kas, buku, yang menunggu, langkah awal)",
        params: KoperasiParams,
        response: { 200: KoperasiHome },
      },
      // Everyone in the cooperative has a home; what it holds follows her permissions.
      config: { gate: { action: "koperasi.view_profile" } },
    },
    async (request) => homeFigures(command(request)),
  );
}
