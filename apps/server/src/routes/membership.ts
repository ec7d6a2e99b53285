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
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import { koperasiBySlug } from "../branding/public-assets";
import type { AppContext } from "../context";
import { currentUser, requireOperator, requireTenant } from "../http/session";
import { notFound } from "../errors/app-error";
import type { ZodApp } from "../http/zod-app";
import { idempotent } from "../ledger/idempotency";
import { approveApplication, enterApplication, listApplications, rejectApplication } from "../membership/applications";
import { joiningAccountsSetting, setJoiningAccounts } from "../membership/joining-accounts";
import { leaveCooperative, postSettlement, previewSettlement } from "../membership/leaving";
import { sendApplicationCode, submitPublicApplication } from "../membership/public-application";
import { screenAllCooperatives, storeScreeningList } from "../membership/screening";
import { decideScreeningMatch, listScreeningMatches } from "../membership/screening-review";
import { listScreeningVersions } from "../membership/screening-versions";
import { requireApproved } from "../registration/approval";

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
    { schema: { tags, summary: "Menginput permohonan calon anggota di loket", params: KoperasiParams, body: MembershipApplicationFields, response: { 201: MembershipApplication } } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.enter_application");
      return reply.status(201).send(await enterApplication(ctx, access, request.body, request));
    },
  );

  app.get(
    "/koperasi/:koperasiId/membership/applications",
    { schema: { tags, summary: "Daftar permohonan keanggotaan", params: KoperasiParams, querystring: ApplicationQuery, response: { 200: z.object({ items: z.array(MembershipApplication) }) } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.view");
      return { items: await listApplications(ctx, access, request.query.state) };
    },
  );

  app.post(
    "/koperasi/:koperasiId/membership/applications/:id/approve",
    { schema: { tags, summary: "Menyetujui permohonan: anggota aktif dan rekeningnya dibuka", params: ItemParams, response: { 200: MembershipApplication } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.approve");
      return approveApplication(ctx, access, request.params.id, request);
    },
  );

  app.post(
    "/koperasi/:koperasiId/membership/applications/:id/reject",
    { schema: { tags, summary: "Menolak permohonan dengan alasan", params: ItemParams, body: RejectApplication, response: { 200: MembershipApplication } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.approve");
      return rejectApplication(ctx, access, request.params.id, request.body.reason, request);
    },
  );

  app.get(
    "/koperasi/:koperasiId/membership/joining-accounts",
    { schema: { tags, summary: "Akun kontrol yang dibuka saat anggota diterima", params: KoperasiParams, response: { 200: JoiningAccounts } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.manage_accounts");
      return ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, (trx) => joiningAccountsSetting(trx, access.koperasiId));
    },
  );

  app.put(
    "/koperasi/:koperasiId/membership/joining-accounts",
    { schema: { tags, summary: "Mengatur akun kontrol yang dibuka saat anggota diterima (kosong: bawaan)", params: KoperasiParams, body: SetJoiningAccounts, response: { 200: JoiningAccounts } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.manage_accounts");
      return ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, async (trx) => {
        await setJoiningAccounts(trx, access.koperasiId, request.body.accountIds);
        const setting = await joiningAccountsSetting(trx, access.koperasiId);
        await writeAudit(
          trx,
          { ...auditActor(access), action: "membership.joining_accounts", targetType: "koperasi", targetId: access.koperasiId, details: { accounts: setting.accounts.map((a) => a.code), isDefault: setting.isDefault } },
          request,
        );
        return setting;
      });
    },
  );

  // --- Leaving -------------------------------------------------------------
  app.post(
    "/koperasi/:koperasiId/members/:id/settlement/preview",
    { schema: { tags, summary: "Pratinjau penyelesaian simpanan anggota yang keluar (tanpa memposting)", params: ItemParams, body: SettlementRequestBody, response: { 200: SettlementPreview } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.leave");
      const { leavingAs, ...payout } = request.body;
      return previewSettlement(ctx, access, request.params.id, leavingAs, payout);
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
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.leave");
      requireApproved(access.koperasi);
      const { leavingAs, ...payout } = request.body;
      return idempotent(ctx, request, reply, { koperasiId: access.koperasiId, userId: access.user.id }, async (trx) => ({
        status: 201,
        body: await postSettlement(trx, ctx, access, request.params.id, leavingAs, payout, request),
      }));
    },
  );

  app.post(
    "/koperasi/:koperasiId/members/:id/leave",
    { schema: { tags, summary: "Mencatat anggota keluar, meninggal, atau diberhentikan (setelah saldonya nol)", params: ItemParams, body: LeaveCooperative, response: { 200: LeftCooperative } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.leave");
      return leaveCooperative(ctx, access, request.params.id, request.body, request);
    },
  );

  // --- Screening -----------------------------------------------------------
  app.get(
    "/koperasi/:koperasiId/screening/matches",
    { schema: { tags, summary: "Kecocokan daftar penyaringan untuk ditinjau pengawas", params: KoperasiParams, querystring: ScreeningMatchQuery, response: { 200: z.object({ items: z.array(ScreeningMatch) }) } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.review_screening");
      return { items: await listScreeningMatches(ctx, access, request.query.state) };
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
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.review_screening");
      return decideScreeningMatch(ctx, access, request.params.id, request.body, request);
    },
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
      if (!version) throw notFound("Versi daftar penyaringan");
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
