import type { FastifyRequest } from "fastify";
import type { Transaction } from "kysely";
import { z } from "zod";
import {
  ChangeMemberStatus,
  CreateMember,
  CreateMemberHeir,
  KoperasiParams,
  Member,
  MemberDetail,
  MemberFileInfo,
  MemberHeir,
  MemberQuery,
  MemberSearch,
  MemberStatusChange,
  Ok,
  paged,
  UpdateMember,
  UpdateMemberHeir,
  Uuid,
} from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { businessDateOf, DEFAULT_TIME_ZONE, isTimeZone } from "@koperasi/domain";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import type { AppContext } from "../context";
import { readSingleUpload } from "../files/upload";
import { AppError, notFound } from "../errors/app-error";
import { requireTenant, type TenantAccess } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { getMemberFile, MEMBER_IMAGE_MAX_BYTES, putMemberFile, type MemberFileKind } from "../members/member-files";
import { addHeir, listHeirs, removeHeir, updateHeir } from "../members/member-heirs";
import { changeMemberStatus, memberStatusHistory } from "../members/member-status";
import { openJoiningAccounts } from "../membership/joining-accounts";
import { looksLikeNikOrPhone } from "../members/member-search";
import { createMember, getMember, keyringOf, listMembers, seesIdentity, updateMember } from "../members/members";

const MemberParams = z.object({ koperasiId: Uuid, id: Uuid });
const HeirParams = z.object({ koperasiId: Uuid, id: Uuid, heirId: Uuid });
const FileParams = z.object({ koperasiId: Uuid, id: Uuid, kind: z.enum(["photo", "ktp"], { error: "Berkas anggota: photo atau ktp." }) });
const tags = ["anggota"];

/** Staff who may view members, or else an anggota limited to her own record. */
async function memberViewer(ctx: AppContext, request: FastifyRequest, koperasiId: string): Promise<{ access: TenantAccess; selfOnly: boolean }> {
  try {
    return { access: await requireTenant(ctx, request, koperasiId, "members.view"), selfOnly: false };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "forbidden") throw error;
    return { access: await requireTenant(ctx, request, koperasiId, "members.view_self"), selfOnly: true };
  }
}

function inTenant<T>(ctx: AppContext, access: TenantAccess, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, fn);
}

/** 404 unless the member exists (and, for an anggota, is her own record). */
async function assertVisibleMember(trx: Transaction<DB>, access: TenantAccess, memberId: string, selfOnly: boolean): Promise<void> {
  let query = trx.selectFrom("member").select("id").where("koperasi_id", "=", access.koperasiId).where("id", "=", memberId);
  if (selfOnly) query = query.where("user_id", "=", access.user.id);
  if (!(await query.executeTakeFirst())) throw notFound("Anggota");
}

/** Audits a change to the member named in the path; details say what changed, never her identifiers. */
function auditMember(trx: Transaction<DB>, request: FastifyRequest, access: TenantAccess, memberId: string, action: string, details: Record<string, unknown>): Promise<void> {
  return writeAudit(trx, { ...auditActor(access), action, targetType: "member", targetId: memberId, details }, request);
}

