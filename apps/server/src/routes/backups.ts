import { BackupOverview } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { requireOperator } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { backupOverview } from "../backup/backup-runs";

export async function backupRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/platform/backups",
    { schema: { tags: ["Operator"], summary: "Cadangan terakhir, umurnya, dan 30 percobaan terakhir (berhasil atau gagal)", response: { 200: BackupOverview } } },
    async (request) => {
      await requireOperator(ctx, request);
      return backupOverview(ctx.database, ctx.now());
    },
  );
}
