import {
  IdempotencyHeaders,
  KoperasiParams,
  MyShu,
  ShuApproveInput,
  ShuCalculation,
  ShuDistributeInput,
  ShuDistribution,
  ShuMembersPage,
  ShuMembersQuery,
  ShuReviewInput,
  ShuSettingInput,
  ShuSettings,
  ShuYearParams,
} from "@koperasi/contracts";
import type { Action } from "@koperasi/domain";
import type { AppContext } from "../context";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { postedEntryDto } from "../ledger/journal-entries";
import { approveCalculation, calculateYear, loadCalculation, memberShares, reviewCalculation } from "./calculation";
import { distributeShu } from "./distribution";
import { shuWorkbook } from "./excel";
import { explainShare } from "./explain";
import { setShuRule, shuSettings } from "./settings";

// SHU over HTTP: the bendahara's split and calculation, the ketua's review,
// the RAT's approval as recorded, the distribution, the per-member figures
// as JSON and Excel, and a member's own SHU with how it was computed.

const tags = ["shu"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Those who read the SHU: whoever reads the reports, and whoever acts in its flow. */
const READERS = ["reports.view", "shu.manage", "shu.review", "shu.approve", "shu.distribute"] as const satisfies readonly Action[];

export async function shuRoutes(app: ZodApp, _ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/shu/settings",
    {
      schema: { tags, summary: "Pembagian SHU menurut AD/ART yang berlaku hari ini dan riwayatnya", params: KoperasiParams, response: { 200: ShuSettings } },
      config: { gate: { action: READERS } },
    },
    async (request) => shuSettings(command(request)),
  );

  app.post(
    "/koperasi/:koperasiId/shu/settings",
    {
      schema: {
        tags,
        summary: "Pembagian SHU baru (jumlah tepat 100%), berlaku mulai hari ini atau sesudahnya, dan produk simpanan yang dihitung untuk jasa modal",
        params: KoperasiParams,
        body: ShuSettingInput,
        response: { 201: ShuSettings },
      },
      config: { gate: { action: "shu.manage", audit: "shu.settings_change" } },
    },
    async (request, reply) => {
      const settings = await setShuRule(command(request), request.body);
      reply.status(201);
      return settings;
    },
  );

  app.post(
    "/koperasi/:koperasiId/shu/:year/calculate",
    {
      schema: { tags, summary: "Menghitung (atau menghitung ulang, selama belum ditinjau) SHU tahun buku yang sudah ditutup", params: ShuYearParams, response: { 200: ShuCalculation } },
      config: { gate: { action: "shu.manage", audit: "shu.calculate" } },
    },
    async (request) => calculateYear(command(request), request.params.year),
  );

  app.get(
    "/koperasi/:koperasiId/shu/:year",
    {
      schema: { tags, summary: "Perhitungan SHU satu tahun buku: pos, jumlah, status dan siapa yang meninjau, menyetujui dan membagikan", params: ShuYearParams, response: { 200: ShuCalculation } },
      config: { gate: { action: READERS } },
    },
    async (request) => {
      const cmd = command(request);
      return loadCalculation(cmd.trx, cmd.koperasiId, request.params.year);
    },
  );

  app.get(
    "/koperasi/:koperasiId/shu/:year/members",
    {
      schema: {
        tags,
        summary: "Rincian SHU per anggota: dasar jasa modal dan jasa usaha, bagian sebelum dibulatkan, dan jumlah yang diterima",
        params: ShuYearParams,
        querystring: ShuMembersQuery,
        response: { 200: ShuMembersPage },
      },
      config: { gate: { action: READERS } },
    },
    async (request) => {
      const cmd = command(request);
      const calculation = await loadCalculation(cmd.trx, cmd.koperasiId, request.params.year);
      const { items, total } = await memberShares(cmd.trx, cmd.koperasiId, calculation, { page: request.query.page, pageSize: request.query.pageSize });
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.get(
    "/koperasi/:koperasiId/shu/:year/members.xlsx",
    {
      schema: { tags, summary: "Rincian SHU per anggota (Excel), dengan pos dan jumlahnya", params: ShuYearParams },
      config: { gate: { action: READERS } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const calculation = await loadCalculation(cmd.trx, cmd.koperasiId, request.params.year);
      const { items } = await memberShares(cmd.trx, cmd.koperasiId, calculation);
      const file = await shuWorkbook(cmd.koperasi, calculation, items);
      reply
        .header("cache-control", "private, no-store")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`shu-${request.params.year}-per-anggota.xlsx`)}`)
        .type(XLSX);
      return file;
    },
  );

  app.post(
    "/koperasi/:koperasiId/shu/:year/review",
    {
      schema: { tags, summary: "Menandai perhitungan SHU sudah ditinjau (bukan oleh yang menghitungnya)", params: ShuYearParams, body: ShuReviewInput.optional(), response: { 200: ShuCalculation } },
      config: { gate: { action: "shu.review", audit: "shu.review" } },
    },
    async (request) => reviewCalculation(command(request), request.params.year, request.body?.note),
  );

  app.post(
    "/koperasi/:koperasiId/shu/:year/approve",
    {
      schema: { tags, summary: "Mencatat persetujuan SHU oleh RAT (tanggal RAT, siapa dan kapan dicatat)", params: ShuYearParams, body: ShuApproveInput, response: { 200: ShuCalculation } },
      config: { gate: { action: "shu.approve", audit: "shu.approve" } },
    },
    async (request) => approveCalculation(command(request), request.params.year, request.body),
  );

  app.post(
    "/koperasi/:koperasiId/shu/:year/distribute",
    {
      schema: {
        tags,
        summary: "Membagikan SHU yang disetujui RAT, sekali saja: ke simpanan sukarela anggota atau dicatat untuk dibayar tunai",
        params: ShuYearParams,
        headers: IdempotencyHeaders,
        body: ShuDistributeInput,
        response: { 201: ShuDistribution },
      },
      config: { gate: { action: "shu.distribute", money: true, audit: "shu.distribute" } },
    },
    async (request, reply) => {
      const { calculation, entries } = await distributeShu(command(request), request.params.year, request.body.method);
      reply.status(201);
      return { calculation, entries: entries.map(postedEntryDto) };
    },
  );

  app.get(
    "/koperasi/:koperasiId/shu/:year/me",
    {
      schema: { tags, summary: "SHU anggota sendiri pada satu tahun buku dan cara menghitungnya", params: ShuYearParams, response: { 200: MyShu } },
      config: { gate: { action: "shu.view_self" } },
    },
    async (request) => {
      const cmd = command(request);
      const calculation = await loadCalculation(cmd.trx, cmd.koperasiId, request.params.year);
      const member = await cmd.trx.selectFrom("member").select("id").where("koperasi_id", "=", cmd.koperasiId).where("user_id", "=", cmd.actor.userId).executeTakeFirst();
      const share = member ? ((await memberShares(cmd.trx, cmd.koperasiId, calculation, { memberId: member.id })).items[0] ?? null) : null;
      return { calculation, share, explanation: explainShare(calculation, share) };
    },
  );
}
