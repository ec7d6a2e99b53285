import { z } from "zod";
import { Uuid } from "./common";
import { Amount, BusinessDate } from "./ledger";
import { ContactChannel } from "./member-contact";

// The transaction PIN, the cooperative's payment settings, the platform's
// commission rates and the fee quote a member sees before she pays.

const Pin = z.string({ error: "PIN harus 6 angka." }).regex(/^\d{6}$/, { error: "PIN harus 6 angka." });

export const TransactionPinStatus = z.object({
  set: z.boolean(),
  /** While locked after too many wrong tries: until when (ISO 8601). */
  lockedUntil: z.string().nullable(),
  failures: z.number().int(),
});

export const RequestPinCode = z.strictObject({ channel: ContactChannel });
export const PinCodeSent = z.object({ channel: ContactChannel, sentTo: z.string(), expiresAt: z.string() });

/** Sets the PIN, or resets a forgotten or locked one: soon after signing in, with the code sent to her. */
export const SetTransactionPin = z.strictObject({
  pin: Pin,
  code: z.string({ error: "Isi kode 6 angka." }).regex(/^\d{6}$/, { error: "Kode harus 6 angka." }),
  channel: ContactChannel,
});

export const FeeBearer = z.enum(["member", "koperasi"], { error: "Pilih member (anggota) atau koperasi." });
const CommissionKind = z.string({ error: "Jenis transaksi tidak sah." }).regex(/^[a-z][a-z0-9_]{1,39}$/, { error: "Jenis transaksi tidak sah." });

export const PaymentSettings = z.object({
  /** Staff confirm a money movement above this amount with their PIN (0: every amount). */
  staffPinAbove: z.number().int(),
  /** Who bears the commission, per kind; a kind not listed is borne by the member. */
  feeBearers: z.record(z.string(), FeeBearer),
});

export const UpdatePaymentSettings = z.strictObject({
  staffPinAbove: Amount.optional(),
  feeBearers: z.record(CommissionKind, FeeBearer).optional(),
});

export const CommissionRate = z.object({
  id: Uuid,
  kind: z.string(),
  /** A decimal string, e.g. "0.75". */
  ratePercent: z.string(),
  maximumFee: z.number().int().nullable(),
  effectiveFrom: BusinessDate,
  setAt: z.string(),
});

export const CreateCommissionRate = z.strictObject({
  kind: CommissionKind,
  ratePercent: z.string({ error: "Tulis persen sebagai teks desimal, mis. \"0.75\"." }),
  maximumFee: Amount.nullable().optional(),
  effectiveFrom: BusinessDate,
});

export const CreateFeeQuote = z.strictObject({
  kind: CommissionKind,
  amount: Amount,
  /** The scanned QR; without it the quote is a preview that cannot be used to pay. */
  payload: z.string().min(1, { error: "Payload QR kosong." }).max(1024, { error: "Payload QR terlalu panjang." }).optional(),
});

export const FeeQuote = z.object({
  quoteId: Uuid,
  kind: z.string(),
  amount: z.number().int(),
  fee: z.number().int(),
  total: z.number().int(),
  ratePercent: z.string(),
  maximumFee: z.number().int().optional(),
  bearer: FeeBearer,
  preview: z.boolean(),
  expiresAt: z.string(),
});

export const KoperasiNotice = z.object({ id: Uuid, kind: z.string(), title: z.string(), body: z.string(), createdAt: z.string() });
