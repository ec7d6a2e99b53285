import { KoperasiParams, OpeningBalanceDryRun, OpeningBalancePosted, OpeningBalanceRequest } from "@koperasi/contracts";
import { planOpeningBalance, postOpeningBalance } from "../go-live/opening-balance";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";

// Go-live (saldo awal) over HTTP. Permission: ledger.manage_accounts — the
// admin and the bendahara, who set up the chart of accounts the balances go
// into. No separate approval by the ketua: the entry can only be posted once
// per cooperative, must balance to the rupiah and match every member's
// balance, is recorded in the audit log and the verifiable log, and is undone
// only by a reversal, which needs its own checker (journal.approve). That is
// the same four-eyes the books already have, without a second queue for a
// step a cooperative takes once.

const tags = ["buku besar"];

export async function openingBalanceRoutes(app: ZodApp): Promise<void> {
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
      config: { gate: { action: "ledger.manage_accounts" } },
    },
    async (request) => {
      const cmd = command(request);
      const plan = await planOpeningBalance(cmd.trx, cmd.koperasiId, request.body);
      // The answer carries each problem in Indonesian, as the contract has it.
      const problems = plan.problems.map(({ messageEn: _english, ...problem }) => problem);
      return { problems, totalDebit: plan.totalDebit, totalCredit: plan.totalCredit, lines: plan.lines.length, memberAccountsToOpen: plan.memberAccountsToOpen.length };
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
      config: { gate: { action: "ledger.manage_accounts", money: true, audit: "ledger.opening_balance" } },
    },
    async (request, reply) => {
      const { entry, memberAccountsOpened } = await postOpeningBalance(command(request), request.body);
      reply.status(201);
      return { entryId: entry.id, voucherNo: entry.voucherNo, businessDate: entry.businessDate, lines: entry.lines.length, memberAccountsOpened };
    },
  );
}
