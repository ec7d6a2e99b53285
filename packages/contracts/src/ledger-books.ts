import { z } from "zod";
import { Uuid } from "./common";
import { JournalEntry } from "./ledger";

// Closing the books (month close and reopen, tutup buku), supporting
// documents of journal entries, and opening a member's account.

export const PeriodLabel = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "Periode berformat YYYY-MM, mis. 2026-03." });
export const PeriodParams = z.object({ koperasiId: Uuid, period: PeriodLabel });

export const BookYear = z.coerce
  .number({ error: "Tahun buku berupa angka, mis. 2026." })
  .int({ error: "Tahun buku berupa angka, mis. 2026." })
  .min(1900, { error: "Tahun buku tidak sah." })
  .max(9999, { error: "Tahun buku tidak sah." });
export const BookYearParams = z.object({ koperasiId: Uuid, year: BookYear });

export const ClosedPeriod = z.object({
  period: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string(),
  bookYearClosed: z.boolean(),
});

export const ReopenPeriod = z.strictObject({
  reason: z.string({ error: "Alasan membuka kembali wajib diisi." }).trim().min(3, { error: "Alasan minimal 3 karakter." }).max(300),
});

export const ClosedPeriodQuery = z.strictObject({ year: BookYear.optional() });

export const YearEndClose = z.object({
  bookYear: z.number().int(),
  /** SHU (positive) or loss (negative) moved into SHU tahun berjalan. */
  netResult: z.number().int(),
  /** The closing entry (voucher TB); null when the year had no income or expense. */
  entry: JournalEntry.nullable(),
  closedPeriods: z.array(ClosedPeriod),
});

export const JournalAttachment = z.object({
  id: Uuid,
  entryId: Uuid,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const OpenMemberAccount = z.strictObject({
  memberId: Uuid,
  /** The control account (e.g. Simpanan Sukarela) the account sits under. */
  accountId: Uuid,
});
