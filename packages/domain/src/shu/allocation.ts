import { allocateLargestRemainder, BASIS_POINTS_PER_UNIT, rupiah, type Rupiah } from "../money";

// The AD/ART's split of the year's SHU into pools (DOMAIN.md "SHU"). There
// are no statutory percentages: the RAT decides, the cooperative records its
// split as a setting. Percentages are kept in basis points (1% = 100 bp) so
// 2,5% is exact; they must total exactly 100%.

export type ShuPool = "cadangan" | "jasa_modal" | "jasa_usaha" | "dana_pengurus" | "dana_karyawan" | "dana_pendidikan" | "dana_sosial";

/** In this order everywhere: the statement, the Excel sheet, and ties between pools. */
export const SHU_POOLS: readonly ShuPool[] = ["cadangan", "jasa_modal", "jasa_usaha", "dana_pengurus", "dana_karyawan", "dana_pendidikan", "dana_sosial"];

/** The pools shared among members by their basis; the rest go to the cooperative's accounts. */
export const MEMBER_POOLS = ["jasa_modal", "jasa_usaha"] as const satisfies readonly ShuPool[];
export type MemberPool = (typeof MEMBER_POOLS)[number];

export const SHU_POOL_LABELS: Readonly<Record<ShuPool, { readonly id: string; readonly en: string }>> = {
  cadangan: { id: "Cadangan", en: "Reserve" },
  jasa_modal: { id: "Jasa modal anggota", en: "Members' capital share" },
  jasa_usaha: { id: "Jasa usaha anggota", en: "Members' patronage share" },
  dana_pengurus: { id: "Dana pengurus", en: "Board fund" },
  dana_karyawan: { id: "Dana karyawan", en: "Staff fund" },
  dana_pendidikan: { id: "Dana pendidikan", en: "Education fund" },
  dana_sosial: { id: "Dana sosial", en: "Social fund" },
};

/** Basis points per pool. */
export type ShuAllocation = Readonly<Record<ShuPool, number>>;

/** DOMAIN.md's typical split: cadangan 40%, jasa anggota 40% (half modal, half usaha), four funds of 5%. */
export const DEFAULT_SHU_ALLOCATION: ShuAllocation = {
  cadangan: 4_000,
  jasa_modal: 2_000,
  jasa_usaha: 2_000,
  dana_pengurus: 500,
  dana_karyawan: 500,
  dana_pendidikan: 500,
  dana_sosial: 500,
};

const PERCENT = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;

/** "40", "2,5" or "12.25" (percent, at most two decimals) → basis points; null when not such a number or above 100. */
export function percentToBasisPoints(value: string): number | null {
  const match = PERCENT.exec(value.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  const basisPoints = whole * 100 + fraction;
  return basisPoints > BASIS_POINTS_PER_UNIT ? null : basisPoints;
}

/** Basis points → the percent as the cooperative wrote it: 4000 → "40", 250 → "2.5". */
export function basisPointsToPercent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = basisPoints % 100;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
}

export function allocationTotal(allocation: ShuAllocation): number {
  return SHU_POOLS.reduce((sum, pool) => sum + allocation[pool], 0);
}

export function isCompleteAllocation(allocation: ShuAllocation): boolean {
  return SHU_POOLS.every((pool) => Number.isSafeInteger(allocation[pool]) && allocation[pool] >= 0) && allocationTotal(allocation) === BASIS_POINTS_PER_UNIT;
}

/**
 * The year's SHU in whole Rupiah per pool, by largest remainder over the
 * basis points, so the pools add up to the SHU exactly (ties to the earlier
 * pool in SHU_POOLS order). Only a positive SHU is shared.
 */
export function allocateShu(shu: Rupiah, allocation: ShuAllocation): Record<ShuPool, Rupiah> {
  if (!isCompleteAllocation(allocation)) throw new RangeError(`SHU allocation must total ${BASIS_POINTS_PER_UNIT} basis points, got ${allocationTotal(allocation)}`);
  if (shu <= 0) throw new RangeError(`only a positive SHU is shared, got ${shu}`);
  const parts = allocateLargestRemainder(shu, SHU_POOLS.map((pool) => allocation[pool]));
  const result = {} as Record<ShuPool, Rupiah>;
  SHU_POOLS.forEach((pool, index) => {
    result[pool] = parts[index] ?? rupiah(0);
  });
  return result;
}
