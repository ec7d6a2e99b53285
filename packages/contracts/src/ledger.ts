import { z } from "zod";
import { Uuid } from "./common";

// The general ledger: chart of accounts, journals (maker–checker), transfers
// between member accounts, and the views (neraca saldo, buku besar, rekening
// koran). Amounts are whole Rupiah as JSON numbers. Requests that move money
// carry an `Idempotency-Key` header.

export const ACCOUNT_TYPE_VALUES = ["aset", "liabilitas", "ekuitas", "pendapatan", "beban"] as const;
export const AccountType = z.enum(ACCOUNT_TYPE_VALUES, { error: "Jenis akun harus aset, liabilitas, ekuitas, pendapatan, atau beban." });
export const NormalBalance = z.enum(["debit", "credit"], { error: "Saldo normal harus debit atau credit." });

/** Whole Rupiah. Only the type is checked here: the ledger names what is wrong with the amount (not whole, not above zero). */
export const Amount = z.number({ error: "Jumlah harus berupa angka (Rupiah, tanpa titik)." });
export const BusinessDate = z.iso.date({ error: "Tanggal berformat YYYY-MM-DD." });

export const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .describe("Wajib untuk transaksi keuangan: kunci unik per permintaan (mis. UUID) yang dibuat klien saat pengguna bertindak."),
});

export const GlAccount = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  type: AccountType,
  normalBalance: NormalBalance,
  parentId: Uuid.nullable(),
  isGroup: z.boolean(),
  isControl: z.boolean(),
  status: z.enum(["open", "closed"]),
});

export const CreateGlAccount = z.strictObject({
  code: z.string({ error: "Kode akun wajib diisi." }).trim().min(1, { error: "Kode akun wajib diisi." }).max(20, { error: "Kode akun paling panjang 20 karakter." }),
  name: z.string({ error: "Nama akun wajib diisi." }).trim().min(2, { error: "Nama akun minimal 2 karakter." }).max(120),
  type: AccountType,
  normalBalance: NormalBalance.optional(),
  parentId: Uuid.nullable().optional(),
  isGroup: z.boolean().optional(),
  isControl: z.boolean().optional(),
});

export const JournalLineInput = z.strictObject({
  accountId: Uuid,
  debit: Amount.optional(),
  credit: Amount.optional(),
});

export const CreateManualJournal = z.strictObject({
  businessDate: BusinessDate,
  description: z.string({ error: "Keterangan wajib diisi." }).trim().min(3, { error: "Keterangan minimal 3 karakter." }).max(500),
  lines: z.array(JournalLineInput, { error: "Baris jurnal wajib diisi." }).max(200, { error: "Jurnal paling banyak memiliki 200 baris." }),
});

export const ReverseJournal = z.strictObject({
  reason: z.string({ error: "Alasan koreksi wajib diisi." }).trim().min(3, { error: "Alasan koreksi minimal 3 karakter." }).max(300),
});

export const RejectJournal = z.strictObject({
  reason: z.string().trim().max(300).optional(),
});

export const JournalStatus = z.enum(["pending", "posted", "rejected"]);

export const JournalLine = z.object({
  lineNo: z.number().int(),
  accountId: Uuid,
  accountCode: z.string(),
  accountName: z.string(),
  memberAccountId: Uuid.nullable(),
  debit: z.number().int(),
  credit: z.number().int(),
});

export const JournalEntryHeader = z.object({
  id: Uuid,
  status: JournalStatus,
  voucherNo: z.string().nullable(),
  businessDate: z.string(),
  description: z.string(),
  source: z.string(),
  sourceRef: z.string().nullable(),
  reversesEntryId: Uuid.nullable(),
  createdBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  createdAt: z.string(),
  postedAt: z.string().nullable(),
});

export const JournalEntry = JournalEntryHeader.extend({
  totalDebit: z.number().int(),
  totalCredit: z.number().int(),
  lines: z.array(JournalLine),
});

export const JournalQuery = z.strictObject({
  status: JournalStatus.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const CreateTransfer = z.strictObject({
  fromMemberAccountId: Uuid,
  toMemberAccountId: Uuid,
  amount: Amount,
  description: z.string().trim().min(3, { error: "Keterangan minimal 3 karakter." }).max(200).optional(),
});

export const TrialBalanceQuery = z.strictObject({ asOf: BusinessDate.optional() });

export const TrialBalance = z.object({
  asOf: z.string(),
  rows: z.array(
    z.object({
      accountId: Uuid,
      code: z.string(),
      name: z.string(),
      type: AccountType,
      normalBalance: NormalBalance,
      totalDebit: z.number().int(),
      totalCredit: z.number().int(),
      debit: z.number().int(),
      credit: z.number().int(),
    }),
  ),
  totalDebit: z.number().int(),
  totalCredit: z.number().int(),
});

export const StatementQuery = z.strictObject({
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const StatementLine = z.object({
  entryId: Uuid,
  voucherNo: z.string(),
  businessDate: z.string(),
  postedAt: z.string(),
  description: z.string(),
  lineNo: z.number().int(),
  memberAccountId: Uuid.nullable(),
  debit: z.number().int(),
  credit: z.number().int(),
  balance: z.number().int(),
});

const StatementBase = z.object({
  from: z.string(),
  to: z.string(),
  openingBalance: z.number().int(),
  closingBalance: z.number().int(),
  items: z.array(StatementLine),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const GeneralLedger = StatementBase.extend({ account: GlAccount });

export const MemberAccount = z.object({
  id: Uuid,
  memberId: Uuid,
  memberNumber: z.string(),
  memberName: z.string(),
  accountId: Uuid,
  accountCode: z.string(),
  accountName: z.string(),
  balance: z.number().int(),
  status: z.enum(["open", "closed"]),
});

export const MemberAccountQuery = z.strictObject({
  memberId: Uuid.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const MemberAccountStatement = StatementBase.extend({ memberAccount: MemberAccount });
