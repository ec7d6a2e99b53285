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
import type { BusinessDate } from "@koperasi/domain";
import { invalidField, notFound } from "../errors/app-error";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { closeGlAccount, createGlAccount } from "../ledger/accounts";
import { findGlAccount, listGlAccounts, toGlAccount } from "../ledger/chart";
import { listJournalEntries, loadJournalEntry, postedEntryDto, type JournalEntryDto } from "../ledger/journal-entries";
import { approveJournal, createManualJournal, rejectJournal, requestReversal } from "../ledger/manual-journal";
import { findMemberAccount, listMemberAccounts, type MemberAccountView } from "../ledger/member-accounts";
import { statementOf } from "../ledger/statement";
import { transferBetweenMembers } from "../ledger/transfer";
import { trialBalance } from "../ledger/trial-balance";

// The ledger over HTTP. Thin: each route declares who may act (and whether
// money moves); the tenant pipeline checks it and opens the transaction,
// and the handler calls a service in ../ledger with the command context.

const tags = ["buku besar"];
const EntryParams = z.object({ koperasiId: Uuid, entryId: Uuid });
const AccountParams = z.object({ koperasiId: Uuid, accountId: Uuid });
const MemberAccountParams = z.object({ koperasiId: Uuid, memberAccountId: Uuid });

async function entryOrThrow(trx: Transaction<DB>, koperasiId: string, id: string): Promise<JournalEntryDto> {
  const entry = await loadJournalEntry(trx, koperasiId, id);
  if (!entry) throw notFound("Jurnal", "Journal entry");
  return entry;
}

/** The statement period asked for: by default the book year so far. */
export function period(query: { from?: string | undefined; to?: string | undefined }, today: BusinessDate): { from: BusinessDate; to: BusinessDate } {
  const to = query.to ?? today;
  // By default, the book year so far.
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw invalidField("querystring.from", "range_invalid", "Tanggal awal tidak boleh setelah tanggal akhir.", "The start date may not be after the end date.");
  return { from, to };
}

/** A member account as the API shows it: without the member's login or the account's normal side. */
function publicMemberAccount(account: MemberAccountView) {
  const { memberStatus: _status, memberUserId: _user, normalBalance: _normal, ...shown } = account;
  return shown;
}

