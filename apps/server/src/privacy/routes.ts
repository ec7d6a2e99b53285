import { z } from "zod";
import { BreachDrill, CreatePrivacyRequest, KoperasiParams, PrivacyNotice, PrivacyRequest, PrivacyRequestQuery, ProcessingRecord, RecordConsent, UpdatePrivacyRequest, Uuid } from "@koperasi/contracts";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import type { AppContext } from "../context";
import { eraseOnRequest } from "./erasure";
import { requireOperator } from "../http/session";
import { acknowledgeBreachDrill, listBreachDrills, ownBreachDrills, startBreachDrill } from "./breach-drills";
import { cooperativeProcessingRecord, createPrivacyRequest, listPrivacyRequests, myPrivacyRequests, privacyNotice, recordConsent, updatePrivacyRequest } from "./privacy";

// A member's privacy over HTTP: the notice and her choices, her requests;
// the pengurus' queue of requests with their deadlines.

const tags = ["privasi"];
const RequestParams = z.object({ koperasiId: Uuid, requestId: Uuid });
const DrillParams = z.object({ koperasiId: Uuid, drillId: Uuid });

export async function privacyRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/privacy/notice",
    {
      schema: { tags, summary: "Pemberitahuan privasi yang berlaku dan pilihan persetujuan saya", params: KoperasiParams, response: { 200: PrivacyNotice } },
      config: { gate: { action: "privacy.rights_self" } },
    },
    async (request) => privacyNotice(command(request)),
  );

  app.post(
    "/koperasi/:koperasiId/privacy/consents",
    {
      schema: { tags, summary: "Mencatat persetujuan (atau penarikannya) untuk satu tujuan, di bawah versi pemberitahuan yang dibaca", params: KoperasiParams, body: RecordConsent, response: { 200: PrivacyNotice } },
      config: { gate: { action: "privacy.rights_self", audit: "privacy.consent" } },
    },
    async (request) => recordConsent(command(request), request.body),
  );

  app.post(
    "/koperasi/:koperasiId/privacy/requests",
    {
      schema: { tags, summary: "Mengajukan permintaan atas data pribadi saya (dijawab paling lambat 3 × 24 jam)", params: KoperasiParams, body: CreatePrivacyRequest, response: { 201: PrivacyRequest } },
      config: { gate: { action: "privacy.rights_self", audit: "privacy.request_create" } },
    },
    async (request, reply) => {
      const created = await createPrivacyRequest(command(request), request.body);
      reply.status(201);
      return created;
    },
  );

  app.get(
    "/koperasi/:koperasiId/privacy/requests/mine",
    {
      schema: { tags, summary: "Permintaan saya dan jawabannya", params: KoperasiParams, response: { 200: z.array(PrivacyRequest) } },
      config: { gate: { action: "privacy.rights_self" } },
    },
    async (request) => myPrivacyRequests(command(request)),
  );

  app.get(
    "/koperasi/:koperasiId/privacy/requests",
    {
      schema: { tags, summary: "Permintaan anggota atas data pribadinya, yang paling mendesak dulu", params: KoperasiParams, querystring: PrivacyRequestQuery, response: { 200: z.array(PrivacyRequest) } },
      config: { gate: { action: "privacy.manage_requests" } },
    },
    async (request) => listPrivacyRequests(command(request), request.query.status),
  );

  app.patch(
    "/koperasi/:koperasiId/privacy/requests/:requestId",
    {
      schema: { tags, summary: "Memproses, menyelesaikan atau menolak permintaan (dengan jawaban tertulis)", params: RequestParams, body: UpdatePrivacyRequest, response: { 200: PrivacyRequest } },
      config: { gate: { action: "privacy.manage_requests", audit: "privacy.request_update" } },
    },
    async (request) => updatePrivacyRequest(command(request), request.params.requestId, request.body),
  );

  app.post(
    "/koperasi/:koperasiId/privacy/requests/:requestId/erase",
    {
      schema: {
        tags,
        summary: "Menjalankan permintaan penghapusan anggota yang keanggotaannya telah berakhir: menghapus yang tidak wajib disimpan dan menutup permintaan dengan jawaban tentang yang tetap disimpan",
        params: RequestParams,
        response: { 200: PrivacyRequest },
      },
      config: { gate: { action: "privacy.manage_requests", audit: "privacy.erasure" } },
    },
    async (request) => eraseOnRequest(command(request), ctx.files, request.params.requestId),
  );

  app.get(
    "/koperasi/:koperasiId/privacy/processing-record",
    {
      schema: { tags, summary: "Catatan kegiatan pemrosesan data pribadi koperasi (Pasal 31 UU PDP), dari modul yang aktif", params: KoperasiParams, response: { 200: ProcessingRecord } },
      config: { gate: { action: ["privacy.manage_requests", "koperasi.view_audit"] } },
    },
    async (request) => cooperativeProcessingRecord(command(request)),
  );

  app.get(
    "/koperasi/:koperasiId/privacy/breach-drills",
    {
      schema: { tags, summary: "Latihan pemberitahuan kegagalan pelindungan data yang diterima koperasi", params: KoperasiParams, response: { 200: z.array(BreachDrill) } },
      config: { gate: { action: "privacy.manage_requests" } },
    },
    async (request) => ownBreachDrills(command(request)),
  );

  app.post(
    "/koperasi/:koperasiId/privacy/breach-drills/:drillId/acknowledge",
    {
      schema: { tags, summary: "Menandai pemberitahuan latihan telah diterima (waktunya dibandingkan dengan batas 3 × 24 jam)", params: DrillParams, response: { 200: BreachDrill } },
      config: { gate: { action: "privacy.manage_requests", audit: "privacy.breach_drill_acknowledge" } },
    },
    async (request) => acknowledgeBreachDrill(command(request), request.params.drillId),
  );

  app.post(
    "/platform/koperasi/:koperasiId/breach-drills",
    { schema: { tags: ["Operator"], summary: "Memulai latihan pemberitahuan kegagalan pelindungan data untuk satu koperasi", params: KoperasiParams, response: { 201: BreachDrill } } },
    async (request, reply) => {
      const operator = await requireOperator(ctx, request);
      const drill = await startBreachDrill(ctx, request, operator.id, request.params.koperasiId);
      reply.status(201);
      return drill;
    },
  );

  app.get(
    "/platform/koperasi/:koperasiId/breach-drills",
    { schema: { tags: ["Operator"], summary: "Latihan pemberitahuan satu koperasi dan lamanya sampai diterima", params: KoperasiParams, response: { 200: z.array(BreachDrill) } } },
    async (request) => {
      await requireOperator(ctx, request);
      return listBreachDrills(ctx, request.params.koperasiId);
    },
  );
}
