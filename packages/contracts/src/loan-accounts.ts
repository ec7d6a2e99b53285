import { z } from "zod";
import { Uuid } from "./common";
import { Amount, JournalEntry } from "./ledger";

// A loan's life: application, approval, disbursement, repayment, payoff.
// Money-moving requests carry an Idempotency-Key.

export const LOAN_STATUS_VALUES = ["applied", "approved", "rejected", "disbursed", "paid_off"] as const;
export const LoanStatus = z.enum(LOAN_STATUS_VALUES);

export const ApplyForLoan = z.strictObject({
  /** Staff name the member; a member applying herself leaves it out. */
  memberId: Uuid.optional(),
  productId: Uuid,
  principal: Amount,
  tenor: z.number({ error: "Jangka waktu harus berupa angka (jumlah angsuran)." }).int({ error: "Jangka waktu dalam angsuran utuh." }),
  purpose: z.string({ error: "Tujuan pinjaman wajib diisi." }).trim().min(3, { error: "Tujuan pinjaman minimal 3 karakter." }).max(500),
});

export const RejectLoan = z.strictObject({
  reason: z.string({ error: "Alasan penolakan wajib diisi." }).trim().min(3, { error: "Alasan penolakan minimal 3 karakter." }).max(500),
});

const PaidThrough = z.enum(["cash", "savings"], { error: "Pilih cash (tunai) atau savings (simpanan sukarela)." });

export const DisburseLoan = z.strictObject({
  /** Cash at the counter, or into the member's sukarela account. */
  to: PaidThrough,
  savingsAccountId: Uuid.optional(),
});

export const RepayLoan = z.strictObject({
  amount: Amount,
  /** Cash at the counter, or from the member's sukarela account. */
  from: PaidThrough,
  savingsAccountId: Uuid.optional(),
});

export const LoanInstallment = z.object({
  period: z.number().int(),
  dueDate: z.string(),
  principal: z.number().int(),
  interest: z.number().int(),
  installment: z.number().int(),
  principalPaid: z.number().int(),
  interestPaid: z.number().int(),
  interestWaived: z.number().int(),
  dendaPaid: z.number().int(),
});

export const LoanPayoffQuote = z.object({
  asOf: z.string(),
  denda: z.number().int(),
  interest: z.number().int(),
  principal: z.number().int(),
  total: z.number().int(),
});

export const Loan = z.object({
  id: Uuid,
  memberId: Uuid,
  memberNumber: z.string(),
  memberName: z.string(),
  productId: Uuid,
  productCode: z.string(),
  productName: z.string(),
  principal: z.number().int(),
  tenor: z.number().int(),
  purpose: z.string(),
  channel: z.enum(["staff", "member"]),
  status: LoanStatus,
  approvalsRequired: z.number().int(),
  approvals: z.array(z.object({ step: z.number().int(), approvedBy: z.string(), approvedAt: z.string() })),
  appliedBy: z.string(),
  appliedAt: z.string(),
  rejection: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
  memberAccountId: Uuid.nullable(),
  disbursedOn: z.string().nullable(),
  disbursedTo: z.enum(["cash", "savings"]).nullable(),
  disbursementEntryId: Uuid.nullable(),
  outstandingPrincipal: z.number().int(),
  paidOffOn: z.string().nullable(),
  schedule: z.array(LoanInstallment),
  /** A running loan's payoff today: denda, the interest of installments already due, all principal left. */
  payoff: LoanPayoffQuote.nullable(),
  /** The oldest installment not fully paid: its due date and what is left of it. */
  nextDue: z.object({ period: z.number().int(), dueDate: z.string(), amount: z.number().int() }).nullable(),
});

export const LoanQuery = z.strictObject({
  status: LoanStatus.optional(),
  memberId: Uuid.optional(),
});

/** A posted disbursement or repayment: the loan after it, the entry, and its receipt. */
export const LoanPosting = z.object({
  loan: Loan,
  entry: JournalEntry,
  receiptPdfUrl: z.string(),
  /** The entry's proof in the cooperative's transparency log (C2SP tlog-proof), once sequenced. */
  proofUrl: z.string(),
  /** A repayment's split, oldest installment first. */
  allocation: z.array(z.object({ period: z.number().int(), denda: z.number().int(), interest: z.number().int(), principal: z.number().int() })).nullable(),
});