/** An application awaiting its decision is accepted through the application (maker–checker, screening), not around it. */
async function assertNoPendingApplication(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<void> {
  const pending = await trx
    .selectFrom("membership_application")
    .select("id")
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("state", "=", "diajukan")
    .executeTakeFirst();
  if (pending) {
    throw new AppError(
      409,
      "member_application_pending",
      "Calon anggota ini mempunyai permohonan keanggotaan yang menunggu keputusan; setujui atau tolak melalui Permohonan Keanggotaan.",
      "This candidate has a membership application awaiting decision; approve or reject it through the applications.",
      [{ path: "body.status", code: "member_application_pending", message: "Putuskan melalui Permohonan Keanggotaan." }],
    );
  }
}

function todayOf(ctx: AppContext, access: TenantAccess): string {
  const zone = access.koperasi.time_zone;
  return businessDateOf(ctx.now(), isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE);
}

export async function memberRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/members",
    {
      schema: {
        tags,
        summary: "Daftar anggota (cari dengan awal nomor anggota atau awal kata nama; saring status, jenis, tanggal masuk)",
        params: KoperasiParams,
        querystring: MemberQuery,
        response: { 200: paged(Member) },
      },
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.view");
      if (looksLikeNikOrPhone(request.query.q)) {
        // Already in this request's URL, but refused so that a search box sending it there gets fixed rather than used.
        throw new AppError(
          400,
          "identifier_in_url",
          "NIK dan nomor telepon tidak boleh dikirim di alamat (URL). Cari lewat POST …/members/search dengan kolom nik atau phone.",
          "NIK and phone numbers must not be sent in the URL. Search with POST …/members/search and its nik or phone field.",
          [{ path: "querystring.q", code: "identifier_in_url", message: "Gunakan pencarian NIK/telepon." }],
        );
      }
      return listMembers(ctx, access, request.query);
    },
  );

  app.post(
    "/koperasi/:koperasiId/members/search",
    {
      schema: {
        tags,
        summary: "Mencari anggota, juga tepat dengan NIK atau nomor telepon (dikirim di isi permintaan, tidak pernah di URL)",
        params: KoperasiParams,
        body: MemberSearch,
        response: { 200: paged(Member) },
      },
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.view");
      return listMembers(ctx, access, request.body);
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id",
    { schema: { tags, summary: "Data lengkap seorang anggota", params: MemberParams, response: { 200: MemberDetail } } },
    async (request) => {
      const { access, selfOnly } = await memberViewer(ctx, request, request.params.koperasiId);
      return getMember(ctx, access, request.params.id, selfOnly ? access.user.id : undefined);
    },
  );

  app.post(
    "/koperasi/:koperasiId/members",
    { schema: { tags, summary: "Menambah anggota ke buku daftar anggota", params: KoperasiParams, body: CreateMember, response: { 201: MemberDetail } } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.create");
      return reply.status(201).send(await createMember(ctx, access, request.body, request));
    },
  );

  app.patch(
    "/koperasi/:koperasiId/members/:id",
    { schema: { tags, summary: "Mengubah data anggota (diaudit)", params: MemberParams, body: UpdateMember, response: { 200: MemberDetail } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.update");
      return updateMember(ctx, access, request.params.id, request.body, request);
    },
  );

  app.post(
    "/koperasi/:koperasiId/members/:id/status",
    {
      schema: {
        tags,
        summary: "Mengubah status anggota (menerima calon anggota butuh izin menyetujui keanggotaan)",
        params: MemberParams,
        body: ChangeMemberStatus,
        response: { 201: MemberStatusChange },
      },
    },
    async (request, reply) => {
      // Accepting a candidate is the membership decision itself; the other moves keep the register.
      const action = request.body.status === "aktif" ? "members.approve" : "members.update";
      const access = await requireTenant(ctx, request, request.params.koperasiId, action);
      const change = await inTenant(ctx, access, async (trx) => {
        if (request.body.status === "aktif") await assertNoPendingApplication(trx, access.koperasiId, request.params.id);
        const recorded = await changeMemberStatus(trx, {
          koperasiId: access.koperasiId,
          memberId: request.params.id,
          to: request.body.status,
          effectiveOn: request.body.effectiveOn ?? todayOf(ctx, access),
          reason: request.body.reason,
          changedBy: access.user.id,
        });
        // A candidate the book accepts becomes a member like any approved applicant: her joining accounts open.
        const accountsOpened = recorded.fromStatus === "calon" && recorded.toStatus === "aktif" ? await openJoiningAccounts(trx, access.koperasiId, request.params.id, ctx.now()) : [];
        await auditMember(trx, request, access, request.params.id, "member.status_change", {
          from: recorded.fromStatus,
          to: recorded.toStatus,
          effectiveOn: recorded.effectiveOn,
          ...(accountsOpened.length > 0 ? { accountsOpened } : {}),
        });
        return recorded;
      });
      return reply.status(201).send(change);
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id/status-history",
    { schema: { tags, summary: "Riwayat status anggota", params: MemberParams, response: { 200: z.object({ items: z.array(MemberStatusChange) }) } } },
    async (request) => {
      const { access, selfOnly } = await memberViewer(ctx, request, request.params.koperasiId);
      return inTenant(ctx, access, async (trx) => {
        await assertVisibleMember(trx, access, request.params.id, selfOnly);
        return { items: await memberStatusHistory(trx, access.koperasiId, request.params.id) };
      });
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id/heirs",
    { schema: { tags, summary: "Ahli waris anggota", params: MemberParams, response: { 200: z.object({ items: z.array(MemberHeir) }) } } },
    async (request) => {
      const { access, selfOnly } = await memberViewer(ctx, request, request.params.koperasiId);
      return inTenant(ctx, access, async (trx) => {
        await assertVisibleMember(trx, access, request.params.id, selfOnly);
        return { items: await listHeirs(trx, keyringOf(ctx), access.koperasiId, request.params.id, selfOnly || seesIdentity(access)) };
      });
    },
  );

  app.post(
    "/koperasi/:koperasiId/members/:id/heirs",
    { schema: { tags, summary: "Menambah ahli waris", params: MemberParams, body: CreateMemberHeir, response: { 201: MemberHeir } } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.update");
      const heir = await inTenant(ctx, access, async (trx) => {
        const added = await addHeir(trx, keyringOf(ctx), access.koperasiId, request.params.id, request.body);
        await auditMember(trx, request, access, request.params.id, "member.heir_add", { heirId: added.id, relationship: added.relationship, shareBp: added.shareBp });
        return added;
      });
      return reply.status(201).send(heir);
    },
  );

  app.patch(
    "/koperasi/:koperasiId/members/:id/heirs/:heirId",
    { schema: { tags, summary: "Mengubah ahli waris", params: HeirParams, body: UpdateMemberHeir, response: { 200: MemberHeir } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.update");
      return inTenant(ctx, access, async (trx) => {
        const updated = await updateHeir(trx, keyringOf(ctx), access.koperasiId, request.params.id, request.params.heirId, request.body);
        await auditMember(trx, request, access, request.params.id, "member.heir_update", { heirId: updated.id, changed: Object.keys(request.body) });
        return updated;
      });
    },
  );

  app.delete(
    "/koperasi/:koperasiId/members/:id/heirs/:heirId",
    { schema: { tags, summary: "Menghapus ahli waris", params: HeirParams, response: { 200: Ok } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.update");
      await inTenant(ctx, access, async (trx) => {
        await removeHeir(trx, access.koperasiId, request.params.id, request.params.heirId);
        await auditMember(trx, request, access, request.params.id, "member.heir_remove", { heirId: request.params.heirId });
      });
      return { ok: true as const };
    },
  );

  app.put(
    "/koperasi/:koperasiId/members/:id/files/:kind",
    {
      schema: {
        tags,
        summary: `Mengunggah foto (photo) atau pindaian KTP (ktp) anggota (multipart, kolom file: JPG, PNG atau WebP, maks. ${MEMBER_IMAGE_MAX_BYTES / (1024 * 1024)} MB; disimpan ulang sebagai JPG tanpa metadata)`,
        consumes: ["multipart/form-data"],
        params: FileParams,
        response: { 200: MemberFileInfo },
      },
    },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "members.update");
      const upload = await readSingleUpload(request, { maxBytes: MEMBER_IMAGE_MAX_BYTES, fallbackName: request.params.kind });
      return inTenant(ctx, access, async (trx) => {
        const stored = await putMemberFile(trx, ctx.files, {
          koperasiId: access.koperasiId,
          memberId: request.params.id,
          kind: request.params.kind,
          upload,
          userId: access.user.id,
          now: ctx.now(),
        });
        await auditMember(trx, request, access, request.params.id, "member.file_put", { kind: stored.kind, sha256: stored.sha256, sizeBytes: stored.sizeBytes });
        return stored;
      });
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id/files/:kind",
    { schema: { tags, summary: "Foto atau pindaian KTP anggota (KTP hanya untuk pengelola buku anggota dan anggota sendiri)", params: FileParams } },
    async (request, reply) => {
      const { access, selfOnly } = await memberViewer(ctx, request, request.params.koperasiId);
      const kind: MemberFileKind = request.params.kind;
      // The KTP shows the NIK in the clear: the same people who may see the NIK.
      if (kind === "ktp" && !selfOnly && !seesIdentity(access)) {
        throw new AppError(403, "forbidden", "Pindaian KTP hanya dapat dilihat pengelola buku anggota.", "Only the register's keepers may see the KTP scan.");
      }
      const file = await inTenant(ctx, access, async (trx) => {
        await assertVisibleMember(trx, access, request.params.id, selfOnly);
        return getMemberFile(trx, ctx.files, access.koperasiId, request.params.id, kind);
      });
      return reply
        .header("content-type", file.contentType)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(file.bytes);
    },
  );
}
