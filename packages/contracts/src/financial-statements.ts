import { z } from "zod";

// The SAK EP financial statements of a period (laporan posisi keuangan,
// perhitungan hasil usaha, perubahan ekuitas, arus kas), each with the
// period before it beside, as the app shows them and the PDF and Excel print them.

export const FinancialStatementsQuery = z.object({
  period: z
    .string({ error: "Periode wajib diisi: bulan (2026-11), triwulan (2026-Q4) atau tahun (2026)." })
    .trim()
    .regex(/^\d{4}(-(0[1-9]|1[0-2]|[Qq][1-4]))?$/, { error: "Periode harus berbentuk bulan (2026-11), triwulan (2026-Q4) atau tahun (2026)." }),
  /** As known at this instant (default now): entries posted later are left out, so a past printing is reproduced. */
  knownAt: z.iso.datetime({ offset: true, error: "Waktu harus berbentuk ISO 8601, contoh 2026-12-01T00:00:00+07:00." }).optional(),
});

const Amount = z.number().int();

export const StatementPeriod = z.object({ kind: z.enum(["month", "quarter", "year"]), label: z.string(), from: z.string(), to: z.string() });

/** An account behind a line; code "" marks the income and expenses not yet closed, shown on SHU tahun berjalan. */
const AccountAmount = z.object({ code: z.string(), name: z.string(), amount: Amount });
const LineAmount = z.object({ key: z.string(), label: z.string(), amount: Amount, accounts: z.array(AccountAmount) });
const SectionAmount = z.object({ key: z.string(), label: z.string(), lines: z.array(LineAmount), total: Amount });

const EquityRow = z.object({ opening: Amount, shu: Amount, increase: Amount, decrease: Amount, closing: Amount });

export const FinancialStatementSet = z.object({
  balanceSheet: z.object({
    asAt: z.string(),
    sections: z.array(SectionAmount),
    totalAssets: Amount,
    totalLiabilities: Amount,
    totalEquity: Amount,
    totalLiabilitiesAndEquity: Amount,
  }),
  incomeStatement: z.object({
    from: z.string(),
    to: z.string(),
    income: SectionAmount,
    expenses: SectionAmount,
    shu: Amount,
    otherComprehensiveIncome: Amount,
    totalComprehensiveIncome: Amount,
  }),
  equityChanges: z.object({ from: z.string(), to: z.string(), rows: z.array(EquityRow.extend({ key: z.string(), label: z.string() })), total: EquityRow }),
  cashFlow: z.object({
    from: z.string(),
    to: z.string(),
    activities: z.array(z.object({ key: z.string(), label: z.string(), lines: z.array(z.object({ key: z.string(), label: z.string(), amount: Amount })), net: Amount })),
    netChange: Amount,
    openingCash: Amount,
    closingCash: Amount,
  }),
});
export type FinancialStatementSet = z.infer<typeof FinancialStatementSet>;

/** An entry dated in the period but posted after it ended (a back-dated entry): named in a footnote. */
export const LatePosting = z.object({ voucherNo: z.string(), businessDate: z.string(), postedAt: z.string(), description: z.string() });

export const FinancialStatementsReport = z.object({
  period: StatementPeriod,
  priorPeriod: StatementPeriod,
  knownAt: z.string(),
  current: FinancialStatementSet,
  prior: FinancialStatementSet,
  /** The first of them, in the order posted. */
  latePostings: z.array(LatePosting),
  /** How many there are in all. */
  latePostingCount: z.number().int(),
});
export type FinancialStatementsReport = z.infer<typeof FinancialStatementsReport>;
