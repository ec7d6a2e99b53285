import { z } from "zod";
import type { Transaction } from "kysely";
import {
  BookYearParams,
  ClosedPeriod,
  ClosedPeriodQuery,
  DOCUMENT_MAX_BYTES,
  IdempotencyHeaders,
  JournalAttachment,
  KoperasiParams,
  MemberAccount,
  OpenMemberAccount,
  PeriodParams,
  ReopenPeriod,
  Uuid,
  YearEndClose,
} from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { businessDateOf, DEFAULT_TIME_ZONE, isTimeZone, periodStartFromLabel, uuidv7, type BusinessDate } from "@koperasi/domain";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import type { AppContext } from "../context";
import { readSingleUpload } from "../files/upload";
import { notFound } from "../http/problem";
import { requireTenant, type TenantAccess } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { addAttachment, deleteAttachment, findAttachment, listAttachments } from "../ledger/attachments";
import { idempotent } from "../ledger/idempotency";
import { loadJournalEntry } from "../ledger/journal-entries";
import { openAccountForMember } from "../ledger/open-member-account";
import { closedPeriods, closeMonth, reopenMonth } from "../ledger/period-close";
import { closeBookYear } from "../ledger/year-end-close";
import { requireApproved } from "../registration/approval";
import { attachmentDisposition } from "../files/download";

// Keeping the books over HTTP: closing and reopening months, tutup buku,
// supporting documents of journal entries, opening a member's account. Thin,
// like ./ledger.ts: who may act, the tenant transaction, a service in ../ledger.

const tags = ["buku besar"];
const EntryParams = z.object({ koperasiId: Uuid, entryId: Uuid });
const AttachmentParams = z.object({ koperasiId: Uuid, entryId: Uuid, attachmentId: Uuid });

function today(ctx: AppContext, access: TenantAccess): { now: Date; today: BusinessDate } {
  const now = ctx.now();
  const zone = isTimeZone(access.koperasi.time_zone) ? access.koperasi.time_zone : DEFAULT_TIME_ZONE;
  return { now, today: businessDateOf(now, zone) };
}

function inTenant<T>(ctx: AppContext, access: TenantAccess, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, fn);
}

