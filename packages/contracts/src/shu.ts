import { z } from "zod";
import { Uuid } from "./common";
import { BusinessDate, JournalEntry } from "./ledger";

// SHU (Sisa Hasil Usaha): the cooperative's split of the year's surplus (a
// dated setting), the calculation of a closed year shown per member so anyone
// can recompute it, and its flow calculated → reviewed → approved at the RAT
// → distributed. Percentages are decimal strings ("40", "2.5"); amounts whole Rupiah.

export const SHU_POOL_VALUES = ["cadangan", "jasa_modal", "jasa_usaha", "dana_pengurus", "dana_karyawan", "dana_pendidikan", "dana_sosial"] as const;

const Percent = z
  .string({ error: "Persentase ditulis sebagai angka, mis. \"40\" atau \"2.5\"." })
  .trim()
  .regex(/^\d{1,3}([.,]\d{1,2})?$/, { error: "Persentase antara 0 dan 100, paling banyak 2 angka desimal, mis. 2.5." });

export const ShuPercentages = z.strictObject({
  cadangan: Percent,
  jasa_modal: Percent,
  jasa_usaha: Percent,
  dana_pengurus: Percent,
  dana_karyawan: Percent,
  dana_pendidikan: Percent,
  dana_sosial: Percent,
});

export const JasaModalMeasure = z.enum(["daily_average", "year_end_balance"], { error: "Dasar jasa modal: daily_average (saldo rata-rata harian) atau year_end_balance (saldo akhir tahun)." });
export const JasaUsahaMeasure = z.enum(["interest_paid"], { error: "Dasar jasa usaha: interest_paid (jasa pinjaman yang dibayar)." });

/** A new split, in force from `effectiveFrom` (today or later; defaults to today). */
export const ShuSettingInput = z.strictObject({
  effectiveFrom: BusinessDate.optional(),
  percentages: ShuPercentages,
  jasaModalMeasure: JasaModalMeasure.optional(),
  jasaUsahaMeasure: JasaUsahaMeasure.optional(),
  /** Savings products whose balances count for jasa modal; omitted or null: pokok and wajib. */
  countedProductIds: z.array(Uuid).max(50).nullable().optional(),
});

export const ShuSetting = z.object({
  /** Null for the built-in default the cooperative has not changed. */
  effectiveFrom: z.string().nullable(),
  percentages: ShuPercentages,
  jasaModalMeasure: JasaModalMeasure,
  jasaUsahaMeasure: JasaUsahaMeasure,
  countedProductIds: z.array(Uuid).nullable(),
  /** The products that count, as resolved today. */
  countedProducts: z.array(z.object({ id: Uuid, code: z.string(), name: z.string(), kind: z.string() })),
});

export const ShuSettings = z.object({ current: ShuSetting, history: z.array(ShuSetting) });

export const ShuYearParams = z.object({ koperasiId: Uuid, year: z.coerce.number({ error: "Tahun buku harus angka." }).int().min(1900).max(9999) });
export const ShuYearMemberParams = ShuYearParams.extend({ memberId: Uuid });

export const ShuReviewInput = z.strictObject({ note: z.string().trim().max(1000).optional() });
export const ShuApproveInput = z.strictObject({
  /** The day of the RAT that approved the split. */
  ratDate: BusinessDate,
  note: z.string().trim().max(1000).optional(),
});
export const ShuDistributeInput = z.strictObject({
  /** Into each member's simpanan sukarela (a member without one is owed cash), or every share owed in cash. */
  method: z.enum(["sukarela", "cash"], { error: "Cara pembagian: sukarela atau cash." }),
});

const Rp = z.number().int();

export const ShuMemberShare = z.object({
  memberId: Uuid,
  memberNumber: z.string(),
  fullName: z.string(),
  /** Balance-days of the counted savings (daily average) or the year-end balance. */
  jasaModalBasis: Rp,
  /** Her daily average (balance-days / days of the year), two decimals; the year-end balance otherwise. */
  jasaModalAverage: z.string(),
  jasaModalExact: z.string(),
  jasaModal: Rp,
  jasaUsahaBasis: Rp,
  jasaUsahaExact: z.string(),
  jasaUsaha: Rp,
  total: Rp,
  /** After distribution: her sukarela account, or null when owed in cash. */
  paidToMemberAccountId: Uuid.nullable(),
});

export const ShuCalculation = z.object({
  bookYear: z.number().int(),
  status: z.enum(["calculated", "reviewed", "approved", "distributed"]),
  shu: Rp,
  percentages: ShuPercentages,
  pools: z.record(z.enum(SHU_POOL_VALUES), Rp),
  /** A member pool nobody had a basis for: kept by the cooperative, into cadangan. */
  unshared: z.object({ jasa_modal: Rp, jasa_usaha: Rp }),
  jasaModalMeasure: JasaModalMeasure,
  jasaUsahaMeasure: JasaUsahaMeasure,
  countedProductIds: z.array(Uuid),
  yearDays: z.number().int(),
  totalBasis: z.object({ jasa_modal: Rp, jasa_usaha: Rp }),
  membersTotal: Rp,
  memberCount: z.number().int(),
  calculatedBy: z.string().nullable(),
  calculatedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  ratDate: z.string().nullable(),
  ratNote: z.string().nullable(),
  distributedBy: z.string().nullable(),
  distributedAt: z.string().nullable(),
  distributionMethod: z.enum(["sukarela", "cash"]).nullable(),
  distributionEntryId: Uuid.nullable(),
});

export const ShuMembersQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const ShuMembersPage = z.object({ items: z.array(ShuMemberShare), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

/** A member's own SHU of a year and how it was computed. */
export const MyShu = z.object({
  calculation: ShuCalculation.pick({ bookYear: true, status: true, shu: true, percentages: true, pools: true, jasaModalMeasure: true, jasaUsahaMeasure: true, yearDays: true, totalBasis: true, ratDate: true, distributedAt: true, distributionMethod: true }),
  share: ShuMemberShare.nullable(),
  /** The steps in words, in Bahasa Indonesia. */
  explanation: z.array(z.string()),
});

/** The split's entry first, then the entries paying members' shares into their sukarela (up to 199 members each). */
export const ShuDistribution = z.object({ calculation: ShuCalculation, entries: z.array(JournalEntry) });
