import { z } from "zod";

// Loans. The simulator is public (no login): anyone may see what a loan
// would cost before applying. Amounts are whole Rupiah; rates are decimal
// strings so no client's floating point touches them.

/** flat; equal_principal = menurun; annuity = anuitas (DOMAIN.md, "Pinjaman"). */
export const LOAN_INTEREST_METHODS = ["flat", "equal_principal", "annuity"] as const;
export const LoanInterestMethod = z.enum(LOAN_INTEREST_METHODS, {
  error: "Metode bunga harus flat, equal_principal (menurun), atau annuity (anuitas).",
});
export type LoanInterestMethod = z.infer<typeof LoanInterestMethod>;

/** Installments rounded to the whole Rupiah (1), or up to Rp100 or Rp1.000. */
export const LOAN_ROUNDING_MULTIPLES = [1, 100, 1000] as const;

export const LOAN_SIMULATION_LIMITS = {
  principalMin: 100_000,
  principalMax: 10_000_000_000,
  tenorMonthsMin: 1,
  tenorMonthsMax: 240,
  /** Percent per month. */
  monthlyRateMax: 10,
} as const;

const L = LOAN_SIMULATION_LIMITS;

/** A percentage as decimal text: "1.5" (an Indonesian "1,5" is read the same). */
export const MonthlyRatePercent = z
  .string({ error: 'Bunga per bulan wajib diisi sebagai teks desimal, contoh "1.5".' })
  .trim()
  .regex(/^\d{1,3}(?:[.,]\d{1,4})?$/, { error: "Bunga per bulan berupa angka desimal tanpa tanda persen, contoh 1.5 (paling banyak 4 angka di belakang koma)." })
  .refine((text) => Number(text.replace(",", ".")) <= L.monthlyRateMax, { error: `Bunga per bulan paling tinggi ${L.monthlyRateMax}%.` });

export const LoanSimulationRequest = z.strictObject({
  principal: z
    .number({ error: "Pokok pinjaman harus berupa angka (Rupiah, tanpa titik)." })
    .int({ error: "Pokok pinjaman dalam Rupiah utuh." })
    .min(L.principalMin, { error: "Pokok pinjaman minimal Rp100.000." })
    .max(L.principalMax, { error: "Pokok pinjaman paling banyak Rp10.000.000.000." }),
  tenorMonths: z
    .number({ error: "Jangka waktu harus berupa angka (bulan)." })
    .int({ error: "Jangka waktu dalam bulan utuh." })
    .min(L.tenorMonthsMin, { error: "Jangka waktu minimal 1 bulan." })
    .max(L.tenorMonthsMax, { error: `Jangka waktu paling lama ${L.tenorMonthsMax} bulan.` }),
  monthlyRatePercent: MonthlyRatePercent,
  method: LoanInterestMethod,
  roundTo: z
    .union([z.literal(1), z.literal(100), z.literal(1000)], { error: "Pembulatan angsuran harus 1, 100, atau 1000." })
    .default(1),
});
export type LoanSimulationRequest = z.input<typeof LoanSimulationRequest>;

export const LoanScheduleRow = z.object({
  period: z.number().int(),
  principal: z.number().int(),
  interest: z.number().int(),
  installment: z.number().int(),
  /** Principal left after this period's payment. */
  balance: z.number().int(),
});
export type LoanScheduleRow = z.infer<typeof LoanScheduleRow>;

export const LoanSimulation = z.object({
  schedule: z.array(LoanScheduleRow),
  totalInterest: z.number().int(),
  totalPayment: z.number().int(),
  /** IRR of the member's cash flows per month, percent, 3 decimals: "2.643". */
  effectiveMonthlyRatePercent: z.string(),
  /** 12 × the monthly IRR, percent, 2 decimals: "31.72". */
  effectiveAnnualRatePercent: z.string(),
});
export type LoanSimulation = z.infer<typeof LoanSimulation>;
