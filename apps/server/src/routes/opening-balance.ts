import { KoperasiParams, OpeningBalanceDryRun, OpeningBalancePosted, OpeningBalanceRequest } from "@koperasi/contracts";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import type { AppContext } from "../context";
import { planOpeningBalance, postOpeningBalance } from "../go-live/opening-balance";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { idempotent } from "../ledger/idempotency";
import { requireApproved } from "../registration/approval";

// Go-live (saldo awal) over HTTP. Permission: ledger.manage_accounts — the
// admin and the bendahara, who set up the chart of accounts the balances go
// into. No separate approval by the ketua: the entry can only be posted once
// per cooperative, must balance to the rupiah and match every member's
// balance, is recorded in the audit log and the verifiable log, and is undone
// only by a reversal, which needs its own checker (journal.approve). That is
// the same four-eyes the books already have, without a second queue for a
// step a cooperative takes once.

const tags = ["buku besar"];

export async function openingBalanceRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    "/koperasi/:koperasiId/opening-balance/dry-run",
    {
      schema: {
        tags,
        summary: "Memeriksa saldo awal (neraca saldo dan saldo anggota) tanpa memposting",
        params: KoperasiParams,
        body: OpeningBalanceRequest,
        response: { 200: OpeningBalanceDryRun },
      },
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.manage_accounts");
      const plan = await ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, (trx) => planOpeningBalance(trx, access.koperasiId, request.body));
      return { problems: plan.problems, totalDebit: plan.totalDebit, totalCredit: plan.totalCredit, lines: plan.lines.length, memberAccountsToOpen: plan.memberAccountsToOpen.length };
    },
  );

  app.post(
    "/koperasi/:koperasiId/opening-balance",
    {
      schema: {
        tags,
        summary: "Memposting saldo awal sebagai satu jurnal seimbang (sekali per koperasi; butuh Idempotency-Key)",
        params: KoperasiParams,
        body: OpeningBalanceRequest,
        response: { 201: OpeningBalancePosted },
      },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.manage_accounts");
      requireApproved(access.koperasi);
      return idempotent(ctx, request, reply, { koperasiId: access.koperasiId, userId: access.user.id }, async (trx) => {
        const { entry, memberAccountsOpened } = await postOpeningBalance(trx, access.koperasiId, request.body, { userId: access.user.id, now: ctx.now() });
        await writeAudit(
          trx,
          {
            ...auditActor(access),
            action: "ledger.opening_balance",
            targetType: "journal_entry",
            targetId: entry.id,
            details: { voucherNo: entry.voucherNo, goLiveDate: entry.businessDate, lines: entry.lines.length, memberAccountsOpened },
          },
          request,
        );
        return {
          status: 201,
          body: { entryId: entry.id, voucherNo: entry.voucherNo, businessDate: entry.businessDate, lines: entry.lines.length, memberAccountsOpened },
        };
      });
    },
  );
}
