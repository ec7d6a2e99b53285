import type { FastifyRequest } from "fastify";
import type { Transaction } from "kysely";
import { z } from "zod";
import {
  CreateGlAccount,
  CreateManualJournal,
  CreateTransfer,
  GeneralLedger,
  GlAccount,
  IdempotencyHeaders,
  JournalEntry,
  JournalEntryHeader,
  JournalQuery,
  KoperasiParams,
  MemberAccount,
  MemberAccountQuery,
  MemberAccountStatement,
  RejectJournal,
  ReverseJournal,
  StatementQuery,
  TrialBalance,
  TrialBalanceQuery,
  paged,
  Uuid,
} from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { businessDateOf, DEFAULT_TIME_ZONE, isTimeZone, uuidv7, type Action, type BusinessDate } from "@koperasi/domain";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import type { AppContext } from "../context";
import { AppError, invalidField, notFound } from "../http/problem";
import { requireTenant, type TenantAccess } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { closeGlAccount, createGlAccount } from "../ledger/accounts";
import { requireApproved } from "../registration/approval";
import { findGlAccount, listGlAccounts, toGlAccount } from "../ledger/chart";
import { idempotent } from "../ledger/idempotency";
import { listJournalEntries, loadJournalEntry, postedEntryDto, type JournalEntryDto } from "../ledger/journal-entries";
import { approveJournal, createManualJournal, rejectJournal, requestReversal, type Clock } from "../ledger/manual-journal";
import { findMemberAccount, listMemberAccounts, type MemberAccountView } from "../ledger/member-accounts";
import { statementOf } from "../ledger/statement";
import { transferBetweenMembers } from "../ledger/transfer";
import { trialBalance } from "../ledger/trial-balance";

// The ledger over HTTP. Thin: each route checks who may act (and, where
// money moves, that the operator has approved the cooperative), opens the
// tenant transaction (through the idempotency wrapper when money moves) and
// calls a service in ../ledger.

const tags = ["buku besar"];
const EntryParams = z.object({ koperasiId: Uuid, entryId: Uuid });
const AccountParams = z.object({ koperasiId: Uuid, accountId: Uuid });
const MemberAccountParams = z.object({ koperasiId: Uuid, memberAccountId: Uuid });

function clockOf(ctx: AppContext, access: TenantAccess): Clock {
  const now = ctx.now();
  const zone = isTimeZone(access.koperasi.time_zone) ? access.koperasi.time_zone : DEFAULT_TIME_ZONE;
  return { now, today: businessDateOf(now, zone), newId: uuidv7 };
}

function inTenant<T>(ctx: AppContext, access: TenantAccess, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, fn);
}

/** The first of `actions` the person may take; refused (403) only when none. */
async function requireAny(ctx: AppContext, request: FastifyRequest, koperasiId: string, actions: readonly Action[]): Promise<{ access: TenantAccess; action: Action }> {
  let refusal: unknown;
  for (const action of actions) {
    try {
      return { access: await requireTenant(ctx, request, koperasiId, action), action };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "forbidden") throw error;
      refusal = error;
    }
  }
  throw refusal;
}

async function entryOrThrow(trx: Transaction<DB>, koperasiId: string, id: string): Promise<JournalEntryDto> {
  const entry = await loadJournalEntry(trx, koperasiId, id);
  if (!entry) throw notFound("Jurnal");
  return entry;
}

function period(query: { from?: string | undefined; to?: string | undefined }, today: BusinessDate): { from: BusinessDate; to: BusinessDate } {
  const to = query.to ?? today;
  // By default, the book year so far.
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw invalidField("querystring.from", "range_invalid", "Tanggal awal tidak boleh setelah tanggal akhir.");
  return { from, to };
}

/** A member account as the API shows it: without the member's login or the account's normal side. */
function publicMemberAccount(account: MemberAccountView) {
  const { memberStatus: _status, memberUserId: _user, normalBalance: _normal, ...shown } = account;
  return shown;
}

