import { z } from "zod";
import { CommissionRate, CreateCommissionRate, CreateFeeQuote, FeeQuote, KoperasiNotice, KoperasiParams, PaymentSettings, UpdatePaymentSettings } from "@koperasi/contracts";
import { businessDateOf, DEFAULT_TIME_ZONE } from "@koperasi/domain";
import type { AppContext } from "../context";
import { requireOperator } from "../http/session";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { createFeeQuote } from "./quotes";
import { commissionRateDto, commissionRates, setCommissionRate } from "./rates";
import { paymentSettings, updatePaymentSettings } from "./settings";

// The platform's commission over HTTP: the operator's rates, a cooperative's
// payment settings and the platform's notices to it, and the fee quote a
// member sees before she pays.

export async function commissionRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/platform/commission-rates",
    { schema: { tags: ["Operator"], summary: "Komisi platform per jenis transaksi, dengan riwayatnya", response: { 200: z.array(CommissionRate) } } },
    async (request) => {
      await requireOperator(ctx, request);
      return (await ctx.database.platform((trx) => commissionRates(trx))).map(commissionRateDto);
    },
  );

  app.post(
    "/platform/commission-rates",
    {
      schema: {
        tags: ["Operator"],
        summary: "Menetapkan komisi platform (0,5%–1%, batas atas opsional, berlaku paling cepat 30 hari lagi); admin setiap koperasi diberi tahu",
        body: CreateCommissionRate,
        response: { 201: CommissionRate },
      },
    },
    async (request, reply) => {
      const operator = await requireOperator(ctx, request);
      const today = businessDateOf(ctx.now(), DEFAULT_TIME_ZONE);
      const rate = await setCommissionRate(ctx, request.log, operator.id, request.body, today);
      reply.status(201);
      return rate;
    },
  );

  app.post(
    "/koperasi/:koperasiId/fee-quotes",
    {
      schema: {
        tags: ["pembayaran"],
        summary: "Komisi dan total sebuah pembayaran sebelum dikonfirmasi (tanpa payload: pratinjau yang tidak dapat dipakai membayar)",
        params: KoperasiParams,
        body: CreateFeeQuote,
        response: { 201: FeeQuote },
      },
      config: { gate: { action: "payments.quote_self" } },
    },
    async (request, reply) => {
      const quote = await createFeeQuote(command(request), request.body);
      reply.status(201).header("cache-control", "private, no-store");
      return quote;
    },
  );

  app.get(
    "/koperasi/:koperasiId/payment-settings",
    {
      schema: { tags: ["pembayaran"], summary: "Pengaturan pembayaran koperasi: batas PIN staf, penanggung komisi per jenis", params: KoperasiParams, response: { 200: PaymentSettings } },
      config: { gate: { action: "payments.manage_settings" } },
    },
    async (request) => {
      const cmd = command(request);
      return paymentSettings(cmd.trx, cmd.koperasiId);
    },
  );

  app.put(
    "/koperasi/:koperasiId/payment-settings",
    {
      schema: { tags: ["pembayaran"], summary: "Mengubah pengaturan pembayaran koperasi", params: KoperasiParams, body: UpdatePaymentSettings, response: { 200: PaymentSettings } },
      config: { gate: { action: "payments.manage_settings", audit: "payments.settings_update" } },
    },
    async (request) => updatePaymentSettings(command(request), request.body),
  );

  app.get(
    "/koperasi/:koperasiId/notices",
    {
      schema: { tags: ["koperasi"], summary: "Pemberitahuan dari platform (mis. perubahan komisi), terbaru dahulu", params: KoperasiParams, response: { 200: z.array(KoperasiNotice) } },
      config: { gate: { action: ["koperasi.update_profile", "payments.manage_settings"] } },
    },
    async (request) => {
      const cmd = command(request);
      const rows = await cmd.trx.selectFrom("koperasi_notice").selectAll().where("koperasi_id", "=", cmd.koperasiId).orderBy("created_at", "desc").orderBy("id", "desc").limit(50).execute();
      return rows.map((row) => ({ id: row.id, kind: row.kind, title: row.title, body: row.body, createdAt: row.created_at.toISOString() }));
    },
  );
}
