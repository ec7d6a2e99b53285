import { z } from "zod";

// Go-live (saldo awal): the balances a cooperative brings from paper or a
// spreadsheet, as ONE opening entry dated the go-live date.

const rupiah = (label: string) =>
  z.number({ error: `${label} harus berupa angka (Rupiah, tanpa titik).` }).int({ error: `${label} dalam Rupiah utuh.` }).max(Number.MAX_SAFE_INTEGER);

export const OpeningTrialBalanceLine = z.strictObject({
  accountCode: z.string().trim().min(1, { error: "Kode akun wajib diisi." }).max(20),
  debit: rupiah("Debit").min(0, { error: "Debit tidak boleh negatif." }).default(0),
  credit: rupiah("Kredit").min(0, { error: "Kredit tidak boleh negatif." }).default(0),
});

export const OpeningMemberBalance = z.strictObject({
  memberNumber: z.string().trim().min(1, { error: "Nomor anggota wajib diisi." }).max(40),
  /** The control account the member's balance sits under (e.g. 2-1100 Simpanan Sukarela). */
  accountCode: z.string().trim().min(1, { error: "Kode akun wajib diisi." }).max(20),
  /** May be negative here so the dry run can name it; it is refused there. */
  balance: rupiah("Saldo"),
});

export const OpeningBalanceRequest = z.strictObject({
  goLiveDate: z.iso.date({ error: "Tanggal mulai berformat YYYY-MM-DD." }),
  trialBalance: z.array(OpeningTrialBalanceLine).min(1, { error: "Neraca saldo kosong." }).max(5000),
  memberBalances: z.array(OpeningMemberBalance).max(300_000).default([]),
});

export const OpeningBalanceProblem = z.object({
  section: z.enum(["trialBalance", "memberBalances"]),
  /** 1-based position in its list (the spreadsheet row minus the header), null for the section as a whole. */
  index: z.number().int().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

export const OpeningBalanceDryRun = z.object({
  problems: z.array(OpeningBalanceProblem),
  totalDebit: z.number().int(),
  totalCredit: z.number().int(),
  /** Lines the opening entry would have. */
  lines: z.number().int(),
  memberAccountsToOpen: z.number().int(),
});

export const OpeningBalancePosted = z.object({
  entryId: z.string(),
  voucherNo: z.string(),
  businessDate: z.string(),
  lines: z.number().int(),
  memberAccountsOpened: z.number().int(),
});