export async function ledgerRoutes(app: ZodApp): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/accounts",
    {
      schema: { tags, summary: "Bagan akun", params: KoperasiParams, response: { 200: z.array(GlAccount) } },
      config: { gate: { action: ["journal.view", "ledger.manage_accounts"] } },
    },
    async (request) => {
      const cmd = command(request);
      return (await listGlAccounts(cmd.trx, cmd.koperasiId)).map(toGlAccount);
    },
  );

  app.post(
    "/koperasi/:koperasiId/accounts",
    {
      schema: { tags, summary: "Menambah akun ke bagan akun", params: KoperasiParams, body: CreateGlAccount, response: { 201: GlAccount } },
      config: { gate: { action: "ledger.manage_accounts", audit: "ledger.account_create" } },
    },
    async (request, reply) => {
      const account = await createGlAccount(command(request), request.body);
      reply.status(201);
      return toGlAccount(account);
    },
  );

  app.post(
    "/koperasi/:koperasiId/accounts/:accountId/close",
    {
      schema: { tags, summary: "Menutup akun (saldo harus nol)", params: AccountParams, response: { 200: GlAccount } },
      config: { gate: { action: "ledger.manage_accounts", audit: "ledger.account_close" } },
    },
    async (request) => toGlAccount(await closeGlAccount(command(request), request.params.accountId)),
  );

  app.get(
    "/koperasi/:koperasiId/accounts/:accountId/ledger",
    {
      schema: { tags, summary: "Buku besar satu akun, dengan saldo berjalan", params: AccountParams, querystring: StatementQuery, response: { 200: GeneralLedger } },
      config: { gate: { action: "journal.view" } },
    },
    async (request) => {
      const cmd = command(request);
      const range = period(request.query, cmd.today);
      const account = await findGlAccount(cmd.trx, cmd.koperasiId, request.params.accountId);
      if (!account) throw notFound("Akun", "Account");
      const statement = await statementOf(cmd.trx, cmd.koperasiId, { column: "account_id", id: account.id }, account.normal_balance, { ...request.query, ...range });
      return { ...statement, account: toGlAccount(account) };
    },
  );

  app.get(
    "/koperasi/:koperasiId/trial-balance",
    {
      schema: { tags, summary: "Neraca saldo", params: KoperasiParams, querystring: TrialBalanceQuery, response: { 200: TrialBalance } },
      config: { gate: { action: "journal.view" } },
    },
    async (request) => {
      const cmd = command(request);
      return trialBalance(cmd.trx, cmd.koperasiId, request.query.asOf ?? cmd.today);
    },
  );

  app.get(
    "/koperasi/:koperasiId/journals",
    {
      schema: { tags, summary: "Daftar jurnal (status=pending: menunggu persetujuan)", params: KoperasiParams, querystring: JournalQuery, response: { 200: paged(JournalEntryHeader) } },
      config: { gate: { action: "journal.view" } },
    },
    async (request) => {
      const cmd = command(request);
      return listJournalEntries(cmd.trx, cmd.koperasiId, request.query);
    },
  );

  app.get(
    "/koperasi/:koperasiId/journals/:entryId",
    {
      schema: { tags, summary: "Satu jurnal dengan baris-barisnya", params: EntryParams, response: { 200: JournalEntry } },
      config: { gate: { action: "journal.view" } },
    },
    async (request) => {
      const cmd = command(request);
      return entryOrThrow(cmd.trx, cmd.koperasiId, request.params.entryId);
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
      config: { gate: { action: "journal.post_manual", money: true, audit: "journal.create" } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const id = await createManualJournal(cmd, request.body);
      reply.status(201);
      return entryOrThrow(cmd.trx, cmd.koperasiId, id);
    },
  );

  app.post(
    "/koperasi/:koperasiId/journals/:entryId/approve",
    {
      schema: { tags, summary: "Menyetujui dan memposting jurnal (bukan oleh pembuatnya)", params: EntryParams, headers: IdempotencyHeaders, response: { 200: JournalEntry } },
      config: { gate: { action: "journal.approve", money: true, audit: "journal.approve" } },
    },
    async (request) => {
      const cmd = command(request);
      const posted = await approveJournal(cmd, request.params.entryId);
      return entryOrThrow(cmd.trx, cmd.koperasiId, posted.id);
    },
  );

  app.post(
    "/koperasi/:koperasiId/journals/:entryId/reject",
    {
      schema: { tags, summary: "Menolak jurnal yang menunggu persetujuan", params: EntryParams, body: RejectJournal, response: { 200: JournalEntry } },
      config: { gate: { action: "journal.approve", audit: "journal.reject" } },
    },
    async (request) => {
      const cmd = command(request);
      await rejectJournal(cmd, request.params.entryId, request.body.reason ?? null);
      return entryOrThrow(cmd.trx, cmd.koperasiId, request.params.entryId);
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
      config: { gate: { action: "journal.post_manual", money: true, audit: "journal.reverse_request" } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const id = await requestReversal(cmd, request.params.entryId, request.body.reason);
      reply.status(201);
      return entryOrThrow(cmd.trx, cmd.koperasiId, id);
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
      config: { gate: { action: "ledger.transfer", money: true } },
    },
    async (request, reply) => {
      const posted = await transferBetweenMembers(command(request), request.body);
      reply.status(201);
      return postedEntryDto(posted);
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
      config: { gate: { action: ["savings.view", "savings.view_self"] } },
    },
    async (request) => {
      const cmd = command(request);
      const own = cmd.action === "savings.view_self" ? { userId: cmd.actor.userId } : {};
      const page = await listMemberAccounts(cmd.trx, cmd.koperasiId, { ...request.query, ...own });
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
      config: { gate: { action: ["savings.view", "savings.view_self"] } },
    },
    async (request) => {
      const cmd = command(request);
      const range = period(request.query, cmd.today);
      const account = await findMemberAccount(cmd.trx, cmd.koperasiId, request.params.memberAccountId);
      // A member sees her own accounts only; another's is as if it did not exist.
      if (!account || (cmd.action === "savings.view_self" && account.memberUserId !== cmd.actor.userId)) throw notFound("Rekening", "Account");
      const statement = await statementOf(cmd.trx, cmd.koperasiId, { column: "member_account_id", id: account.id }, account.normalBalance, {
        ...request.query,
        ...range,
      });
      return { ...statement, memberAccount: publicMemberAccount(account) };
    },
  );
}
