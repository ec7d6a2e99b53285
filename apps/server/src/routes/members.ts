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
import { can } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { forbidden, notFound } from "../errors/app-error";
import { readSingleUpload } from "../http/multipart-upload";
import { command, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { memberError } from "../members/errors";
import { getMemberFile, MEMBER_IMAGE_MAX_BYTES, putMemberFile, type MemberFileKind } from "../members/member-files";
import { addHeir, listHeirs, removeHeir, updateHeir } from "../members/member-heirs";
import { looksLikeNikOrPhone } from "../members/member-search";
import { changeStatusInRegister, memberStatusHistory } from "../members/member-status";
import { createMember, getMember, keyringOf, listMembers, seesIdentity, updateMember } from "../members/members";

const MemberParams = z.object({ koperasiId: Uuid, id: Uuid });
const HeirParams = z.object({ koperasiId: Uuid, id: Uuid, heirId: Uuid });
const FileParams = z.object({ koperasiId: Uuid, id: Uuid, kind: z.enum(["photo", "ktp"], { error: "Berkas anggota: photo atau ktp." }) });
const tags = ["anggota"];

/** Staff who may view members, or else an anggota limited to her own record. */
const VIEW = ["members.view", "members.view_self"] as const;
const selfOnly = (cmd: CommandContext) => cmd.action === "members.view_self";

/** 404 unless the member exists (and, for an anggota, is her own record). */
async function assertVisibleMember(trx: Transaction<DB>, cmd: CommandContext, memberId: string): Promise<void> {
  let query = trx.selectFrom("member").select("id").where("koperasi_id", "=", cmd.koperasiId).where("id", "=", memberId);
  if (selfOnly(cmd)) query = query.where("user_id", "=", cmd.actor.userId);
  if (!(await query.executeTakeFirst())) throw notFound("Anggota", "Member");
}

export async function memberRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const keyring = keyringOf(ctx);

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
      config: { gate: { action: "members.view" } },
    },
    async (request) => {
      const cmd = command(request);
      // Already in this request's URL, but refused so that a search box sending it there gets fixed rather than used.
      if (looksLikeNikOrPhone(request.query.q)) throw memberError("identifier_in_url", { field: "querystring.q" });
      return listMembers(cmd.trx, keyring, cmd.koperasiId, request.query);
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
      config: { gate: { action: "members.view" } },
    },
    async (request) => {
      const cmd = command(request);
      return listMembers(cmd.trx, keyring, cmd.koperasiId, request.body);
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id",
    {
      schema: { tags, summary: "Data lengkap seorang anggota", params: MemberParams, response: { 200: MemberDetail } },
      config: { gate: { action: VIEW } },
    },
    async (request) => {
      const cmd = command(request);
      return getMember(cmd, keyring, request.params.id, selfOnly(cmd) ? cmd.actor.userId : undefined);
    },
  );

  app.post(
    "/koperasi/:koperasiId/members",
    {
      schema: { tags, summary: "Menambah anggota ke buku daftar anggota", params: KoperasiParams, body: CreateMember, response: { 201: MemberDetail } },
      config: { gate: { action: "members.create", audit: "member.create" } },
    },
    async (request, reply) => {
      const member = await createMember(command(request), keyring, request.body);
      reply.status(201);
      return member;
    },
  );

  app.patch(
    "/koperasi/:koperasiId/members/:id",
    {
      schema: { tags, summary: "Mengubah data anggota (diaudit)", params: MemberParams, body: UpdateMember, response: { 200: MemberDetail } },
      // Audited as member.update when something changed; a patch that changes nothing writes nothing.
      config: { gate: { action: "members.update" } },
    },
    async (request) => updateMember(command(request), keyring, request.params.id, request.body),
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
      config: { gate: { action: ["members.update", "members.approve"], audit: "member.status_change" } },
    },
    async (request, reply) => {
      const cmd = command(request);
      // Accepting a candidate is the membership decision itself; the other moves keep the register.
      const needed = request.body.status === "aktif" ? "members.approve" : "members.update";
      if (!can({ roles: [...cmd.actor.roles], positions: [...cmd.actor.positions] }, needed)) throw forbidden();
      const change = await changeStatusInRegister(cmd, request.params.id, request.body);
      reply.status(201);
      return change;
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id/status-history",
    {
      schema: { tags, summary: "Riwayat status anggota", params: MemberParams, response: { 200: z.object({ items: z.array(MemberStatusChange) }) } },
      config: { gate: { action: VIEW } },
    },
    async (request) => {
      const cmd = command(request);
      await assertVisibleMember(cmd.trx, cmd, request.params.id);
      return { items: await memberStatusHistory(cmd.trx, cmd.koperasiId, request.params.id) };
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id/heirs",
    {
      schema: { tags, summary: "Ahli waris anggota", params: MemberParams, response: { 200: z.object({ items: z.array(MemberHeir) }) } },
      config: { gate: { action: VIEW } },
    },
    async (request) => {
      const cmd = command(request);
      await assertVisibleMember(cmd.trx, cmd, request.params.id);
      return { items: await listHeirs(cmd.trx, keyring, cmd.koperasiId, request.params.id, selfOnly(cmd) || seesIdentity(cmd.actor)) };
    },
  );

  app.post(
    "/koperasi/:koperasiId/members/:id/heirs",
    {
      schema: { tags, summary: "Menambah ahli waris", params: MemberParams, body: CreateMemberHeir, response: { 201: MemberHeir } },
      config: { gate: { action: "members.update", audit: "member.heir_add" } },
    },
    async (request, reply) => {
      const heir = await addHeir(command(request), keyring, request.params.id, request.body);
      reply.status(201);
      return heir;
    },
  );

  app.patch(
    "/koperasi/:koperasiId/members/:id/heirs/:heirId",
    {
      schema: { tags, summary: "Mengubah ahli waris", params: HeirParams, body: UpdateMemberHeir, response: { 200: MemberHeir } },
      config: { gate: { action: "members.update", audit: "member.heir_update" } },
    },
    async (request) => updateHeir(command(request), keyring, request.params.id, request.params.heirId, request.body),
  );

  app.delete(
    "/koperasi/:koperasiId/members/:id/heirs/:heirId",
    {
      schema: { tags, summary: "Menghapus ahli waris", params: HeirParams, response: { 200: Ok } },
      config: { gate: { action: "members.update", audit: "member.heir_remove" } },
    },
    async (request) => {
      await removeHeir(command(request), request.params.id, request.params.heirId);
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
      // The upload is read after the gate and before the transaction: a slow phone's upload holds no database connection.
      config: { gate: { action: "members.update", transaction: "own" } },
    },
    async (request, reply) => {
      const upload = await readSingleUpload(request, { maxBytes: MEMBER_IMAGE_MAX_BYTES, fallbackName: request.params.kind });
      const stored = await runCommand(ctx, request, (cmd) => putMemberFile(cmd, ctx.files, { memberId: request.params.id, kind: request.params.kind, upload }));
      return reply.send(stored);
    },
  );

  app.get(
    "/koperasi/:koperasiId/members/:id/files/:kind",
    {
      schema: { tags, summary: "Foto atau pindaian KTP anggota (KTP hanya untuk pengelola buku anggota dan anggota sendiri)", params: FileParams },
      config: { gate: { action: VIEW } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const kind: MemberFileKind = request.params.kind;
      // The KTP shows the NIK in the clear: the same people who may see the NIK.
      if (kind === "ktp" && !selfOnly(cmd) && !seesIdentity(cmd.actor)) throw memberError("ktp_hidden");
      await assertVisibleMember(cmd.trx, cmd, request.params.id);
      const file = await getMemberFile(cmd.trx, ctx.files, cmd.koperasiId, request.params.id, kind);
      reply.header("content-type", file.contentType).header("x-content-type-options", "nosniff").header("cache-control", "private, no-store");
      return file.bytes;
    },
  );
}
