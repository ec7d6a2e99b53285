import { allocateLargestRemainder, divideRounded, rupiah, sumRupiah, type Rupiah } from "../money";
import { allocateShu, MEMBER_POOLS, type MemberPool, type ShuAllocation, type ShuPool } from "./allocation";

// Each member's share of the member pools (DOMAIN.md "SHU"):
//   jasa modal = her simpanan basis / total simpanan basis × pool jasa modal
//   jasa usaha = her transactions basis / total × pool jasa usaha
// The basis is whatever measure the cooperative counts (pluggable: a daily
// weighted average of savings as balance-days, a year-end balance, loan
// interest paid, purchases); here it is just a non-negative whole number per
// member. Each share is rounded down and the Rupiah left over go to the
// largest remainders, so the shares add up to the pool exactly; ties go to
// the lower member number, so the result never depends on input order.

export interface ShuMemberBasis {
  memberId: string;
  /** Sorts the members; equal remainders go to the lower number. */
  memberNumber: string;
  jasaModal: number;
  jasaUsaha: number;
}

export interface ShuPoolShare {
  /** Her basis for this pool. */
  basis: number;
  /** pool × basis / total basis, to six decimals (half-up), as text: the figure before rounding. */
  exact: string;
  /** Whole Rupiah after largest remainder. */
  amount: Rupiah;
}

export interface ShuMemberShare {
  memberId: string;
  memberNumber: string;
  jasaModal: ShuPoolShare;
  jasaUsaha: ShuPoolShare;
  total: Rupiah;
}

export interface ShuCalculationResult {
  shu: Rupiah;
  pools: Record<ShuPool, Rupiah>;
  /** Sum of every member's basis per member pool. */
  totalBasis: Record<MemberPool, number>;
  /** A member pool nobody has a basis for is not shared out: the cooperative keeps it (in cadangan). */
  unshared: Record<MemberPool, Rupiah>;
  members: ShuMemberShare[];
  /** What members receive in all. */
  membersTotal: Rupiah;
}

const EXACT_DECIMALS = 6;
const EXACT_SCALE = 10n ** BigInt(EXACT_DECIMALS);

/** pool × basis / total as a decimal with six places, exact to the last one (half-up). */
export function exactShare(pool: Rupiah, basis: number, totalBasis: number): string {
  if (totalBasis === 0) return "0";
  const scaled = divideRounded(BigInt(pool) * BigInt(basis) * EXACT_SCALE, BigInt(totalBasis), "half_up");
  const whole = scaled / EXACT_SCALE;
  const fraction = (scaled % EXACT_SCALE).toString().padStart(EXACT_DECIMALS, "0").replace(/0+$/, "");
  return fraction === "" ? whole.toString() : `${whole}.${fraction}`;
}

/** One pool shared by the bases given (in the order given); all zero when nobody has a basis. */
export function sharePool(pool: Rupiah, bases: readonly number[]): Rupiah[] {
  for (const basis of bases) if (!Number.isSafeInteger(basis) || basis < 0) throw new RangeError(`a basis must be a whole number ≥ 0, got ${basis}`);
  if (bases.length === 0 || bases.every((basis) => basis === 0)) return bases.map(() => rupiah(0));
  return allocateLargestRemainder(pool, bases);
}

function byMemberNumber(a: ShuMemberBasis, b: ShuMemberBasis): number {
  if (a.memberNumber !== b.memberNumber) return a.memberNumber < b.memberNumber ? -1 : 1;
  return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}

const BASIS_KEY: Record<MemberPool, "jasaModal" | "jasaUsaha"> = { jasa_modal: "jasaModal", jasa_usaha: "jasaUsaha" };

/** Shares given pools (already in whole Rupiah) among members: the step the worked examples check. */
export function shareMemberPools(pools: Readonly<Record<MemberPool, Rupiah>>, members: readonly ShuMemberBasis[]) {
  const sorted = [...members].sort(byMemberNumber);
  const totalBasis = { jasa_modal: 0, jasa_usaha: 0 } as Record<MemberPool, number>;
  const amounts = {} as Record<MemberPool, Rupiah[]>;
  for (const pool of MEMBER_POOLS) {
    const bases = sorted.map((member) => member[BASIS_KEY[pool]]);
    amounts[pool] = sharePool(pools[pool], bases);
    const total = bases.reduce((sum, basis) => sum + BigInt(basis), 0n);
    if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("total basis too large");
    totalBasis[pool] = Number(total);
  }
  const shares: ShuMemberShare[] = sorted.map((member, index) => {
    const share = (pool: MemberPool): ShuPoolShare => ({
      basis: member[BASIS_KEY[pool]],
      exact: exactShare(pools[pool], member[BASIS_KEY[pool]], totalBasis[pool]),
      amount: amounts[pool][index] ?? rupiah(0),
    });
    const jasaModal = share("jasa_modal");
    const jasaUsaha = share("jasa_usaha");
    return { memberId: member.memberId, memberNumber: member.memberNumber, jasaModal, jasaUsaha, total: rupiah(jasaModal.amount + jasaUsaha.amount) };
  });
  const unshared = {
    jasa_modal: totalBasis.jasa_modal === 0 ? pools.jasa_modal : rupiah(0),
    jasa_usaha: totalBasis.jasa_usaha === 0 ? pools.jasa_usaha : rupiah(0),
  };
  return { totalBasis, unshared, members: shares, membersTotal: sumRupiah(shares.map((share) => share.total)) };
}

/** The whole calculation: the SHU into pools, the member pools among members. */
export function calculateShu(shu: Rupiah, allocation: ShuAllocation, members: readonly ShuMemberBasis[]): ShuCalculationResult {
  const pools = allocateShu(shu, allocation);
  return { shu, pools, ...shareMemberPools(pools, members) };
}
