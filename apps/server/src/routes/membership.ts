import { z } from "zod";
import {
  ApplicationQuery,
  DecideScreeningMatch,
  IdempotencyHeaders,
  JoiningAccounts,
  KoperasiParams,
  LeaveCooperative,
  LeftCooperative,
  MembershipApplication,
  MembershipApplicationFields,
  MembershipCodeRequest,
  Ok,
  PublicMembershipApplication,
  RejectApplication,
  ScreeningListVersion,
  ScreeningMatch,
  ScreeningMatchQuery,
  SettlementPosted,
  SettlementPreview,
  SettlementRequestBody,
  SetJoiningAccounts,
  UploadScreeningList,
  Uuid,
} from "@koperasi/contracts";
import { koperasiBySlug } from "../branding/public-assets";
import type { AppContext } from "../context";
import { currentUser, requireOperator } from "../http/session";
import { notFound } from "../errors/app-error";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { keyringOf } from "../members/members";
import { approveApplication, enterApplication, listApplications, rejectApplication } from "../membership/applications";
import { joiningAccountsSetting, setJoiningAccounts } from "../membership/joining-accounts";
import { leaveCooperative, postSettlement, previewSettlement } from "../membership/leaving";
import { sendApplicationCode, submitPublicApplication } from "../membership/public-application";
import { screenAllCooperatives, storeScreeningList } from "../membership/screening";
import { decideScreeningMatch, listScreeningMatches } from "../membership/screening-review";
import { listScreeningVersions } from "../membership/screening-versions";

const SlugParams = z.object({ slug: z.string().min(1).max(100) });
const ItemParams = z.object({ koperasiId: Uuid, id: Uuid });
const tags = ["keanggotaan"];

