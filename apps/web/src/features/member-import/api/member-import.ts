import { ImportDryRun, MemberImportJob, OpeningBalanceDryRun, OpeningBalancePosted } from "@koperasi/contracts";
import type { z } from "zod";
import { api, buildUrl } from "../../../api/client";

export type DryRunReport = z.output<typeof ImportDryRun>;
export type ImportJob = z.output<typeof MemberImportJob>;
export type OpeningDryRun = z.output<typeof OpeningBalanceDryRun>;
export type OpeningPosted = z.output<typeof OpeningBalancePosted>;

const base = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}`;

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append("file", file, file.name);
  return form;
}

export const dryRunMemberImport = (koperasiId: string, file: File) =>
  api(`${base(koperasiId)}/member-import/dry-run`, { method: "POST", form: fileForm(file), schema: ImportDryRun });

export const startMemberImport = (koperasiId: string, file: File) => api(`${base(koperasiId)}/member-import`, { method: "POST", form: fileForm(file), schema: MemberImportJob });

export const fetchImportJob = (koperasiId: string, jobId: string) => api(`${base(koperasiId)}/member-import/${encodeURIComponent(jobId)}`, { schema: MemberImportJob });

/** Plain links: the browser downloads them with the session cookie. */
export const templateUrl = (koperasiId: string, format: "xlsx" | "csv") => buildUrl(`${base(koperasiId)}/member-import/template.${format}`);
export const memberBookUrl = (koperasiId: string, format: "xlsx" | "pdf", volume = 1) =>
  buildUrl(`${base(koperasiId)}/member-book.${format}`, format === "pdf" ? { jilid: volume } : {});

export interface OpeningBalanceInput {
  goLiveDate: string;
  trialBalance: { accountCode: string; debit: number; credit: number }[];
  memberBalances: { memberNumber: string; accountCode: string; balance: number }[];
}

export const dryRunOpeningBalance = (koperasiId: string, input: OpeningBalanceInput) =>
  api(`${base(koperasiId)}/opening-balance/dry-run`, { method: "POST", json: input, schema: OpeningBalanceDryRun });

export const postOpeningBalance = (koperasiId: string, input: OpeningBalanceInput, idempotencyKey: string) =>
  api(`${base(koperasiId)}/opening-balance`, { method: "POST", json: input, headers: { "Idempotency-Key": idempotencyKey }, schema: OpeningBalancePosted });
