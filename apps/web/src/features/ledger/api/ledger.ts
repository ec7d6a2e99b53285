import {
  GeneralLedger,
  GlAccount,
  JournalEntry,
  JournalEntryHeader,
  MemberAccount,
  MemberAccountStatement,
  TrialBalance,
  paged,
} from "@koperasi/contracts";
import type { z } from "zod";
import { api } from "../../../api/client";
import type { ManualJournalBody } from "../journal-form";

// The ledger's routes (docs/api.md, "buku besar"). Money-moving POSTs take
// the Idempotency-Key their caller made for the submission.

export type GlAccountItem = z.output<typeof GlAccount>;
export type TrialBalanceData = z.output<typeof TrialBalance>;
export type GeneralLedgerData = z.output<typeof GeneralLedger>;
export type JournalHeader = z.output<typeof JournalEntryHeader>;
export type JournalEntryData = z.output<typeof JournalEntry>;
export type MemberAccountItem = z.output<typeof MemberAccount>;
export type StatementData = z.output<typeof MemberAccountStatement>;
export type StatementItem = StatementData["items"][number];
export type JournalStatus = JournalHeader["status"];

export interface PeriodQuery {
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface JournalListQuery {
  status?: JournalStatus;
  page: number;
  pageSize: number;
}

export interface MemberAccountListQuery {
  q?: string;
  memberId?: string;
  page: number;
  pageSize: number;
}

export interface TransferBody {
  fromMemberAccountId: string;
  toMemberAccountId: string;
  amount: number;
  description?: string;
}

const JournalPage = paged(JournalEntryHeader);
const MemberAccountPage = paged(MemberAccount);

const base = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}`;
const idempotency = (key: string) => ({ "Idempotency-Key": key });

export const fetchAccounts = (koperasiId: string) => api(`${base(koperasiId)}/accounts`, { schema: GlAccount.array() });

export const fetchTrialBalance = (koperasiId: string, asOf?: string) =>
  api(`${base(koperasiId)}/trial-balance`, { query: { asOf }, schema: TrialBalance });

export const fetchGeneralLedger = (koperasiId: string, accountId: string, query: PeriodQuery) =>
  api(`${base(koperasiId)}/accounts/${encodeURIComponent(accountId)}/ledger`, { query: { ...query }, schema: GeneralLedger });

export const fetchJournals = (koperasiId: string, query: JournalListQuery) => api(`${base(koperasiId)}/journals`, { query: { ...query }, schema: JournalPage });

export const fetchJournal = (koperasiId: string, entryId: string) =>
  api(`${base(koperasiId)}/journals/${encodeURIComponent(entryId)}`, { schema: JournalEntry });

export const createManualJournal = (koperasiId: string, body: ManualJournalBody, key: string) =>
  api(`${base(koperasiId)}/journals`, { method: "POST", json: body, headers: idempotency(key), schema: JournalEntry });

export const approveJournal = (koperasiId: string, entryId: string, key: string) =>
  api(`${base(koperasiId)}/journals/${encodeURIComponent(entryId)}/approve`, { method: "POST", headers: idempotency(key), schema: JournalEntry });

export const rejectJournal = (koperasiId: string, entryId: string, reason: string) =>
  api(`${base(koperasiId)}/journals/${encodeURIComponent(entryId)}/reject`, {
    method: "POST",
    json: reason.trim() ? { reason: reason.trim() } : {},
    schema: JournalEntry,
  });

export const reverseJournal = (koperasiId: string, entryId: string, reason: string, key: string) =>
  api(`${base(koperasiId)}/journals/${encodeURIComponent(entryId)}/reverse`, {
    method: "POST",
    json: { reason: reason.trim() },
    headers: idempotency(key),
    schema: JournalEntry,
  });

export const createTransfer = (koperasiId: string, body: TransferBody, key: string) =>
  api(`${base(koperasiId)}/transfers`, { method: "POST", json: body, headers: idempotency(key), schema: JournalEntry });

export const fetchMemberAccounts = (koperasiId: string, query: MemberAccountListQuery) =>
  api(`${base(koperasiId)}/member-accounts`, { query: { ...query }, schema: MemberAccountPage });

export const fetchStatement = (koperasiId: string, memberAccountId: string, query: PeriodQuery) =>
  api(`${base(koperasiId)}/member-accounts/${encodeURIComponent(memberAccountId)}/statement`, { query: { ...query }, schema: MemberAccountStatement });