export async function membershipRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  // --- Applying by oneself (public, e-mail code, rate-limited) -------------
  app.post(
    "/public/koperasi/:slug/membership/code",
    {
      config: { rateLimit: { max: 10, timeWindow: "10 minutes" } },
      schema: { tags, summary: "Mengirim kode verifikasi email untuk permohonan menjadi anggota", params: SlugParams, body: MembershipCodeRequest, response: { 202: Ok } },
    },
    async (request, reply) => {
      await sendApplicationCode(ctx, await koperasiBySlug(ctx, request.params.slug), request.body.email);
      return reply.status(202).send({ ok: true });
    },
  );

  app.post(
    "/public/koperasi/:slug/membership/applications",
    {
      config: { rateLimit: { max: 10, timeWindow: "10 minutes" } },
      schema: {
        tags,
        summary: "Mengajukan permohonan menjadi anggota (dengan kode verifikasi email, atau sebagai pengguna yang sudah masuk)",
        params: SlugParams,
        body: PublicMembershipApplication,
        response: { 201: z.object({ applicationId: Uuid, memberNumber: z.string() }) },
      },
    },
    async (request, reply) => {
      const koperasi = await koperasiBySlug(ctx, request.params.slug);
      // Signed in, her login's verified address stands for the e-mail code.
      const user = await currentUser(ctx, request);
      return reply.status(201).send(await submitPublicApplication(ctx, koperasi, request.body, request, user));
    },
  );

  // --- The applications queue ---------------------------------------------
  app.post(
    "/koperasi/:koperasiId/membership/applications",
    {
      schema: { tags, summary: "Menginput permohonan calon anggota di loket", params: KoperasiParams, body: MembershipApplicationFields, response: { 201: MembershipApplication } },
      config: { gate: { action: "members.enter_application", audit: "membership.apply" } },
    },
    async (request, reply) => {
      const application = await enterApplication(command(request), keyringOf(ctx), request.body);
      reply.status(201);
      return application;
    },
  );

  app.get(
    "/koperasi/:koperasiId/membership/applications",
    {
      schema: { tags, summary: "Daftar permohonan keanggotaan", params: KoperasiParams, querystring: ApplicationQuery, response: { 200: z.object({ items: z.array(MembershipApplication) }) } },
      config: { gate: { action: "members.view" } },
    },
    async (request) => {
      const cmd = command(request);
      return { items: await listApplications(cmd.trx, cmd.koperasiId, request.query.state) };
    },
  );

  app.post(
    "/koperasi/:koperasiId/membership/applications/:id/approve",
    {
      schema: { tags, summary: "Menyetujui permohonan: anggota aktif dan rekeningnya dibuka", params: ItemParams, response: { 200: MembershipApplication } },
      config: { gate: { action: "members.approve", audit: "membership.approve" } },
    },
    async (request) => approveApplication(command(request), request.params.id),
  );

  app.post(
    "/koperasi/:koperasiId/membership/applications/:id/reject",
    {
      schema: { tags, summary: "Menolak permohonan dengan alasan", params: ItemParams, body: RejectApplication, response: { 200: MembershipApplication } },
      config: { gate: { action: "members.approve", audit: "membership.reject" } },
    },
    async (request) => rejectApplication(command(request), request.params.id, request.body.reason),
  );

  app.get(
    "/koperasi/:koperasiId/membership/joining-accounts",
    {
      schema: { tags, summary: "Akun kontrol yang dibuka saat anggota diterima", params: KoperasiParams, response: { 200: JoiningAccounts } },
      config: { gate: { action: "ledger.manage_accounts" } },
    },
    async (request) => {
      const cmd = command(request);
      return joiningAccountsSetting(cmd.trx, cmd.koperasiId);
    },
  );

  app.put(
    "/koperasi/:koperasiId/membership/joining-accounts",
    {
      schema: { tags, summary: "Mengatur akun kontrol yang dibuka saat anggota diterima (kosong: bawaan)", params: KoperasiParams, body: SetJoiningAccounts, response: { 200: JoiningAccounts } },
      config: { gate: { action: "ledger.manage_accounts", audit: "membership.joining_accounts" } },
    },
    async (request) => setJoiningAccounts(command(request), request.body.accountIds),
  );

  // --- Leaving -------------------------------------------------------------
  app.post(
    "/koperasi/:koperasiId/members/:id/settlement/preview",
    {
      schema: { tags, summary: "Pratinjau penyelesaian simpanan anggota yang keluar (tanpa memposting)", params: ItemParams, body: SettlementRequestBody, response: { 200: SettlementPreview } },
      config: { gate: { action: "members.leave" } },
    },
    async (request) => {
      const cmd = command(request);
      const { leavingAs, ...payout } = request.body;
      return previewSettlement(cmd.trx, cmd.koperasiId, request.params.id, leavingAs, payout);
    },
  );

  app.post(
    "/koperasi/:koperasiId/members/:id/settlement",
    {
      schema: {
        tags,
        summary: "Memposting penyelesaian: simpanan dibayarkan kepada anggota atau ahli warisnya",
        params: ItemParams,
        headers: IdempotencyHeaders,
        body: SettlementRequestBody,
        response: { 201: SettlementPosted },
      },
      config: { gate: { action: "members.leave", money: true, audit: "membership.settle" } },
    },
    async (request, reply) => {
      const { leavingAs, ...payout } = request.body;
      const posted = await postSettlement(command(request), request.params.id, leavingAs, payout);
      reply.status(201);
      return posted;
    },
  );

  app.post(
    "/koperasi/:koperasiId/members/:id/leave",
    {
      schema: { tags, summary: "Mencatat anggota keluar, meninggal, atau diberhentikan (setelah saldonya nol)", params: ItemParams, body: LeaveCooperative, response: { 200: LeftCooperative } },
      config: { gate: { action: "members.leave", audit: "membership.leave" } },
    },
    async (request) => leaveCooperative(command(request), request.params.id, request.body),
  );

  // --- Screening -----------------------------------------------------------
  app.get(
    "/koperasi/:koperasiId/screening/matches",
    {
      schema: { tags, summary: "Kecocokan daftar penyaringan untuk ditinjau pengawas", params: KoperasiParams, querystring: ScreeningMatchQuery, response: { 200: z.object({ items: z.array(ScreeningMatch) }) } },
      config: { gate: { action: "members.review_screening" } },
    },
    async (request) => {
      const cmd = command(request);
      return { items: await listScreeningMatches(cmd.trx, cmd.koperasiId, request.query.state) };
    },
  );

  app.post(
    "/koperasi/:koperasiId/screening/matches/:id/decision",
    {
      schema: {
        tags,
        summary: "Memutuskan kecocokan: bukan orang yang sama (cleared) atau benar (confirmed)",
        params: ItemParams,
        body: DecideScreeningMatch,
        response: { 200: z.object({ id: Uuid, state: z.enum(["held", "cleared", "confirmed"]), applicationRejected: z.boolean() }) },
      },
      // Audited as screening.clear or screening.confirm, by the outcome.
      config: { gate: { action: "members.review_screening" } },
    },
    async (request) => decideScreeningMatch(command(request), request.params.id, request.body),
  );

  // platform.manage_screening_lists: the operator (requireOperator is that row of the matrix).
  app.post(
    "/platform/screening-lists",
    { bodyLimit: 25 * 1024 * 1024, schema: { tags, summary: "Mengunggah versi baru daftar penyaringan (CSV)", body: UploadScreeningList, response: { 201: ScreeningListVersion } } },
    async (request, reply) => {
      const operator = await requireOperator(ctx, request);
      const stored = await storeScreeningList(ctx, { listName: request.body.listName, csv: request.body.csv, uploadedBy: operator.id });
      // Screening every cooperative can take a while on a large list: it
      // runs after the answer, one cooperative per transaction, and a
      // version half done is finished by the next run (GET shows progress).
      void screenAllCooperatives(ctx, stored.id).catch((error: unknown) => request.log.error({ err: error, versionId: stored.id }, "screening run stopped"));
      const [version] = (await listScreeningVersions(ctx)).filter((v) => v.id === stored.id);
      return reply.status(201).send(version!);
    },
  );

  app.post(
    "/platform/screening-lists/:id/screen",
    { schema: { tags, summary: "Melanjutkan penyaringan sebuah versi (koperasi yang sudah selesai dilewati)", params: z.object({ id: Uuid }), response: { 200: ScreeningListVersion } } },
    async (request) => {
      await requireOperator(ctx, request);
      const [version] = (await listScreeningVersions(ctx)).filter((v) => v.id === request.params.id);
      if (!version) throw notFound("Versi daftar penyaringan", "Screening list version");
      await screenAllCooperatives(ctx, version.id);
      return (await listScreeningVersions(ctx)).find((v) => v.id === version.id)!;
    },
  );

  app.get(
    "/platform/screening-lists",
    { schema: { tags, summary: "Versi daftar penyaringan dan kemajuan penyaringannya", response: { 200: z.object({ items: z.array(ScreeningListVersion) }) } } },
    async (request) => {
      await requireOperator(ctx, request);
      return { items: await listScreeningVersions(ctx) };
    },
  );
}
