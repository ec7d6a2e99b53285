import { z } from "zod";
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
import { periodStartFromLabel } from "@koperasi/domain";
import type { AppContext } from "../context";
import { readSingleUpload } from "../http/multipart-upload";
import { notFound } from "../errors/app-error";
import { command, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { addAttachment, deleteAttachment, findAttachment, listAttachments } from "../ledger/attachments";
import { loadJournalEntry } from "../ledger/journal-entries";
import { openAccountForMember } from "../ledger/open-member-account";
import { closedPeriods, closeMonth, reopenMonth } from "../ledger/period-close";
import { closeBookYear } from "../ledger/year-end-close";
import { attachmentDisposition } from "../files/download";

// Keeping the books over HTTP: closing and reopening months, tutup buku,
// supporting documents of journal entries, opening a member's account. Thin,
// like ./ledger.ts: the declared gate, then a service in ../ledger.

const tags = ["buku besar"];
const EntryParams = z.object({ koperasiId: Uuid, entryId: Uuid });
const AttachmentParams = z.object({ koperasiId: Uuid, entryId: Uuid, attachmentId: Uuid });

export async function ledgerBookRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/periods/closed",
    {
      schema: { tags, summary: "Periode (bulan) yang sudah ditutup", params: KoperasiParams, querystring: ClosedPeriodQuery, response: { 200: z.array(ClosedPeriod) } },
      config: { gate: { action: "journal.view" } },
    },
    async (request) => {
      const cmd = command(request);
      const year = request.query.year;
      const range = year === undefined ? {} : { from: `${year}-01-01`, to: `${year}-12-01` };
      return closedPeriods(cmd.trx, cmd.koperasiId, range);
    },
  );

  app.post(
    "/koperasi/:koperasiId/periods/:period/close",
    {
      schema: { tags, summary: "Menutup periode (bulan, YYYY-MM): tidak ada lagi transaksi bertanggal di dalamnya", params: PeriodParams, response: { 201: ClosedPeriod } },
      config: { gate: { action: "ledger.close_period", audit: "ledger.period_close" } },
    },
    async (request, reply) => {
      const closed = await closeMonth(command(request), periodStartFromLabel(request.params.period));
      reply.status(201);
      return closed;
    },
  );

  app.post(
    "/koperasi/:koperasiId/periods/:period/reopen",
    {
      schema: { tags, summary: "Membuka kembali periode yang ditutup (izin tersendiri, diaudit)", params: PeriodParams, body: ReopenPeriod, response: { 200: ClosedPeriod } },
      config: { gate: { action: "ledger.reopen_period", audit: "ledger.period_reopen" } },
    },
    async (request) => reopenMonth(command(request), periodStartFromLabel(request.params.period), request.body.reason),
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
      config: { gate: { action: "ledger.close_period", money: true, audit: "ledger.year_close" } },
    },
    async (request) => {
      const cmd = command(request);
      const year = request.params.year;
      const result = await closeBookYear(cmd, year);
      const entry = result.entry ? ((await loadJournalEntry(cmd.trx, cmd.koperasiId, result.entry.id)) ?? null) : null;
      const closedPeriodsOfYear = await closedPeriods(cmd.trx, cmd.koperasiId, { from: `${year}-01-01`, to: `${year}-12-01` });
      return { bookYear: year, netResult: result.netResult, entry, closedPeriods: closedPeriodsOfYear };
    },
  );

  app.get(
    "/koperasi/:koperasiId/journals/:entryId/attachments",
    {
      schema: { tags, summary: "Lampiran (bukti pendukung) satu jurnal", params: EntryParams, response: { 200: z.array(JournalAttachment) } },
      config: { gate: { action: "journal.view" } },
    },
    async (request) => {
      const cmd = command(request);
      return listAttachments(cmd.trx, cmd.koperasiId, request.params.entryId);
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
      // The upload is read after the gate and before the transaction: a slow
      // phone's upload holds no database connection.
      config: { gate: { action: "journal.post_manual", transaction: "own" } },
    },
    async (request, reply) => {
      const upload = await readSingleUpload(request, { maxBytes: DOCUMENT_MAX_BYTES, fallbackName: "lampiran" });
      const attachment = await runCommand(ctx, request, (cmd) => addAttachment(cmd, ctx.files, request.params.entryId, upload));
      return reply.status(201).send(attachment);
    },
  );

  app.get(
    "/koperasi/:koperasiId/journals/:entryId/attachments/:attachmentId",
    { schema: { tags, summary: "Mengunduh satu lampiran jurnal", params: AttachmentParams }, config: { gate: { action: "journal.view" } } },
    async (request, reply) => {
      const cmd = command(request);
      const attachment = await findAttachment(cmd.trx, cmd.koperasiId, request.params.entryId, request.params.attachmentId);
      let bytes: Buffer;
      try {
        bytes = await ctx.files.get(attachment.storageKey);
      } catch {
        throw notFound("Berkas lampiran", "Attachment file");
      }
      reply
        .header("content-type", attachment.contentType)
        .header("content-disposition", attachmentDisposition(attachment.fileName))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store");
      return bytes;
    },
  );

  app.delete(
    "/koperasi/:koperasiId/journals/:entryId/attachments/:attachmentId",
    {
      schema: { tags, summary: "Menghapus lampiran jurnal yang masih menunggu persetujuan (setelah diposting, lampiran tetap)", params: AttachmentParams },
      config: { gate: { action: "journal.post_manual", audit: "journal.attachment_delete" } },
    },
    async (request, reply) => {
      await deleteAttachment(command(request), request.params.entryId, request.params.attachmentId);
      reply.status(204);
      return undefined;
    },
  );

  app.post(
    "/koperasi/:koperasiId/member-accounts",
    {
      schema: { tags, summary: "Membuka rekening anggota di bawah akun kontrol (saldo nol)", params: KoperasiParams, body: OpenMemberAccount, response: { 201: MemberAccount } },
      config: { gate: { action: "ledger.open_member_account", audit: "ledger.member_account_open" } },
    },
    async (request, reply) => {
      const opened = await openAccountForMember(command(request), request.body);
      const { memberStatus: _status, memberUserId: _user, normalBalance: _normal, ...shown } = opened;
      reply.status(201);
      return shown;
    },
  );
}