export async function ledgerRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/accounts",
    { schema: { tags, summary: "Bagan akun", params: KoperasiParams, response: { 200: z.array(GlAccount) } } },
    async (request) => {
      const { access } = await requireAny(ctx, request, request.params.koperasiId, ["journal.view", "ledger.manage_accounts"]);
      return (await inTenant(ctx, access, (trx) => listGlAccounts(trx, access.koperasiId))).map(toGlAccount);
    },
  );

  app.post(
    "/koperasi/:koperasiId/accounts",
    { schema: { tags, summary: "Menambah akun ke bagan akun", params: KoperasiParams, body: CreateGlAccount, response: { 201: GlAccount } } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.manage_accounts");
      const account = await inTenant(ctx, access, async (trx) => {
        const row = await createGlAccount(trx, access.koperasiId, request.body, { userId: access.user.id, id: uuidv7(), now: ctx.now() });
        await writeAudit(
          trx,
          { ...auditActor(access), action: "ledger.account_create", targetType: "gl_account", targetId: row.id, details: { code: row.code, name: row.name, type: row.type } },
          request,
        );
        return row;
      });
      return reply.status(201).send(toGlAccount(account));
    },
  );

  app.post(
    "/koperasi/:koperasiId/accounts/:accountId/close",
    { schema: { tags, summary: "Menutup akun (saldo harus nol)", params: AccountParams, response: { 200: GlAccount } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.manage_accounts");
      const account = await inTenant(ctx, access, async (trx) => {
        const row = await closeGlAccount(trx, access.koperasiId, request.params.accountId, ctx.now());
        await writeAudit(trx, { ...auditActor(access), action: "ledger.account_close", targetType: "gl_account", targetId: row.id, details: { code: row.code } }, request);
        return row;
      });
      return toGlAccount(account);
    },
  );

  app.get(
    "/koperasi/:koperasiId/accounts/:accountId/ledger",
    { schema: { tags, summary: "Buku besar satu akun, dengan saldo berjalan", params: AccountParams, querystring: StatementQuery, response: { 200: GeneralLedger } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.view");
      const range = period(request.query, clockOf(ctx, access).today);
      return inTenant(ctx, access, async (trx) => {
        const account = await findGlAccount(trx, access.koperasiId, request.params.accountId);
        if (!account) throw notFound("Akun");
        const statement = await statementOf(trx, access.koperasiId, { column: "account_id", id: account.id }, account.normal_balance, { ...request.query, ...range });
        return { ...statement, account: toGlAccount(account) };
      });
    },
  );

  app.get(
    "/koperasi/:koperasiId/trial-balance",
    { schema: { tags, summary: "Neraca saldo", params: KoperasiParams, querystring: TrialBalanceQuery, response: { 200: TrialBalance } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.view");
      const asOf = request.query.asOf ?? clockOf(ctx, access).today;
      return inTenant(ctx, access, (trx) => trialBalance(trx, access.koperasiId, asOf));
    },
  );

  app.get(
    "/koperasi/:koperasiId/journals",
    { schema: { tags, summary: "Daftar jurnal (status=pending: menunggu persetujuan)", params: KoperasiParams, querystring: JournalQuery, response: { 200: paged(JournalEntryHeader) } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.view");
      return inTenant(ctx, access, (trx) => listJournalEntries(trx, access.koperasiId, request.query));
    },
  );

  app.get(
    "/koperasi/:koperasiId/journals/:entryId",
    { schema: { tags, summary: "Satu jurnal dengan baris-barisnya", params: EntryParams, response: { 200: JournalEntry } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.view");
      return inTenant(ctx, access, (trx) => entryOrThrow(trx, access.koperasiId, request.params.entryId));
    },
  );

  app.post(
    "/koperasi/:koperasiId/journals",
    {
      schema: {
        tags,
        summary: "Membuat jurnal umum (menunggu persetujuan orang lain)",
        params: KoperasiParams,
        headers: IdempotencyHeaders,
        body: CreateManualJournal,
        response: { 201: JournalEntry },
      },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.post_manual");
      requireApproved(access.koperasi);
      return idempotent(ctx, request, reply, { koperasiId: access.koperasiId, userId: access.user.id }, async (trx) => {
        const id = await createManualJournal(trx, access.koperasiId, access.user.id, request.body, clockOf(ctx, access));
        await writeAudit(
          trx,
          { ...auditActor(access), action: "journal.create", targetType: "journal_entry", targetId: id, details: { businessDate: request.body.businessDate } },
          request,
        );
        return { status: 201, body: await entryOrThrow(trx, access.koperasiId, id) };
      });
    },
  );

  app.post(
    "/koperasi/:koperasiId/journals/:entryId/approve",
    { schema: { tags, summary: "Menyetujui dan memposting jurnal (bukan oleh pembuatnya)", params: EntryParams, headers: IdempotencyHeaders, response: { 200: JournalEntry } } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.approve");
      requireApproved(access.koperasi);
      return idempotent(ctx, request, reply, { koperasiId: access.koperasiId, userId: access.user.id }, async (trx) => {
        const posted = await approveJournal(trx, access.koperasiId, access.user.id, request.params.entryId, clockOf(ctx, access));
        await writeAudit(
          trx,
          { ...auditActor(access), action: "journal.approve", targetType: "journal_entry", targetId: posted.id, details: { voucherNo: posted.voucherNo } },
          request,
        );
        return { status: 200, body: await entryOrThrow(trx, access.koperasiId, posted.id) };
      });
    },
  );

  app.post(
    "/koperasi/:koperasiId/journals/:entryId/reject",
    { schema: { tags, summary: "Menolak jurnal yang menunggu persetujuan", params: EntryParams, body: RejectJournal, response: { 200: JournalEntry } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.approve");
      return inTenant(ctx, access, async (trx) => {
        await rejectJournal(trx, access.koperasiId, access.user.id, request.params.entryId, clockOf(ctx, access));
        await writeAudit(
          trx,
          { ...auditActor(access), action: "journal.reject", targetType: "journal_entry", targetId: request.params.entryId, details: { reason: request.body.reason ?? null } },
          request,
        );
        return entryOrThrow(trx, access.koperasiId, request.params.entryId);
      });
    },
  );

  app.post(
    "/koperasi/:koperasiId/journals/:entryId/reverse",
    {
      schema: {
        tags,
        summary: "Membuat jurnal koreksi (pembalik) yang menunggu persetujuan",
        params: EntryParams,
        headers: IdempotencyHeaders,
        body: ReverseJournal,
        response: { 201: JournalEntry },
      },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "journal.post_manual");
      requireApproved(access.koperasi);
      return idempotent(ctx, request, reply, { koperasiId: access.koperasiId, userId: access.user.id }, async (trx) => {
        const id = await requestReversal(trx, access.koperasiId, access.user.id, request.params.entryId, request.body.reason, clockOf(ctx, access));
        await writeAudit(
          trx,
          { ...auditActor(access), action: "journal.reverse_request", targetType: "journal_entry", targetId: id, details: { reverses: request.params.entryId } },
          request,
        );
        return { status: 201, body: await entryOrThrow(trx, access.koperasiId, id) };
      });
    },
  );

  app.post(
    "/koperasi/:koperasiId/transfers",
    {
      schema: {
        tags,
        summary: "Pemindahbukuan antarrekening anggota",
        params: KoperasiParams,
        headers: IdempotencyHeaders,
        body: CreateTransfer,
        response: { 201: JournalEntry },
      },
    },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "ledger.transfer");
      requireApproved(access.koperasi);
      return idempotent(ctx, request, reply, { koperasiId: access.koperasiId, userId: access.user.id }, async (trx) => {
        const posted = await transferBetweenMembers(trx, access.koperasiId, access.user.id, request.body, clockOf(ctx, access));
        return { status: 201, body: postedEntryDto(posted) };
      });
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-accounts",
    {
      schema: {
        tags,
        summary: "Rekening anggota dengan saldonya (anggota: rekeningnya sendiri)",
        params: KoperasiParams,
        querystring: MemberAccountQuery,
        response: { 200: paged(MemberAccount) },
      },
    },
    async (request) => {
      const { access, action } = await requireAny(ctx, request, request.params.koperasiId, ["savings.view", "savings.view_self"]);
      const own = action === "savings.view_self" ? { userId: access.user.id } : {};
      const page = await inTenant(ctx, access, (trx) => listMemberAccounts(trx, access.koperasiId, { ...request.query, ...own }));
      return { ...page, items: page.items.map(publicMemberAccount) };
    },
  );

  app.get(
    "/koperasi/:koperasiId/member-accounts/:memberAccountId/statement",
    {
      schema: {
        tags,
        summary: "Rekening koran satu rekening anggota",
        params: MemberAccountParams,
        querystring: StatementQuery,
        response: { 200: MemberAccountStatement },
      },
    },
    async (request) => {
      const { access, action } = await requireAny(ctx, request, request.params.koperasiId, ["savings.view", "savings.view_self"]);
      const range = period(request.query, clockOf(ctx, access).today);
      return inTenant(ctx, access, async (trx) => {
        const account = await findMemberAccount(trx, access.koperasiId, request.params.memberAccountId);
        // A member sees her own accounts only; another's is as if it did not exist.
        if (!account || (action === "savings.view_self" && account.memberUserId !== access.user.id)) throw notFound("Rekening");
        const statement = await statementOf(trx, access.koperasiId, { column: "member_account_id", id: account.id }, account.normalBalance, {
          ...request.query,
          ...range,
        });
        return { ...statement, memberAccount: publicMemberAccount(account) };
      });
    },
  );
}
