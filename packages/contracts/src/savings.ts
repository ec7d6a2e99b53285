import { z } from "zod";
import { Uuid } from "./common";
import { Amount, BusinessDate, JournalEntry } from "./ledger";

// Savings products (produk simpanan) and the counter (setoran, penarikan).

export const SAVINGS_KIND_VALUES = ["pokok", "wajib", "sukarela", "berjangka"] as const;
export const SavingsKind = z.enum(SAVINGS_KIND_VALUES, { error: "Jenis simpanan harus pokok, wajib, sukarela, atau berjangka." });
export const InterestMethod = z.enum(["daily_balance", "average_daily_balance", "lowest_balance"], {
  error: "Metode jasa harus daily_balance, average_daily_balance, atau lowest_balance.",
});

const WholeRupiah = z.number({ error: "Jumlah harus berupa angka (Rupiah, tanpa titik)." }).int({ error: "Jumlah harus bilangan bulat Rupiah." });
const PositiveRupiah = WholeRupiah.positive({ error: "Jumlah harus lebih dari nol." }).max(999_999_999_999, { error: "Jumlah terlalu besar." });
const NonNegativeRupiah = WholeRupiah.min(0, { error: "Jumlah tidak boleh negatif." }).max(999_999_999_999, { error: "Jumlah terlalu besar." });
/** Percent a year as a decimal string: "3", "3.5" (3,5% p.a.); 0–100, at most four decimals. */
const RatePercent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, { error: "Suku jasa ditulis sebagai persen per tahun, mis. 3.5 (paling banyak 4 angka desimal)." });

export const SavingsTerms = z.object({
  effectiveFrom: z.string(),
  pokokAmount: z.number().int().nullable(),
  wajibAmount: z.number().int().nullable(),
  wajibPeriod: z.enum(["monthly", "quarterly", "yearly"]).nullable(),
  wajibClassAmounts: z.record(z.string(), z.number().int()),
  annualRatePercent: z.string().nullable(),
  interestMethod: InterestMethod.nullable(),
  minEarningBalance: z.number().int(),
  minBalance: z.number().int(),
  tenorMonths: z.number().int().nullable(),
  interestPayout: z.enum(["monthly", "at_maturity"]).nullable(),
  autoRollover: z.boolean(),
  earlyWithdrawalPenaltyPercent: z.string().nullable(),
  dormantAfterMonths: z.number().int().nullable(),
  withdrawalApprovalThreshold: z.number().int().nullable(),
});

export const SavingsProduct = z.object({
  id: Uuid,
  kind: SavingsKind,
  code: z.string(),
  name: z.string(),
  accountId: Uuid,
  accountCode: z.string(),
  accountName: z.string(),
  status: z.enum(["active", "retired"]),
  /** The terms in force today. */
  terms: SavingsTerms,
  /** Every dated change, oldest first. */
  history: z.array(SavingsTerms),
});

/** New terms, in force from `effectiveFrom` (today or later). Fields that do not apply to the kind are refused. */
export const SavingsTermsInput = z.strictObject({
  effectiveFrom: BusinessDate,
  pokokAmount: PositiveRupiah.nullable().optional(),
  wajibAmount: PositiveRupiah.nullable().optional(),
  wajibPeriod: z.enum(["monthly", "quarterly", "yearly"], { error: "Periode wajib: monthly, quarterly, atau yearly." }).nullable().optional(),
  wajibClassAmounts: z.record(z.string().trim().min(1).max(40), PositiveRupiah).optional(),
  annualRatePercent: RatePercent.nullable().optional(),
  interestMethod: InterestMethod.nullable().optional(),
  minEarningBalance: NonNegativeRupiah.optional(),
  minBalance: NonNegativeRupiah.optional(),
  tenorMonths: z.number().int().min(1).max(120).nullable().optional(),
  interestPayout: z.enum(["monthly", "at_maturity"], { error: "Pembayaran jasa: monthly atau at_maturity." }).nullable().optional(),
  autoRollover: z.boolean().optional(),
  earlyWithdrawalPenaltyPercent: RatePercent.nullable().optional(),
  dormantAfterMonths: z.number().int().min(1).max(240).nullable().optional(),
  withdrawalApprovalThreshold: PositiveRupiah.nullable().optional(),
});

export const CreateSavingsProduct = z.strictObject({
  kind: SavingsKind,
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,19}$/, { error: "Kode produk: huruf besar, angka dan tanda minus, paling banyak 20 karakter." }),
  name: z.string().trim().min(1, { error: "Nama produk wajib diisi." }).max(100),
  accountId: Uuid,
  terms: SavingsTermsInput,
});

export const UpdateSavingsProduct = z.strictObject({
  name: z.string().trim().min(1, { error: "Nama produk wajib diisi." }).max(100).optional(),
  status: z.enum(["active", "retired"]).optional(),
});

export const CounterTransaction = z.strictObject({
  memberAccountId: Uuid,
  amount: Amount,
  description: z.string().trim().min(3, { error: "Keterangan minimal 3 karakter." }).max(200).optional(),
});

/** A posted deposit or withdrawal, with what the receipt needs. */
export const CounterReceipt = z.object({
  status: z.literal("posted"),
  entry: JournalEntry,
  memberAccountId: Uuid,
  balanceAfter: z.number().int(),
  availableAfter: z.number().int(),
  /** The bukti setoran/penarikan as PDF. */
  receiptPdfUrl: z.string(),
  /** https://wa.me/62…?text=… when the member has a phone number. */
  whatsappUrl: z.string().nullable(),
});

export const WithdrawalRequest = z.object({
  id: Uuid,
  memberAccountId: Uuid,
  memberNumber: z.string(),
  memberName: z.string(),
  amount: z.number().int(),
  description: z.string(),
  status: z.enum(["pending", "approved", "rejected"]),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  journalEntryId: Uuid.nullable(),
});

/** A withdrawal: posted at once, or waiting for a second person (202). */
export const WithdrawalOutcome = z.union([CounterReceipt, z.object({ status: z.literal("pending_approval"), request: WithdrawalRequest })]);

export const CreateHold = z.strictObject({
  memberAccountId: Uuid,
  amount: PositiveRupiah,
  reason: z.string().trim().min(3, { error: "Alasan minimal 3 karakter." }).max(300),
});

export const SavingsHold = z.object({
  id: Uuid,
  memberAccountId: Uuid,
  amount: z.number().int(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  releasedBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
});

/** A member account as the counter sees it: what is in it and what may be taken out. */
export const SavingsBalance = z.object({
  memberAccountId: Uuid,
  productId: Uuid.nullable(),
  productCode: z.string().nullable(),
  kind: SavingsKind.nullable(),
  balance: z.number().int(),
  held: z.number().int(),
  minBalance: z.number().int(),
  available: z.number().int(),
  dormant: z.boolean(),
  lastMovementOn: z.string(),
});
