import { z } from "zod";
import {
  CounterReceipt,
  CounterTransaction,
  CreateHold,
  CreateSavingsProduct,
  IdempotencyHeaders,
  KoperasiParams,
  SavingsBalance,
  SavingsHold,
  SavingsProduct,
  SavingsTermsInput,
  StatementQuery,
  UpdateSavingsProduct,
  Uuid,
  WithdrawalOutcome,
  WithdrawalRequest,
} from "@koperasi/contracts";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { notFound } from "../errors/app-error";
import { admission, command, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { postedEntryDto } from "../ledger/journal-entries";
import { findMemberAccount } from "../ledger/member-accounts";
import { period } from "../routes/ledger";
import { privatePdf } from "../routes/member-card";
import {
  accountStanding,
  approveWithdrawal,
  counterAccount,
  depositCash,
  listHolds,
  listWithdrawalRequests,
  placeHold,
  rejectWithdrawal,
  releaseHold,
  withdrawCash,
  type CounterPosting,
} from "./counter";
import { changeSavingsTerms, createSavingsProduct, listSavingsProducts, updateSavingsProduct } from "./products";
import { loadCounterReceipt, receiptFor, receiptWhatsappUrl, recordReceiptPrint, renderCounterReceipt, verificationUrl } from "./receipt";
import { renderStatementPdf, wholeStatement } from "./statement-pdf";

// Savings over HTTP: the bendahara's products, the kasir's counter, the
// second person's approvals, holds, receipts and statements. Thin: each
// route declares its gate, the services in this folder do the work.

const tags = ["simpanan"];
const ProductParams = z.object({ koperasiId: Uuid, productId: Uuid });
const RequestParams = z.object({ koperasiId: Uuid, requestId: Uuid });
const HoldParams = z.object({ koperasiId: Uuid, holdId: Uuid });
const EntryParams = z.object({ koperasiId: Uuid, entryId: Uuid });
const AccountParams = z.object({ koperasiId: Uuid, memberAccountId: Uuid });
const RequestQuery = z.strictObject({ status: z.enum(["pending", "approved", "rejected"]).optional() });

export async function savingsRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const keyring = ctx.secrets.memberDataKeys;

  /** The JSON answer to a posted deposit or withdrawal: the entry, the balances after, and where its receipt is. */
  async function receiptDto(cmd: CommandContext, posting: CounterPosting): Promise<z.infer<typeof CounterReceipt>> {
    const data = await loadCounterReceipt(cmd.trx, cmd.koperasiId, posting.posted.id);
    if (!data) throw new Error(`counter entry ${posting.posted.id} has no receipt`);
    const url = verificationUrl(ctx.config.publicUrl, cmd.koperasi.slug, data);
    return {
      status: "posted",
      entry: postedEntryDto(posting.posted),
      memberAccountId: posting.account.id,
      balanceAfter: posting.balanceAfter,
      availableAfter: posting.availableAfter,
      receiptPdfUrl: `/api/v1/koperasi/${cmd.koperasiId}/savings/receipts/${posting.posted.id}/receipt.pdf`,
      whatsappUrl: receiptWhatsappUrl(keyring, cmd.koperasiId, cmd.koperasi.name, url, data),
    };
  }

  app.get(
    "/koperasi/:koperasiId/savings/products",
    {
      schema: { tags, summary: "Produk simpanan dengan ketentuan yang berlaku hari ini dan riwayatnya", params: KoperasiParams, response: { 200: z.array(SavingsProduct) } },
      config: { gate: { action: ["savings.view", "savings.manage_products", "savings.deposit"] } },
    },
    async (request) => {
      const cmd = command(request);
      return listSavingsProducts(cmd.trx, cmd.koperasiId, cmd.today);
    },
  );

  app.post(
    "/koperasi/:koperasiId/savings/products",
    {
      schema: { tags, summary: "Membuat produk simpanan", params: KoperasiParams, body: CreateSavingsProduct, response: { 201: SavingsProduct } },
      config: { gate: { action: "savings.manage_products", audit: "savings.product_create" } },
    },
    async (request, reply) => {
      const product = await createSavingsProduct(command(request), request.body);
      reply.status(201);
      return product;
    },
  );

  app.patch(
    "/koperasi/:koperasiId/savings/products/:productId",
    {
      schema: { tags, summary: "Mengubah nama atau status produk simpanan", params: ProductParams, body: UpdateSavingsProduct, response: { 200: SavingsProduct } },
      config: { gate: { action: "savings.manage_products", audit: "savings.product_update" } },
    },
    async (request) => updateSavingsProduct(command(request), request.params.productId, request.body),
  );

  app.post(
    "/koperasi/:koperasiId/savings/products/:productId/terms",
    {
      schema: {
        tags,
        summary: "Ketentuan baru produk simpanan, berlaku mulai tanggal setelah hari ini (ketentuan lama tetap untuk masa sebelumnya)",
        params: ProductParams,
        body: SavingsTermsInput,
        response: { 201: SavingsProduct },
      },
      config: { gate: { action: "savings.manage_products", audit: "savings.terms_change" } },
    },
    async (request, reply) => {
      const product = await changeSavingsTerms(command(request), request.params.productId, request.body);
      reply.status(201);
      return product;
    },
  );

  app.post(
    "/koperasi/:koperasiId/savings/deposits",
    {
      schema: { tags, summary: "Setoran tunai ke rekening simpanan anggota", params: KoperasiParams, headers: IdempotencyHeaders, body: CounterTransaction, response: { 201: CounterReceipt } },
      config: { gate: { action: "savings.deposit", money: true } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const posting = await depositCash(cmd, request.body);
      reply.status(201);
      return receiptDto(cmd, posting);
    },
  );

  app.post(
    "/koperasi/:koperasiId/savings/withdrawals",
    {
      schema: {
        tags,
        summary: "Penarikan tunai dari simpanan sukarela (di atas batas produk: menunggu persetujuan orang kedua, 202)",
        params: KoperasiParams,
        headers: IdempotencyHeaders,
        body: CounterTransaction,
        response: { 201: CounterReceipt, 202: WithdrawalOutcome },
      },
      config: { gate: { action: "savings.withdraw", money: true } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const result = await withdrawCash(cmd, request.body);
      if (result.kind === "pending") {
        const [pending] = await listWithdrawalRequests(cmd.trx, cmd.koperasiId, "pending", result.requestId);
        if (!pending) throw new Error(`withdrawal request ${result.requestId} vanished`);
        reply.status(202);
        return { status: "pending_approval" as const, request: pending };
      }
      reply.status(201);
      return receiptDto(cmd, result.posting);
    },
  );

  app.get(
    "/koperasi/:koperasiId/savings/withdrawal-requests",
    {
      schema: { tags, summary: "Penarikan yang menunggu (atau sudah mendapat) persetujuan", params: KoperasiParams, querystring: RequestQuery, response: { 200: z.array(WithdrawalRequest) } },
      config: { gate: { action: ["savings.approve_withdrawal", "savings.withdraw", "savings.view"] } },
    },
    async (request) => {
      const cmd = command(request);
      return listWithdrawalRequests(cmd.trx, cmd.koperasiId, request.query.status);
    },
  );

  app.post(
    "/koperasi/:koperasiId/savings/withdrawal-requests/:requestId/approve",
    {
      schema: { tags, summary: "Menyetujui dan memposting penarikan (bukan oleh yang memasukkannya)", params: RequestParams, headers: IdempotencyHeaders, response: { 201: CounterReceipt } },
      config: { gate: { action: "savings.approve_withdrawal", money: true, audit: "savings.withdrawal_approve" } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const posting = await approveWithdrawal(cmd, request.params.requestId);
      reply.status(201);
      return receiptDto(cmd, posting);
    },
  );

  app.post(
    "/koperasi/:koperasiId/savings/withdrawal-requests/:requestId/reject",
    {
      schema: { tags, summary: "Menolak penarikan yang menunggu persetujuan", params: RequestParams, response: { 200: WithdrawalRequest } },
      config: { gate: { action: "savings.approve_withdrawal", audit: "savings.withdrawal_reject" } },
    },
    async (request) => {
      const cmd = command(request);
      await rejectWithdrawal(cmd, request.params.requestId);
      const [found] = await listWithdrawalRequests(cmd.trx, cmd.koperasiId, undefined, request.params.requestId);
      if (!found) throw notFound("Permintaan penarikan", "Withdrawal request");
      return found;
    },
  );

  app.post(
    "/koperasi/:koperasiId/savings/holds",
    {
      schema: { tags, summary: "Menahan dana di rekening simpanan (tidak dapat ditarik sampai dilepas)", params: KoperasiParams, body: CreateHold, response: { 201: SavingsHold } },
      config: { gate: { action: "savings.manage_holds", audit: "savings.hold_place" } },
    },
    async (request, reply) => {
      const hold = await placeHold(command(request), request.body);
      reply.status(201);
      return hold;
    },
  );

  app.post(
    "/koperasi/:koperasiId/savings/holds/:holdId/release",
    {
      schema: { tags, summary: "Melepas dana yang ditahan", params: HoldParams, response: { 200: SavingsHold } },
      config: { gate: { action: "savings.manage_holds", audit: "savings.hold_release" } },
    },
    async (request) => releaseHold(command(request), request.params.holdId),
  );

  app.get(
    "/koperasi/:koperasiId/savings/accounts/:memberAccountId",
    {
      schema: {
        tags,
        summary: "Saldo, dana ditahan dan saldo yang dapat ditarik satu rekening (anggota: rekeningnya sendiri)",
        params: AccountParams,
        response: { 200: SavingsBalance.extend({ holds: z.array(SavingsHold) }) },
      },
      config: { gate: { action: ["savings.view", "savings.deposit", "savings.withdraw", "savings.view_self"] } },
    },
    async (request) => {
      const cmd = command(request);
      const view = await findMemberAccount(cmd.trx, cmd.koperasiId, request.params.memberAccountId);
      // A member sees her own accounts only; another's is as if it did not exist.
      if (!view || (cmd.action === "savings.view_self" && view.memberUserId !== cmd.actor.userId)) throw notFound("Rekening", "Account");
      const standing = await accountStanding(cmd, await counterAccount(cmd, view.id, { lock: false, path: "params.memberAccountId" }));
      return {
        memberAccountId: view.id,
        productId: standing.account.productId,
        productCode: standing.account.productCode,
        kind: standing.account.kind,
        balance: standing.account.balance,
        held: standing.held,
        minBalance: standing.minBalance,
        available: standing.available,
        dormant: standing.dormant,
        lastMovementOn: standing.lastMovementOn,
        holds: await listHolds(cmd.trx, cmd.koperasiId, view.id),
      };
    },
  );

  app.get(
    "/koperasi/:koperasiId/savings/receipts/:entryId/receipt.pdf",
    {
      schema: { tags, summary: "Bukti setoran/penarikan (PDF); cetak ulang bertanda SALINAN", params: EntryParams },
      // The letterhead reads the logo in a transaction of its own: the print is recorded and committed first, then drawn.
      config: { gate: { action: ["savings.deposit", "savings.withdraw", "savings.view", "savings.view_self"], transaction: "own" } },
    },
    async (request, reply) => {
      const { data, print, printedAt } = await runCommand(ctx, request, async (cmd) => {
        const found = await receiptFor(cmd, request.params.entryId);
        // An operator's audited visit reads and writes nothing: she sees a copy, and the original stays the member's.
        const print = cmd.actor.viaOperator ? { printNo: 0, copy: true } : await recordReceiptPrint(cmd, found.entryId);
        return { data: found, print, printedAt: cmd.now };
      });
      const pdf = await renderCounterReceipt(ctx, admission(request).koperasi, data, { copy: print.copy, printedAt });
      return privatePdf(reply, pdf, `bukti-${data.voucherNo.replaceAll("/", "-")}${print.copy ? "-salinan" : ""}.pdf`);
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-accounts/:memberAccountId/statement.pdf",
    {
      schema: { tags, summary: "Rekening koran (mutasi) satu rekening anggota sebagai PDF", params: AccountParams, querystring: StatementQuery },
      config: { gate: { action: ["savings.view", "savings.view_self"], transaction: "own" } },
    },
    async (request, reply) => {
      const { statement, account, printedAt } = await runCommand(ctx, request, async (cmd) => {
        const view = await findMemberAccount(cmd.trx, cmd.koperasiId, request.params.memberAccountId);
        if (!view || (cmd.action === "savings.view_self" && view.memberUserId !== cmd.actor.userId)) throw notFound("Rekening", "Account");
        return { statement: await wholeStatement(cmd, view, period(request.query, cmd.today)), account: view, printedAt: cmd.now };
      });
      const pdf = await renderStatementPdf(ctx, admission(request).koperasi, account, statement, printedAt);
      return privatePdf(reply, pdf, `rekening-koran-${account.memberNumber}-${account.accountCode}.pdf`);
    },
  );
}