export async function ledgerBookRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/periods/closed",
    { schema: { tags, summary: "Periode (bulan) yang sudah ditutup", params: KoperasiParams, querystring: ClosedPeriodQuery, response: { 200: z.array(ClosedPeriod) } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.view");
      const year = request.query.year;
      const range = year === undefined ? {} : { from: `${year}-01-01`, to: `${year}-12-01` };
      return inTenant(ctx, access, (trx) => closedPeriods(trx, access.koperasiId, range));
    },
  );

  app.post(
    "/koperasi/:koperasiId/periods/:period/close",
    { schema: { tags, summary: "Menutup periode (bulan, YYYY-MM): tidak ada lagi transaksi bertanggal di dalamnya", params: PeriodParams, response: { 201: ClosedPeriod } } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.close_period");
      const periodStart = periodStartFromLabel(request.params.period);
      const closed = await inTenant(ctx, access, async (trx) => {
        const row = await closeMonth(trx, { koperasiId: access.koperasiId, periodStart, userId: access.user.id, ...today(ctx, access) });
        await writeAudit(trx, { ...auditActor(access), action: "ledger.period_close", targetType: "period", targetId: row.period }, request);
        return row;
      });
      return reply.status(201).send(closed);
    },
  );

  app.post(
    "/koperasi/:koperasiId/periods/:period/reopen",
    { schema: { tags, summary: "Membuka kembali periode yang ditutup (izin tersendiri, diaudit)", params: PeriodParams, body: ReopenPeriod, response: { 200: ClosedPeriod } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.reopen_period");
      const periodStart = periodStartFromLabel(request.params.period);
      return inTenant(ctx, access, async (trx) => {
        const former = await reopenMonth(trx, { koperasiId: access.koperasiId, periodStart, userId: access.user.id, ...today(ctx, access) });
        await writeAudit(
          trx,
          {
            ...auditActor(access),
            action: "ledger.period_reopen",
            targetType: "period",
            targetId: former.period,
            details: { reason: request.body.reason, closedBy: former.closedBy, closedAt: former.closedAt },
          },
          request,
        );
        return former;
      });
    },
  );

  app.post(
    "/koperasi/:koperasiId/book-years/:year/close",
    {
      schema: {
        tags,
        summary: "Tutup buku: pendapatan dan beban ke SHU Tahun Berjalan (jurnal TB), lalu semua bulannya ditutup",
        params: BookYearParams,
        headers: IdempotencyHeaders,
        response: { 200: YearEndClose },
      },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.close_period");
      requireApproved(access.koperasi);
      const year = request.params.year;
      return idempotent(ctx, request, reply, { koperasiId: access.koperasiId, userId: access.user.id }, async (trx) => {
        const result = await closeBookYear(trx, { koperasiId: access.koperasiId, year, userId: access.user.id, newId: uuidv7, ...today(ctx, access) });
        await writeAudit(
          trx,
          {
            ...auditActor(access),
            action: "ledger.year_close",
            targetType: "book_year",
            targetId: String(year),
            details: { voucherNo: result.entry?.voucherNo ?? null, netResult: result.netResult },
          },
          request,
        );
        const entry = result.entry ? ((await loadJournalEntry(trx, access.koperasiId, result.entry.id)) ?? null) : null;
        const closedPeriodsOfYear = await closedPeriods(trx, access.koperasiId, { from: `${year}-01-01`, to: `${year}-12-01` });
        return { status: 200, body: { bookYear: year, netResult: result.netResult, entry, closedPeriods: closedPeriodsOfYear } };
      });
    },
  );

  app.get(
    "/koperasi/:koperasiId/journals/:entryId/attachments",
    { schema: { tags, summary: "Lampiran (bukti pendukung) satu jurnal", params: EntryParams, response: { 200: z.array(JournalAttachment) } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.view");
      return inTenant(ctx, access, (trx) => listAttachments(trx, access.koperasiId, request.params.entryId));
    },
  );

  app.post(
    "/koperasi/:koperasiId/journals/:entryId/attachments",
    {
      schema: {
        tags,
        summary: `Melampirkan bukti pendukung (multipart, kolom "file": PDF/JPG/PNG, maks. ${DOCUMENT_MAX_BYTES / (1024 * 1024)} MB), juga pada jurnal yang sudah diposting`,
        params: EntryParams,
        response: { 201: JournalAttachment },
      },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.post_manual");
      const upload = await readSingleUpload(request, { maxBytes: DOCUMENT_MAX_BYTES, fallbackName: "lampiran" });
      const attachment = await inTenant(ctx, access, async (trx) => {
        const added = await addAttachment(trx, ctx.files, {
          koperasiId: access.koperasiId,
          entryId: request.params.entryId,
          id: uuidv7(),
          userId: access.user.id,
          now: ctx.now(),
          upload,
        });
        await writeAudit(
          trx,
          {
            ...auditActor(access),
            action: "journal.attachment_add",
            targetType: "journal_entry",
            targetId: added.entryId,
            details: { attachmentId: added.id, fileName: added.fileName, sha256: added.sha256 },
          },
          request,
        );
        return added;
      });
      return reply.status(201).send(attachment);
    },
  );

  app.get(
    "/koperasi/:koperasiId/journals/:entryId/attachments/:attachmentId",
    { schema: { tags, summary: "Mengunduh satu lampiran jurnal", params: AttachmentParams } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.view");
      const attachment = await inTenant(ctx, access, (trx) => findAttachment(trx, access.koperasiId, request.params.entryId, request.params.attachmentId));
      let bytes: Buffer;
      try {
        bytes = await ctx.files.get(attachment.storageKey);
      } catch {
        throw notFound("Berkas lampiran");
      }
      return reply
        .header("content-type", attachment.contentType)
        .header("content-disposition", attachmentDisposition(attachment.fileName))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(bytes);
    },
  );

  app.delete(
    "/koperasi/:koperasiId/journals/:entryId/attachments/:attachmentId",
    { schema: { tags, summary: "Menghapus lampiran jurnal yang masih menunggu persetujuan (setelah diposting, lampiran tetap)", params: AttachmentParams } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.post_manual");
      await inTenant(ctx, access, async (trx) => {
        const removed = await deleteAttachment(trx, access.koperasiId, request.params.entryId, request.params.attachmentId);
        await writeAudit(
          trx,
          {
            ...auditActor(access),
            action: "journal.attachment_delete",
            targetType: "journal_entry",
            targetId: removed.entryId,
            details: { attachmentId: removed.id, fileName: removed.fileName, sha256: removed.sha256 },
          },
          request,
        );
      });
      return reply.status(204).send();
    },
  );

  app.post(
    "/koperasi/:koperasiId/member-accounts",
    { schema: { tags, summary: "Membuka rekening anggota di bawah akun kontrol (saldo nol)", params: KoperasiParams, body: OpenMemberAccount, response: { 201: MemberAccount } } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.open_member_account");
      const opened = await inTenant(ctx, access, async (trx) => {
        const account = await openAccountForMember(trx, access.koperasiId, request.body, { id: uuidv7(), now: ctx.now() });
        await writeAudit(
          trx,
          {
            ...auditActor(access),
            action: "ledger.member_account_open",
            targetType: "member_account",
            targetId: account.id,
            details: { memberNumber: account.memberNumber, accountCode: account.accountCode },
          },
          request,
        );
        return account;
      });
      const { memberStatus: _status, memberUserId: _user, normalBalance: _normal, ...shown } = opened;
      return reply.status(201).send(shown);
    },
  );
}
