import { z } from "zod";
import { Uuid } from "./common";
import { BusinessDate } from "./ledger";
import { LoanInterestMethod, MonthlyRatePercent } from "./loans";

// Loan products (produk pinjaman): a cooperative's terms as a dated history,
// like savings products. Rates are decimal strings of percent.

const WholeRupiah = z.number({ error: "Jumlah harus berupa angka (Rupiah, tanpa titik)." }).int({ error: "Jumlah harus bilangan bulat Rupiah." });
const PositiveRupiah = WholeRupiah.positive({ error: "Jumlah harus lebih dari nol." }).max(999_999_999_999, { error: "Jumlah terlalu besar." });
const NonNegativeRupiah = WholeRupiah.min(0, { error: "Jumlah tidak boleh negatif." }).max(999_999_999_999, { error: "Jumlah terlalu besar." });
/** Percent as decimal text, at most four decimals: "1", "0.1", "2.5". */
export const PercentText = z
  .string({ error: 'Persen ditulis sebagai teks desimal, contoh "1.5".' })
  .trim()
  .regex(/^\d{1,3}(?:[.,]\d{1,4})?$/, { error: "Persen berupa angka desimal tanpa tanda persen, contoh 1.5 (paling banyak 4 angka di belakang koma)." });

export const LoanRepaymentFrequency = z.enum(["monthly", "weekly"], { error: "Angsuran harus monthly (bulanan) atau weekly (mingguan)." });
const Installments = z
  .number({ error: "Jangka waktu harus berupa angka (jumlah angsuran)." })
  .int({ error: "Jangka waktu dalam angsuran utuh." })
  .min(1, { error: "Jangka waktu minimal 1 angsuran." })
  .max(1560, { error: "Jangka waktu paling lama 1.560 angsuran." });

const ChargeKind = z.enum(["provisi", "administrasi", "asuransi"], { error: "Jenis biaya: provisi, administrasi, atau asuransi." });
const ChargeCollection = z.enum(["deducted", "cash"], { error: "Biaya dipotong dari pencairan (deducted) atau dibayar tunai (cash)." });
export const LoanCharge = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ kind: ChargeKind, type: z.literal("flat"), amount: NonNegativeRupiah, collection: ChargeCollection }),
    z.strictObject({ kind: ChargeKind, type: z.literal("percent"), percent: PercentText, collection: ChargeCollection }),
  ],
  { error: "Biaya bertipe flat (dengan amount) atau percent (dengan percent)." },
);

const DendaCap = z.discriminatedUnion(
  "type",
  [z.strictObject({ type: z.literal("amount"), amount: NonNegativeRupiah }), z.strictObject({ type: z.literal("percent_of_overdue"), percent: PercentText })],
  { error: "Batas denda bertipe amount atau percent_of_overdue." },
);
export const LoanDendaRule = z.discriminatedUnion(
  "basis",
  [
    z.strictObject({ basis: z.literal("percent_per_day"), percent: PercentText, graceDays: z.number().int().min(0).max(365).default(0), cap: DendaCap.nullable().default(null) }),
    z.strictObject({ basis: z.literal("flat_per_day"), amount: NonNegativeRupiah, graceDays: z.number().int().min(0).max(365).default(0), cap: DendaCap.nullable().default(null) }),
  ],
  { error: "Denda bertipe percent_per_day (persen per hari) atau flat_per_day (Rupiah per hari)." },
);

/** New terms, in force from `effectiveFrom`. */
export const LoanTermsInput = z.strictObject({
  effectiveFrom: BusinessDate,
  interestMethod: LoanInterestMethod,
  monthlyRatePercent: MonthlyRatePercent,
  repaymentFrequency: LoanRepaymentFrequency.default("monthly"),
  tenorMin: Installments,
  tenorMax: Installments,
  amountMin: PositiveRupiah,
  amountMax: PositiveRupiah,
  roundTo: z.union([z.literal(1), z.literal(100), z.literal(1000)], { error: "Pembulatan angsuran harus 1, 100, atau 1000." }).default(1),
  charges: z.array(LoanCharge).max(3, { error: "Paling banyak tiga biaya: provisi, administrasi, asuransi." }).default([]),
  denda: LoanDendaRule.nullable().default(null),
  requiredSavingsPercent: PercentText.default("0"),
  /** A loan above this needs a second pengurus' approval; null: one approval for any amount. */
  secondApprovalAbove: PositiveRupiah.nullable().default(null),
});

export const LoanTerms = z.object({
  effectiveFrom: z.string(),
  interestMethod: LoanInterestMethod,
  monthlyRatePercent: z.string(),
  repaymentFrequency: LoanRepaymentFrequency,
  tenorMin: z.number().int(),
  tenorMax: z.number().int(),
  amountMin: z.number().int(),
  amountMax: z.number().int(),
  roundTo: z.number().int(),
  charges: z.array(LoanCharge),
  denda: LoanDendaRule.nullable(),
  requiredSavingsPercent: z.string(),
  secondApprovalAbove: z.number().int().nullable(),
});

const ProductCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,19}$/, { error: "Kode produk: huruf besar, angka dan tanda minus, paling banyak 20 karakter." });
const ProductName = z.string().trim().min(1, { error: "Nama produk wajib diisi." }).max(100);

/** GL accounts of a product; each defaults to the chart's (1-1300, 4-1100, 4-1200, 4-1300). */
export const LoanProductAccountsInput = z.strictObject({
  receivableAccountId: Uuid.optional(),
  interestIncomeAccountId: Uuid.optional(),
  chargesIncomeAccountId: Uuid.optional(),
  dendaIncomeAccountId: Uuid.optional(),
});

export const CreateLoanProduct = z.strictObject({
  code: ProductCode,
  name: ProductName,
  accounts: LoanProductAccountsInput.default({}),
  terms: LoanTermsInput,
});

export const UpdateLoanProduct = z.strictObject({
  name: ProductName.optional(),
  status: z.enum(["active", "retired"]).optional(),
});

const AccountRef = z.object({ id: Uuid, code: z.string(), name: z.string() });

export const LoanProduct = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  status: z.enum(["active", "retired"]),
  accounts: z.object({ receivable: AccountRef, interestIncome: AccountRef, chargesIncome: AccountRef, dendaIncome: AccountRef }),
  /** The terms in force today. */
  terms: LoanTerms,
  /** Every dated change, oldest first. */
  history: z.array(LoanTerms),
});

/** What anyone may see of a cooperative's active products, for its simulator page. */
export const PublicLoanProduct = z.object({
  code: z.string(),
  name: z.string(),
  terms: LoanTerms.omit({ secondApprovalAbove: true }),
});
